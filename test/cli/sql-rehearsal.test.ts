import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { SqlModel } from '../../src/simulation/index.js';
import { cleanEnv, cliInProcess, runCli } from '../support/cli.js';
import { handOver, operatorDoes, PLAN_C_SQL_RESTORE, readSim } from '../support/runs.js';

/**
 * Plan C: the databases move to the external SQLSRV01; the old server's SQL Express is the source.
 * Row 12 with xpmigrate's own restore of its safety copy, the path that sends RESTORE itself.
 */
const PLAN_C = [...PLAN_C_SQL_RESTORE, '--simulate', '--lang', 'en'];

function fresh() {
  const dir = mkdtempSync(join(tmpdir(), 'xpm-sqlcli-'));
  const state = join(dir, 'state.db');
  const model = (name: string) => join(`${state}.sql`, `${name}.json`);
  const read = (name: string) => JSON.parse(readFileSync(model(name), 'utf8')) as SqlModel;
  const addFault = (name: string, fault: SqlModel['faults'][number]) => {
    const m = read(name);
    m.faults.push(fault);
    // Written while no CLI process runs, as an operator's change to the server would be.
    writeFileSync(model(name), JSON.stringify(m));
  };
  return { dir, state, read, addFault };
}

describe('plan C rehearsal against the simulated SQL Servers', () => {
  test('runs backup, 2a, FILESTREAM, the replace confirmation and the restore end to end', async () => {
    const { state, read } = fresh();
    const r = await cliInProcess(['start', ...PLAN_C, '--auto-confirm', '--state', state]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Overwriting what row 9 created is the guide's normal case: asked before, never a failure.
    expect(r.stdout).not.toContain('E_SQL_RESTORE_REPLACE');
    expect(r.stdout).not.toContain('✗');
    expect(r.stdout).toMatch(/restore XPDATA \[#+\] 100%/);
    const target = read('SQLSRV01');
    expect(target.counts).toEqual({
      'create-database': 3,
      'create-login': 1,
      'create-user': 6,
      'add-role-member': 6,
      // The databases 2a created are replaced: each taken offline first, so no session holds it.
      'database-offline': 3,
      restore: 3,
    });
    expect(target.databases.XPDATA?.content).toBe('OLDXPHONE\\XPCONNECT:XPDATA');
    // The restore brought the old users; the service account is db_owner again afterwards.
    expect(target.databases.XPDATA?.users['XPHONE\\svc-xphone']?.roles).toEqual(['db_owner']);
    // Two safety copies (before the move, at the cut-over), each database from its own instance:
    // Analytics from XPANALYTICS, restored from there onto the target.
    expect(read('OLDXPHONE_XPCONNECT').counts).toEqual({ backup: 4 });
    expect(read('OLDXPHONE_XPANALYTICS').counts).toEqual({ backup: 2 });
    expect(target.databases.XPSTATS?.content).toBe('OLDXPHONE\\XPANALYTICS:XPSTATS');
    // … and the new server's atlas.xml points Analytics there too (row 8), not at its XPANALYTICS.
    const atlas = readFileSync(join(readSim(state).machines.NEWXPHONE!.installDir, 'atlas.xml'), 'utf8');
    const stats = atlas.split('\n').find((line) => line.includes('name="XPSTATS"'));
    expect(stats).toContain('Data Source=SQLSRV01');
    expect(stats).toContain('useLogin="Windows"');
    const history = (
      JSON.parse((await cliInProcess(['history', '--json', '--state', state])).stdout) as {
        journal: Array<{ kind: string; stepId?: string; detail?: { evidence?: Record<string, string> } }>;
      }
    ).journal;
    expect(history.some((h) => h.kind === 'step-failed')).toBe(false);
    const consent = history.find(
      (h) => h.kind === 'operator-confirm' && h.stepId === 'v8v9.12.confirm-overwrite',
    );
    expect(consent?.detail?.evidence).toEqual({ replace: 'XPDATA,XPVDIR,XPSTATS' });
    // STATS progress per database, in the uneven steps a real server reports, up to 100 %.
    const progress = history
      .filter((h) => h.kind === 'progress' && h.stepId === 'v8v9.12.sql-restore')
      .map((h) => h.detail as { database: string; percent: number });
    for (const db of ['XPDATA', 'XPVDIR', 'XPSTATS']) {
      const steps = progress.filter((p) => p.database === db).map((p) => p.percent);
      expect(steps.at(-1), db).toBe(100);
      expect(steps, db).toEqual([...steps].sort((a, b) => a - b));
    }

    // The same checks on demand: all pass on the target after the run …
    const args = ['sql', 'check', '--simulate', '--state', state, '--server', 'SQLSRV01', '--external'];
    const more = ['--service-account', 'XPHONE\\svc-xphone', '--backup-dir', '\\\\FILESRV\\XPhoneBackup'];
    const ok = await cliInProcess([...args, ...more, '--json']);
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.stdout) as { checks: Array<{ id: string; status: string }> };
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(report.checks.filter((c) => c.id === 'sql.db-owner')).toHaveLength(3);
    // … and the share closed to the SQL Server's account fails with the remedy, in German.
    const m = read('SQLSRV01');
    m.shares[0]!.access = ['XPHONE\\svc-xphone'];
    writeFileSync(join(`${state}.sql`, 'SQLSRV01.json'), JSON.stringify(m));
    const closed = await cliInProcess([...args, ...more, '--lang', 'de']);
    expect(closed.code).toBe(1);
    expect(closed.stdout).toMatch(/✗ sql\.backup-folder .*nicht erreichbar/);
    expect(closed.stdout).toContain('NT Service\\MSSQLSERVER');
    // A virtual account reaches the share as the computer account: the grant goes to that one.
    expect(closed.stdout).toContain('im Netzwerk ist es das Computerkonto XPHONE\\SQLSRV01$');
  });

  test('a connection dropped mid-restore: not finished → the run waits, retry restores; finished → the probe settles it', async () => {
    for (const complete of [false, true]) {
      const { state, read, addFault } = fresh();
      // Without --auto-confirm the run stops at the Backup-Manager's backup; done by the operator,
      // it runs on to the next manual step, after 2a created SQLSRV01.
      expect((await cliInProcess(['start', ...PLAN_C, '--state', state])).code).toBe(3);
      expect((await operatorDoes(state)).code).toBe(3); // the Backup-Manager's backup; now the hand-over
      expect((await handOver(state)).code).toBe(3); // 2a created SQLSRV01 from the new server
      addFault('SQLSRV01', { kind: 'drop', match: '^RESTORE DATABASE', percent: 50, complete, times: 1 });
      const resumed = await cliInProcess(['resume', '--auto-confirm', '--state', state]);
      if (!complete) {
        expect(resumed.code).toBe(1);
        expect(resumed.stdout).toContain('E_SQL_RESTORE_INTERRUPTED');
        expect(read('SQLSRV01').counts.restore ?? 0).toBe(0);
        const retried = await cliInProcess(['retry', '--state', state]);
        expect(retried.code).toBe(3); // restored, now at the follow-up step
        expect((await cliInProcess(['resume', '--auto-confirm', '--state', state])).code).toBe(0);
      } else {
        expect(resumed.code).toBe(0);
        expect(resumed.stdout).not.toContain('E_SQL_RESTORE_INTERRUPTED');
      }
      expect(read('SQLSRV01').counts.restore).toBe(3);
      expect(read('SQLSRV01').databases.XPSTATS?.content).toBe('OLDXPHONE\\XPANALYTICS:XPSTATS');
    }
  });

  test('step 2a on a SQL Server older than 2014 stops before its first statement', async () => {
    const { state, read } = fresh();
    expect((await cliInProcess(['start', ...PLAN_C, '--state', state])).code).toBe(3); // the Backup-Manager's backup
    await cliInProcess(['sql', 'check', '--server', 'SQLSRV01', '--simulate', '--state', state]); // the server exists now
    const m = read('SQLSRV01');
    m.version = '10.50.6000.34'; // SQL Server 2008 R2: no ALTER ROLE … ADD MEMBER (2012+)
    writeFileSync(join(`${state}.sql`, 'SQLSRV01.json'), JSON.stringify(m));
    expect((await operatorDoes(state)).code).toBe(3); // the backup done: the hand-over comes next
    const r = await handOver(state);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('E_SQL_SERVER_TOO_OLD');
    expect(r.stdout).toContain('SQL Server 10.50.6000.34');
    expect(read('SQLSRV01').counts).toEqual({});
  });

  test('the SQL password never reaches the store, the journal or the output', async () => {
    const { dir, state } = fresh();
    const secret = 'Sa-Passw0rd!';
    const env = cleanEnv({ XPMIGRATE_SQL_USER: 'sa', XPMIGRATE_SQL_PASSWORD: secret });
    const r = runCli(['start', ...PLAN_C, '--auto-confirm', '--state', state], { env });
    expect(r.code).toBe(0);
    const logs = [
      r.stdout,
      r.stderr,
      (await cliInProcess(['history', '--json', '--state', state])).stdout,
      (await cliInProcess(['status', '--json', '--state', state])).stdout,
    ];
    for (const text of logs) expect(text).not.toContain(secret);
    // The store, its WAL and the simulated host's state (not the simulated SQL Server's own login table).
    const files = readdirSync(dir).filter((f) => f.startsWith('state.db') && statSync(join(dir, f)).isFile());
    expect(files).toContain('state.db');
    for (const f of files) expect(readFileSync(join(dir, f)).includes(secret)).toBe(false);

    const refused = await cliInProcess([
      'start',
      ...PLAN_C,
      '--sql-server',
      'Data Source=SQLSRV01;User ID=sa;Password=Other-Secret-9',
      '--state',
      join(dir, 'b.db'),
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('E_SQL_PASSWORD_IN_STRING');
    expect(refused.stderr).not.toContain('Other-Secret-9');
    expect(existsSync(join(dir, 'b.db')) && readFileSync(join(dir, 'b.db')).includes('Other-Secret-9')).toBe(
      false,
    );
  });
});
