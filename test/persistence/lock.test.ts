import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireRunLock, lockHolder, openDb } from '../../src/persistence/index.js';
import { bootMarker, processStarted } from '../../src/persistence/lock.js';
import { tempState } from '../support/runs.js';

describe('the run lock and reused pids', () => {
  // A live process that is not this one, as a lock holder's pid.
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  afterAll(() => {
    other.kill('SIGKILL');
  });

  const storeHeldBy = (started: string) => {
    const db = openDb(tempState());
    db.prepare(
      `INSERT INTO runs (id, no, created_at, route, plan_json, machine_version, simulate, options_json)
       VALUES ('r', 1, 'x', 'v8v9', '{}', 'v', 1, '{}')`,
    ).run();
    db.prepare(
      `INSERT INTO locks (run_id, pid, host, since, token, boot, started)
       VALUES ('r', ?, ?, '2026-11-29T08:00:00.000Z', 't', ?, ?)`,
    ).run(other.pid, hostname(), bootMarker(), started);
    return db;
  };

  it.skipIf(process.platform !== 'linux')('knows when a process started', () => {
    expect(processStarted(other.pid!)).toMatch(/^\d+$/);
    expect(processStarted(other.pid!)).not.toBe('');
    expect(processStarted(2 ** 22 + 1)).toBe(''); // above any pid_max: no such process
  });

  it.skipIf(process.platform !== 'linux')(
    'refuses while the holder’s process lives, takes over when its pid belongs to a later process',
    () => {
      const live = storeHeldBy(processStarted(other.pid!));
      expect(lockHolder(live, 'r')?.pid).toBe(other.pid);
      expect(() => acquireRunLock(live, 'r')).toThrow(expect.objectContaining({ code: 'E_RUN_LOCKED' }));
      live.close();

      // The same pid, but the process holding it started at another time: the holder is gone.
      const reused = storeHeldBy('1');
      expect(lockHolder(reused, 'r')).toBeUndefined();
      const lock = acquireRunLock(reused, 'r');
      expect(lockHolder(reused, 'r')).toBeUndefined(); // held by this process: not another's
      expect(reused.prepare("SELECT pid, started FROM locks WHERE run_id = 'r'").get()).toEqual({
        pid: process.pid,
        started: processStarted(process.pid),
      });
      lock.release();
      reused.close();
    },
  );

  it('a holder written before start times were kept goes by its pid alone', () => {
    const db = storeHeldBy('');
    expect(() => acquireRunLock(db, 'r')).toThrow(expect.objectContaining({ code: 'E_RUN_LOCKED' }));
    db.close();
  });
});
