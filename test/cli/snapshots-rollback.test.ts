import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import type { SqlModel } from '../../src/simulation/index.js';
import { backupManagerBackup } from '../support/backup-manager.js';
import { cleanEnv, cliInProcess, runCli, runCliAsync } from '../support/cli.js';
import { fakeExecutables } from '../support/fake-exe.js';
import { readSim, resumeToEnd } from '../support/runs.js';
import { serversPerTest, xphoneDatabase } from '../support/sql.js';

/** What a real run of a route that moves databases must be told (it guesses nothing). */
const REAL_SETTINGS = [
  '--sql-server',
  '(local)\\XPCONNECT',
  '--backup-dir',
  '\\\\FILESRV\\XPhoneBackup',
  '--service-account',
  'XPHONE\\svc-xphone',
];

/** V7 → V9 plan A in a VM without Analytics: the route of the runs on a (fake) Windows host. */
const V7_PLAN_A_VM = ['--from', '7', '--target', 'A', '--virtual', 'yes', '--analytics', 'no'];

/**
 * A real run checks its databases on the old server's SQL Server at start: here a simulator in
 * this process answers over TCP, reached as a real server is (host,port; a SQL login from the
 * environment), so the start runs with runCliAsync.
 */
async function realSource(): Promise<{ settings: string[]; env: NodeJS.ProcessEnv }> {
  const sql = await startSql('OLDSRV\\XPCONNECT', (m) => {
    for (const db of ['XPDATA', 'XPVDIR', 'XPSTATS']) m.databases[db] = xphoneDatabase(m, db, 50);
  });
  const { port } = sql.access().endpoint!;
  return {
    settings: [...REAL_SETTINGS, '--source-sql', `127.0.0.1,${port}`],
    env: { XPMIGRATE_SQL_USER: 'XPHONE\\admin', XPMIGRATE_SQL_PASSWORD: 'rehearsal' },
  };
}

/** V7 → V9 plan C in a VM: one hop (with its snapshot), then the databases move to SQLSRV01. */
const V7_PLAN_C = [
  '--from',
  '7',
  '--target',
  'C',
  '--virtual',
  'yes',
  '--restore-with',
  'xpmigrate',
  '--simulate',
  '--lang',
  'en',
];

interface Row {
  kind: string;
  stepId: string | null;
  attempt: number | null;
  detail: Record<string, unknown>;
}

function fresh() {
  const dir = mkdtempSync(join(tmpdir(), 'xpm-rollback-'));
  const state = join(dir, 'state.db');
  // In this process (fake executables come with the command's environment); a fault point kills
  // the process it is armed in, so that command has one of its own.
  const cli = async (args: string[], env?: NodeJS.ProcessEnv) =>
    env?.XPMIGRATE_FAULT
      ? runCli([...args, '--state', state, '--lang', 'en'], { env })
      : cliInProcess([...args, '--state', state, '--lang', 'en'], env ?? cleanEnv());
  const json = async <T>(args: string[], env?: NodeJS.ProcessEnv): Promise<T> => {
    const r = await cli([...args, '--json'], env);
    if (r.code !== 0) throw new Error(`${args.join(' ')}: ${r.stdout}${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  };
  const journal = async () => (await json<{ journal: Row[] }>(['history'])).journal;
  const snapshot = async (stepId: string) =>
    (await json<{ snapshots: Array<{ name: string; stepId: string }> }>(['snapshots'])).snapshots.find(
      (s) => s.stepId === stepId,
    )!.name;
  /** The restore on SQLSRV01 loses its connection at 50 % once, without finishing. */
  const breakRestore = async () => {
    await cli(['sql', 'check', '--server', 'SQLSRV01', '--simulate']); // the simulated server exists from now on
    const file = join(`${state}.sql`, 'SQLSRV01.json');
    const model = JSON.parse(readFileSync(file, 'utf8')) as SqlModel;
    model.faults.push({ kind: 'drop', match: '^RESTORE DATABASE', percent: 50, complete: false, times: 1 });
    writeFileSync(file, JSON.stringify(model));
  };
  const cliAsync = (args: string[], env?: NodeJS.ProcessEnv) =>
    runCliAsync([...args, '--state', state, '--lang', 'en'], env ? { env } : {});
  return { dir, state, cli, cliAsync, json, journal, snapshot, breakRestore };
}

/** Up to the failed restore: the hop with its snapshot and reboot are behind the run. */
async function failAfterHop(t: ReturnType<typeof fresh>, extra: string[] = []) {
  expect((await t.cli(['start', ...V7_PLAN_C, '--auto-confirm', ...extra])).code).toBe(4);
  await t.breakRestore();
  const failed = await t.cli(['resume', '--auto-confirm']);
  expect(failed.code).toBe(1);
  expect(failed.stdout).toContain('E_SQL_RESTORE_INTERRUPTED');
}

describe('rollback to a VM snapshot', () => {
  test('store outside the VM: the runtime rewinds the run; the journal keeps the failed attempt, the rollback and the continuation', async () => {
    const t = fresh();
    await failAfterHop(t, ['--store-outside-vm']);
    const name = await t.snapshot('hop.v7v8.snapshot');
    const versionBefore = readSim(t.state).machines.OLDXPHONE!.version;

    const rolled = await t.cli(['rollback', '--to', name, '--yes', '--json']);
    expect(rolled.code).toBe(0);
    const report = JSON.parse(rolled.stdout) as { storeReverted: boolean; undone: string[] };
    expect(report.storeReverted).toBe(false);
    expect(report.undone).toContain('v8v9.cutover-backup');
    expect(report.undone).not.toContain('hop.v7v8.snapshot');
    const sim = readSim(t.state);
    expect(sim.effects['snapshot.revert']).toBe(1);
    // The old server's VM is reverted (taken on V8 already); the run goes on there.
    expect(sim.machines.OLDXPHONE!.version).toBe(versionBefore);
    expect(sim.here).toBe('OLDXPHONE');

    const status = await t.json<{ state: string; currentStep: string }>(['status']);
    expect(status.currentStep).not.toMatch(/^hop\./);
    expect((await resumeToEnd(t.state, () => ['retry'])).at(-1)).toBe(0);

    const rows = await t.journal();
    const failedAt = rows.findIndex((r) => r.kind === 'step-failed' && r.stepId === 'v8v9.12.sql-restore');
    const requestedAt = rows.findIndex((r) => r.kind === 'rollback-requested');
    const rollbackAt = rows.findIndex((r) => r.kind === 'rollback');
    const restoredAt = rows.findLastIndex(
      (r) => r.kind === 'step-done' && r.stepId === 'v8v9.12.sql-restore',
    );
    expect(failedAt).toBeGreaterThan(0);
    expect(requestedAt).toBeGreaterThan(failedAt);
    expect(rollbackAt).toBeGreaterThan(requestedAt);
    expect(restoredAt).toBeGreaterThan(rollbackAt);
    expect(rows[rollbackAt]!.detail).toMatchObject({ snapshot: name });
    // The continuation is a new attempt, numbered after the failed one.
    expect(rows[restoredAt]!.attempt!).toBeGreaterThan(rows[failedAt]!.attempt!);
  });

  test('store on the VM: reverted with it, the rollback and the lost attempt are recorded, the probe settles the snapshot', async () => {
    const t = fresh();
    await failAfterHop(t);
    const name = await t.snapshot('hop.v7v8.snapshot');
    const rolled = await t.cli(['rollback', '--to', name, '--yes', '--json']);
    expect(rolled.code).toBe(0);
    expect(JSON.parse(rolled.stdout)).toMatchObject({ storeReverted: true });

    // The store is as the snapshot caught it: inside the snapshot step, its outcome never written.
    expect((await t.json<{ currentStep: string }>(['status'])).currentStep).toBe('hop.v7v8.snapshot');
    const detected = (await t.journal()).find((r) => r.kind === 'rollback-detected')!;
    expect(detected.detail).toMatchObject({ how: 'rollback', snapshot: name });
    const lost = detected.detail.lost as Row[];
    expect(lost.some((e) => e.kind === 'step-failed' && e.stepId === 'v8v9.12.sql-restore')).toBe(true);
    expect(lost.some((e) => e.kind === 'rollback-requested')).toBe(true);

    const resumed = await t.cli(['resume', '--auto-confirm']);
    expect(resumed.stdout).toContain('resolved after interruption (probe: done)');
    expect((await resumeToEnd(t.state, () => ['retry'])).at(-1)).toBe(0);
    const rows = await t.journal();
    expect(
      rows.findIndex((r) => r.kind === 'step-done' && r.stepId === 'v8v9.12.sql-restore'),
    ).toBeGreaterThan(rows.indexOf(rows.find((r) => r.kind === 'rollback-detected')!));
    // The snapshot found by the probe is recorded again, so it can be rolled back to once more.
    expect(await t.snapshot('hop.v7v8.snapshot')).toBe(name);
  });

  test('store on the VM: the lock row the snapshot caught is the VM’s past, even while its process still lives', async () => {
    const t = fresh();
    // This process drives up to the failure: it held the run when the hop's snapshot was taken,
    // and it is still alive when another process (the page's, a second console) rolls back.
    const inHere = (args: string[]) => cliInProcess([...args, '--state', t.state, '--lang', 'en']);
    expect((await inHere(['start', ...V7_PLAN_C, '--auto-confirm'])).code).toBe(4);
    await t.breakRestore();
    expect((await inHere(['resume', '--auto-confirm'])).code).toBe(1);
    const name = await t.snapshot('hop.v7v8.snapshot');
    const rolled = runCli(['rollback', '--to', name, '--yes', '--json', '--state', t.state, '--lang', 'en']);
    expect(rolled.code, rolled.stderr).toBe(0);
    expect(JSON.parse(rolled.stdout)).toMatchObject({ storeReverted: true });
    // Nothing is left holding the run.
    const lockRows = new Database(t.state).prepare('SELECT pid FROM locks').all();
    expect(lockRows).toEqual([]);
  });

  test('a rollback that ends this process with the VM is noticed on resume through the journal mirror', async () => {
    const t = fresh();
    const mirror = join(t.dir, 'mirror-share');
    await failAfterHop(t, ['--journal-mirror', mirror]);
    const name = await t.snapshot('hop.v7v8.snapshot');
    const killed = await t.cli(
      ['rollback', '--to', name, '--yes'],
      cleanEnv({ XPMIGRATE_FAULT: 'rollback@during-effect' }),
    );
    expect(killed.code).toBeNull(); // SIGKILL right after the VM was reverted

    const resumed = await t.cli(['resume']);
    expect(resumed.stdout).toContain('The store was reverted with the VM');
    const detected = (await t.journal()).find((r) => r.kind === 'rollback-detected')!;
    expect(detected.detail).toMatchObject({ how: 'mirror', snapshot: name });
    expect(
      (detected.detail.lost as Row[]).some(
        (e) => e.kind === 'step-failed' && e.stepId === 'v8v9.12.sql-restore',
      ),
    ).toBe(true);
    // Recorded once: the mirror knows about the rewind now.
    await t.cli(['resume']);
    expect((await t.journal()).filter((r) => r.kind === 'rollback-detected')).toHaveLength(1);
    const runId = (await t.json<{ runId: string }>(['status'])).runId;
    expect(readFileSync(join(mirror, `${runId}.jsonl`), 'utf8')).toContain('"type":"rewound"');
  });

  test('bad targets: unknown, another run, removed; no confirmation without --yes or an answer', async () => {
    const t = fresh();
    expect((await t.cli(['start', ...V7_PLAN_C, '--auto-confirm'])).code).toBe(4);
    const name = await t.snapshot('hops.snapshot-start');
    const first = (await t.json<{ runId: string }>(['status'])).runId;
    expect(
      (
        await t.cli([
          'start',
          '--from',
          '8',
          '--target',
          'C',
          '--virtual',
          'no',
          '--simulate',
          '--new-run',
          '--lang',
          'en',
        ])
      ).code,
    ).toBe(3);
    const second = (await t.json<{ runId: string }>(['status'])).runId;

    const unknown = await t.cli(['rollback', '--to', 'nope', '--yes']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('E_SNAPSHOT_NOT_FOUND');
    const other = await t.cli(['rollback', '--to', name, '--run', second, '--yes']);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('E_SNAPSHOT_OTHER_RUN');
    expect(other.stderr).toContain(first);
    const noAnswer = await t.cli(['rollback', '--to', name]);
    expect(noAnswer.code).toBe(2);
    expect(noAnswer.stderr).toContain('E_CONFIRM_NEEDED');
    const no = await cliInProcess(
      ['rollback', '--to', name, '--state', t.state, '--lang', 'de'],
      cleanEnv(),
      {
        input: 'nein\n',
      },
    );
    expect(no.code).toBe(0);
    expect(no.stdout).toContain('Nichts geändert.');
    expect(readSim(t.state).effects['snapshot.revert']).toBeUndefined();

    expect((await t.cli(['snapshots', 'remove', name, '--yes'])).code).toBe(0);
    const removed = await t.cli(['rollback', '--to', name, '--yes']);
    expect(removed.code).toBe(2);
    expect(removed.stderr).toContain('E_SNAPSHOT_REMOVED');
  });
});

describe('snapshots', () => {
  test('recorded with their checkpoints; long chains and old snapshots are warned about; removal is explicit', async () => {
    const t = fresh();
    const route = ['--from', 'V5', '--target', 'A', '--virtual', 'yes', '--analytics', 'no', '--simulate'];
    const started = await t.cli(['start', ...route, '--auto-confirm']);
    expect(started.code).toBe(4);
    expect((await resumeToEnd(t.state, () => ['retry'])).at(-1)).toBe(0);
    type List = {
      snapshots: Array<{ name: string; stepId: string; checkpoint: number; removedAt: string | null }>;
      warnings: Array<{ code: string; text: string }>;
    };
    const list = await t.json<List>(['snapshots']);
    expect(list.snapshots.map((s) => s.stepId)).toEqual([
      'hops.snapshot-start',
      'hop.v5v6.snapshot',
      'hop.v6v7.snapshot',
      'hop.v7v8.snapshot',
    ]);
    const checkpoints = list.snapshots.map((s) => s.checkpoint);
    expect([...checkpoints].sort((a, b) => a - b)).toEqual(checkpoints);
    expect(list.warnings.map((w) => w.code)).toEqual(['chain']);
    expect(readSim(t.state).snapshots).toHaveLength(4);

    // One of them is four days old.
    const db = new Database(t.state);
    db.prepare('UPDATE snapshots SET at = ? WHERE name = ?').run(
      new Date(Date.now() - 96 * 3_600_000).toISOString(),
      list.snapshots[0]!.name,
    );
    db.close();
    const german = await cliInProcess(['snapshots', '--state', t.state, '--lang', 'de']);
    expect(german.stdout).toContain(`Warnung: Snapshot ${list.snapshots[0]!.name} ist 96 h alt`);
    expect(german.stdout).toContain('Warnung: 4 Snapshots in der Kette');

    const removed = await t.cli(['snapshots', 'remove', list.snapshots[0]!.name, '--yes']);
    expect(removed.code).toBe(0);
    const after = await t.json<List>(['snapshots']);
    expect(after.warnings).toEqual([]);
    expect(after.snapshots[0]!.removedAt).not.toBeNull();
    const sim = readSim(t.state);
    expect(sim.effects['snapshot.remove']).toBe(1);
    expect(sim.snapshots).toHaveLength(3);
    expect((await t.json<{ snapshots: unknown[] }>(['status'])).snapshots).toHaveLength(3);
    expect((await t.cli(['snapshots', 'remove', '--all', '--yes'])).code).toBe(0);
    expect(readSim(t.state).snapshots).toHaveLength(0);
  });
});

const startSql = serversPerTest();

describe('a run on a (fake) Windows host', () => {
  test('PowerShell does the work: manual backup confirmed, version read, resume task and restart, health after the boot', async () => {
    const fake = fakeExecutables([
      {
        match: 'Win32_Service',
        stdout: [{ name: 'AtlasService', state: 'Running', account: 'XPHONE\\svc' }],
      },
      { match: 'LastBootUpTime', stdout: '"2026-11-28T06:00:00Z"' },
      { match: 'XPhone*Server*', stdout: '"8.0.100"' },
      { match: 'ServerStartupMeter', stdout: '100' },
    ]);
    const t = fresh();
    const source = await realSource();
    const env = cleanEnv({ ...fake.env, ...source.env });
    const route = [...V7_PLAN_A_VM, ...source.settings];
    const started = await t.cliAsync(['start', ...route, '--snapshots', 'manual'], env);
    // The Backup-Manager is the operator's: the run asks for its backup file and log.
    expect(started.code).toBe(3);
    expect(started.stdout).toContain('xpmigrate confirm hops.backup --evidence file=… --evidence log=…');
    const left = backupManagerBackup(t.dir);
    const confirmed = await t.cli(
      ['confirm', 'hops.backup', '--evidence', `file=${left.file}`, '--evidence', `log=${left.log}`],
      env,
    );
    expect(confirmed.stdout).toContain("✓ Check the Backup-Manager's log");
    // Now the snapshot, the operator's to take (--snapshots manual): a prompt with the name it
    // suggests, not a failure.
    expect(confirmed.code).toBe(3);
    expect(confirmed.stdout).toMatch(
      /xpmigrate confirm hops\.snapshot-start --evidence snapshot=xpmigrate-[0-9a-f]{8}-hops\.snapshot-start/,
    );
    const asked = await t.json<{ state: string; currentStep: string }>(['status']);
    expect(asked).toMatchObject({ state: 'waiting-operator', currentStep: 'hops.snapshot-start' });
    expect(
      (await t.cli(['confirm', 'hops.snapshot-start', '--evidence', 'snapshot=vor Update 7→8'], env)).code,
    ).toBe(3);
    // The version is read from the server: while it still says 7, "8.0.100" is refused.
    const rules = [
      {
        match: 'Win32_Service',
        stdout: [{ name: 'AtlasService', state: 'Running', account: 'XPHONE\\svc' }],
      },
      { match: 'LastBootUpTime', stdout: '"2026-11-28T06:00:00Z"' },
      { match: 'ServerStartupMeter', stdout: '100' },
    ];
    fake.setRules([...rules, { match: 'XPhone*Server*', stdout: '"7.0.100"' }]);
    const early = await t.cli(['confirm', 'hop.v7v8.update', '--evidence', 'version=8.0.100'], env);
    expect(early.code).toBe(2);
    expect(`${early.stdout}${early.stderr}`).toContain('the server reports version 7.0.100');
    fake.setRules([...rules, { match: 'XPhone*Server*', stdout: '"8.0.100"' }]);
    expect((await t.cli(['confirm', 'hop.v7v8.update', '--evidence', 'version=8.0.100'], env)).code).toBe(4);
    const scripts = fake.calls().map((c) => c.script ?? '');
    expect(scripts.some((s) => s.includes('Register-ScheduledTask'))).toBe(true);
    expect(scripts.some((s) => s.includes('Restart-Computer -Force'))).toBe(true);
    // Not rebooted yet: still waiting.
    expect((await t.cli(['resume'], env)).code).toBe(4);
    fake.setRules([
      {
        match: 'Win32_Service',
        stdout: [{ name: 'AtlasService', state: 'Running', account: 'XPHONE\\svc' }],
      },
      { match: 'LastBootUpTime', stdout: '"2026-11-28T07:00:00Z"' },
      { match: 'ServerStartupMeter', stdout: '100' },
    ]);
    const back = await t.cli(['resume'], env);
    expect(back.code).toBe(3);
    expect(back.stdout).toContain('✓ Restart after the update to V8');
    const snapshots = (await t.json<{ snapshots: Array<{ name: string; provider: string }> }>(['snapshots']))
      .snapshots;
    expect(snapshots).toEqual([expect.objectContaining({ name: 'vor Update 7→8', provider: 'manual' })]);
  });
});

describe('Hyper-V snapshots in a run on a (fake) Windows host', () => {
  test('taken through Hyper-V, recorded; the chain is counted from what Hyper-V lists; an unreachable host is a warning', async () => {
    const vmState = { state: 'Running', snapshot: false, parent: '', uptime: 10 };
    const listed = ['a', 'b', 'c', 'd', 'e'].map((name) => ({
      name,
      createdAt: '2026-11-27T10:00:00.0000000Z',
    }));
    const fake = fakeExecutables([
      { match: 'Checkpoint-VM', stdout: 'true' },
      { match: 'CreationTime', stdout: listed },
      // Once the disconnected session took the checkpoint, the host reports it (and the VM back up).
      {
        match: '[pscustomobject]@{ state',
        after: 'Checkpoint-VM',
        stdout: { ...vmState, snapshot: true },
      },
      { match: '[pscustomobject]@{ state', stdout: vmState },
      {
        match: 'Win32_Service',
        stdout: [{ name: 'AtlasService', state: 'Running', account: 'XPHONE\\svc' }],
      },
      { match: 'XPhone*Server*', stdout: '"7.0.100"' },
    ]);
    const t = fresh();
    const source = await realSource();
    const env = cleanEnv({ ...fake.env, ...source.env });
    const route = [...V7_PLAN_A_VM, ...source.settings];
    // Without the Hyper-V host the cmdlets would run in the guest: refused before anything starts.
    const local = await t.cli(['start', ...route, '--snapshots', 'hyperv', '--vm', 'XPHONE 01'], env);
    expect(local.code).toBe(2);
    expect(local.stderr).toContain('E_SNAPSHOT_HYPERV_HOST_REQUIRED');
    const hv = ['--snapshots', 'hyperv', '--vm', 'XPHONE 01', '--hyperv-host', 'HV01'];
    expect((await t.cliAsync(['start', ...route, ...hv], env)).code).toBe(3); // the Backup-Manager's backup first
    const left = backupManagerBackup(t.dir);
    const backedUp = await t.cli(
      ['confirm', 'hops.backup', '--evidence', `file=${left.file}`, '--evidence', `log=${left.log}`],
      env,
    );
    expect(backedUp.code).toBe(3); // log checked, snapshot taken, now the update
    const scripts = fake.calls().map((c) => c.script ?? '');
    const register = scripts.findIndex((s) => s.includes('Register-ScheduledTask'));
    const take = scripts.findIndex((s) => s.includes('Checkpoint-VM'));
    expect(register).toBeGreaterThanOrEqual(0);
    expect(take).toBeGreaterThan(register); // the VM going off may end us: the task is there first

    type List = {
      snapshots: Array<{ provider: string; vm: string }>;
      warnings: Array<{ code: string; text: string }>;
    };
    const list = await t.json<List>(['snapshots'], env);
    expect(list.snapshots).toEqual([expect.objectContaining({ provider: 'hyperv', vm: 'XPHONE 01' })]);
    expect(list.warnings.map((w) => w.code)).toEqual(['chain']);
    expect(list.warnings[0]!.text).toContain('5 snapshots in the chain of XPHONE 01');

    fake.setRules([
      { match: 'CreationTime', stderr: 'The WinRM client cannot process the request.', code: 1 },
    ]);
    const unreachable = (await t.json<List>(['snapshots'], env)).warnings;
    expect(unreachable.map((w) => w.code)).toEqual(['provider']);
    expect(unreachable[0]!.text).toContain('E_SNAPSHOT_PROVIDER');
  });
});

interface ReportJson {
  status: string;
  versions: { before: string };
  steps: Array<{
    id: string;
    status: string;
    by: string | null;
    evidence: Record<string, string>;
    attempts: number;
    failures: unknown[];
  }>;
  snapshots: unknown[];
  rollbacks: Array<{ kind: string; snapshot: string | null }>;
}

describe('xpmigrate report', () => {
  test('a record of a whole simulated run: steps with who and evidence, the failure, snapshots, the rollback; HTML escaped and printable', async () => {
    const t = fresh();
    await failAfterHop(t, ['--store-outside-vm']);
    const name = await t.snapshot('hop.v7v8.snapshot');
    expect((await t.cli(['rollback', '--to', name, '--yes'])).code).toBe(0);
    expect((await resumeToEnd(t.state, () => ['retry'])).at(-1)).toBe(0);

    const html = join(t.dir, 'report.html');
    const written = await cliInProcess([
      'report',
      '--state',
      t.state,
      '--format',
      'html',
      '--out',
      html,
      '--lang',
      'de',
    ]);
    expect(written.code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<html lang="de">');
    expect(page).toContain('@media print');
    expect(page).not.toMatch(/\s(src|href)=/); // self-contained
    expect(page).toContain('&lt;Databases&gt;'); // step 8's title, escaped
    expect(page).not.toContain('<Databases>');
    expect(page).toContain(name);
    expect(page).toContain('E_SQL_RESTORE_INTERRUPTED');
    expect(page).toContain('version=8.0.100');

    const json = JSON.parse(
      (await cliInProcess(['report', '--state', t.state, '--format', 'json'])).stdout,
    ) as ReportJson;
    expect(json.status).toBe('done');
    expect(json.versions.before).toBe('7');
    const step = (id: string) => json.steps.find((s) => s.id === id)!;
    expect(step('hop.v7v8.update')).toMatchObject({
      status: 'done',
      by: 'auto-confirm (simulation)',
      evidence: { version: '8.0.100' },
    });
    expect(step('v8v9.12.sql-restore').status).toBe('done');
    expect(step('v8v9.12.sql-restore').failures.length).toBeGreaterThan(0);
    expect(step('v8v9.12.sql-restore').attempts).toBeGreaterThanOrEqual(2); // failed, then after the rollback
    expect(json.steps.filter((s) => s.status === 'pending')).toEqual([]);
    expect(json.snapshots).toHaveLength(2);
    expect(json.rollbacks.map((r) => r.kind)).toEqual(['rollback-requested', 'rollback']);
    expect(json.rollbacks[1]!.snapshot).toBe(name);

    const md = (await cliInProcess(['report', '--state', t.state, '--format', 'markdown', '--lang', 'en']))
      .stdout;
    expect(md).toMatch(/^# Migration report: /);
    expect(md).toMatch(
      /\| Install the major update V7 → V8 \(hop\.v7v8\.update; on: existing XPhone server OLDXPHONE\) \| done \| auto-confirm \(simulation\) \|/,
    );
  });
});
