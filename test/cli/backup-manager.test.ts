import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { SqlModel } from '../../src/simulation/index.js';
import { appendLog, backupManagerBackup } from '../support/backup-manager.js';
import { cliInProcess } from '../support/cli.js';
import { readSim, status } from '../support/runs.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function fresh() {
  const dir = mkdtempSync(join(tmpdir(), 'xpm-bm-'));
  const state = join(dir, 'state.db');
  const cli = (args: string[], lang = 'en') => cliInProcess([...args, '--state', state, '--lang', lang]);
  const journal = async () =>
    (
      JSON.parse((await cli(['history', '--json'])).stdout) as {
        journal: Array<{ kind: string; stepId: string | null; detail: Record<string, unknown> }>;
      }
    ).journal;
  return { dir, state, cli, journal };
}

describe("the Backup-Manager's backup and restore are the guide's steps", () => {
  test('plan C: the operator backs up and restores with the Backup-Manager; xpmigrate checks its log and keeps its own copy', async () => {
    const t = fresh();
    const r = await t.cli([
      'start',
      '--from',
      '8',
      '--target',
      'C',
      '--virtual',
      'no',
      '--simulate',
      '--auto-confirm',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Overwriting the databases row 9 created is the guide's normal case: no failure anywhere.
    expect(r.stdout).not.toContain('✗');
    const rows = await t.journal();
    expect(rows.some((e) => e.kind === 'step-failed')).toBe(false);
    const confirmed = (id: string) => rows.find((e) => e.kind === 'operator-confirm' && e.stepId === id);
    for (const id of ['v8v9.backup-manager', 'v8v9.cutover'])
      expect(confirmed(id)?.detail.evidence).toMatchObject({
        file: expect.any(String),
        log: expect.any(String),
      });
    expect(confirmed('v8v9.12.restore')?.detail.evidence).toMatchObject({ log: expect.any(String) });
    // Its own three entries at least: the log has whole seconds, and a rehearsal runs many steps in one.
    for (const id of ['v8v9.backup-manager-log', 'v8v9.cutover-log', 'v8v9.12.restore-log'])
      expect(rows.find((e) => e.kind === 'step-done' && e.stepId === id)?.detail).toMatchObject({
        entries: expect.any(Number),
        warnings: [],
      });
    // The Backup-Manager ran twice for a backup and once for the restore; row 12 sent no RESTORE.
    expect(readSim(t.state).effects).toMatchObject({
      'backup-manager.backup': 2,
      'backup-manager.restore': 1,
    });
    const target = JSON.parse(readFileSync(join(`${t.state}.sql`, 'SQLSRV01.json'), 'utf8')) as SqlModel;
    expect(target.counts.restore ?? 0).toBe(0);
    // xpmigrate's own copy is there beside it, named as such.
    expect(r.stdout).toContain('✓ Extra safety copy of the XPhone databases (xpmigrate, SQL BACKUP)');
  });

  test('an error in the log since the step stops the run with the cause and remedy; an older one does not', async () => {
    const t = fresh();
    expect((await t.cli(['start', '--from', '8', '--target', 'A', '--simulate'])).code).toBe(3);
    expect((await status(t.state)).currentStep).toBe('v8v9.backup-manager');
    const { file, log } = backupManagerBackup(t.dir);
    // Yesterday's failed attempt is in the log too: it says nothing about this backup.
    const yesterday = new Date(Date.now() - 86_400_000);
    appendLog(
      log,
      [
        [
          'ERR',
          "SQLHelper.SaveDatabase Cannot open backup device '\\\\nas\\old'. Operating system error 5(Access is denied.)",
        ],
      ],
      yesterday,
    );
    const evidence = ['--evidence', `file=${file}`, '--evidence', `log=${log}`];

    await pause(1100);
    appendLog(log, [
      ['INF', "Benutzer 'Atlas' nicht verfügbar"],
      [
        'ERR',
        "SQLHelper.SaveDatabase Cannot open backup device '\\\\sqlserver\\backupshare\\XPHONE_UC'. Operating system error 5(Zugriff verweigert).",
      ],
    ]);
    await pause(1100);
    const failed = await t.cli(['confirm', 'v8v9.backup-manager', ...evidence], 'de');
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('E_BACKUP_MANAGER_LOG');
    expect(failed.stdout).toContain('BM_SHARE_ACCESS_DENIED');
    expect(failed.stdout).toContain('Betriebssystemfehler 5'); // the cause, in German
    expect(failed.stdout).toContain('Vollzugriff'); // the remedy
    expect(await status(t.state)).toMatchObject({ state: 'failed', currentStep: 'v8v9.backup-manager-log' });

    // A retry reads only what was written since: nothing yet, so the Backup-Manager must run again.
    const stale = await t.cli(['retry']);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('E_BACKUP_MANAGER_LOG_STALE');
    await pause(1100);
    appendLog(log, [['INF', 'Backup finished']]);
    const passed = await t.cli(['retry']);
    expect(passed.stdout).toContain("✓ Check the Backup-Manager's log");
    expect((await status(t.state)).currentStep).not.toBe('v8v9.backup-manager-log');
  });

  test('a backup file that is not there is named; a file that is not a Backup-Manager log is refused', async () => {
    const t = fresh();
    expect((await t.cli(['start', '--from', '8', '--target', 'A', '--simulate'])).code).toBe(3);
    const { log } = backupManagerBackup(t.dir);
    const missing = join(t.dir, 'nowhere.zip');
    const noFile = await t.cli([
      'confirm',
      'v8v9.backup-manager',
      '--evidence',
      `file=${missing}`,
      '--evidence',
      `log=${log}`,
    ]);
    expect(noFile.code).toBe(1);
    expect(noFile.stdout).toContain('E_BACKUP_MANAGER_FILE');
    expect(noFile.stdout).toContain(missing);
    expect(existsSync(missing)).toBe(false);
    const { file } = backupManagerBackup(join(t.dir, 'second'));
    const notALog = await t.cli(['retry', '--evidence', `file=${file}`, '--evidence', `log=${file}`]);
    expect(notALog.code).toBe(1);
    expect(notALog.stdout).toContain('E_DIAG_FORMAT');
  });
});

describe('evidence that names a file', () => {
  test('typed relative to the folder the command ran in, is kept absolute: a retry from elsewhere reads the same log', async () => {
    const t = fresh();
    expect((await t.cli(['start', '--from', '8', '--target', 'A', '--simulate'])).code).toBe(3);
    backupManagerBackup(t.dir);
    // A failed backup in the log, written before the operator names it from the backup's folder.
    appendLog(join(t.dir, 'Logs', 'XPhoneServerBackup.log'), [
      [
        'ERR',
        "SQLHelper.SaveDatabase Cannot open backup device '\\\\nas\\x'. Operating system error 5(Access is denied.)",
      ],
    ]);
    const home = process.cwd();
    process.chdir(t.dir);
    let confirmed: Awaited<ReturnType<typeof cliInProcess>>;
    try {
      confirmed = await cliInProcess([
        ...['confirm', 'v8v9.backup-manager', '--state', t.state, '--lang', 'en'],
        ...[
          '--evidence',
          'file=XPhoneBackup/XPhoneServerBackup_2026.zip',
          '--evidence',
          'log=Logs/XPhoneServerBackup.log',
        ],
      ]);
    } finally {
      process.chdir(home);
    }
    expect(confirmed.stdout).toContain('E_BACKUP_MANAGER_LOG');
    const given = (await t.journal()).find((j) => j.kind === 'operator-confirm')?.detail;
    expect(given).toMatchObject({
      evidence: {
        file: join(t.dir, 'XPhoneBackup', 'XPhoneServerBackup_2026.zip'),
        log: join(t.dir, 'Logs', 'XPhoneServerBackup.log'),
      },
    });
    // Fixed and run again (a later second than the failure); the retry comes from another folder
    // and still reads that log.
    appendLog(
      join(t.dir, 'Logs', 'XPhoneServerBackup.log'),
      [['INF', 'Backup finished']],
      new Date(Date.now() + 2000),
    );
    const retried = await t.cli(['retry']);
    expect(retried.stdout).toContain("✓ Check the Backup-Manager's log");
  });
});
