import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/persistence/index.js';
import { bootMarker, processStarted } from '../../src/persistence/lock.js';
import { runCli } from '../support/cli.js';
import { tempState } from '../support/runs.js';

// Issue 23, item 4: a lock held under another host name (server renamed, store copied) is never
// released by itself, and the error says what it is and how to release it: `unlock`.
const PLAN = ['--from', '8', '--target', 'B', '--simulate', '--lang', 'en'];

describe('a run locked under another host name', () => {
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  afterAll(() => {
    other.kill('SIGKILL');
  });

  function lockedRun(host: string, pid: number, started = ''): { state: string; runId: string } {
    const state = tempState();
    expect(runCli(['start', ...PLAN, '--state', state]).code).toBe(3);
    const [run] = JSON.parse(runCli(['runs', '--json', '--state', state]).stdout).runs as Array<{
      runId: string;
    }>;
    const db = openDb(state);
    db.prepare(
      `INSERT OR REPLACE INTO locks (run_id, pid, host, since, token, boot, started)
       VALUES (?, ?, ?, '2026-11-28T08:00:00.000Z', 't', ?, ?)`,
    ).run(run!.runId, pid, host, bootMarker(), started);
    db.close();
    return { state, runId: run!.runId };
  }

  it('is refused with what it is and the unlock remedy, not "taken over automatically"', () => {
    const { state, runId } = lockedRun('XPSRV-OLD', 4242);
    const r = runCli(['resume', '--state', state, '--lang', 'en']);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('[E_RUN_LOCKED_ELSEWHERE]');
    expect(r.stderr).toContain(`on the machine XPSRV-OLD`);
    expect(r.stderr).toContain(`this is ${hostname()}`);
    expect(r.stderr).toContain(`xpmigrate unlock --run ${runId}`);
    expect(r.stderr).not.toContain('taken over automatically');
    const de = runCli(['resume', '--state', state, '--lang', 'de']);
    expect(de.stderr).toContain('nie von selbst übernommen');
  });

  it('unlock releases it, journals who did, and the run goes on', () => {
    const { state, runId } = lockedRun('XPSRV-OLD', 4242);
    const u = runCli(['unlock', '--run', runId, '--state', state, '--by', 'admin', '--lang', 'en']);
    expect(u.code, u.stderr).toBe(0);
    expect(u.stdout).toContain('process 4242 on XPSRV-OLD');
    const history = JSON.parse(runCli(['history', '--json', '--state', state]).stdout) as {
      journal: Array<{ kind: string; who: string; detail: Record<string, unknown> }>;
    };
    const entry = history.journal.find((j) => j.kind === 'lock-released');
    expect(entry).toMatchObject({ who: 'admin', detail: { host: 'XPSRV-OLD', pid: 4242, here: hostname() } });
    expect(runCli(['resume', '--state', state]).code).not.toBe(5);
    expect(runCli(['unlock', '--run', runId, '--state', state, '--lang', 'en']).stdout).toContain(
      'is not locked',
    );
  });

  it.skipIf(process.platform !== 'linux')('unlock refuses a live holder on this machine', () => {
    const { state, runId } = lockedRun(hostname(), other.pid!, processStarted(other.pid!));
    const u = runCli(['unlock', '--run', runId, '--state', state, '--lang', 'en']);
    expect(u.code).toBe(5);
    expect(u.stderr).toContain('[E_RUN_LOCKED]');
  });
});
