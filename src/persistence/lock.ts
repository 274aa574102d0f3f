import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { XpmError } from '../errors/index.js';
import type { Db } from './open.js';

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

export interface RunLock {
  release(): void;
}

/**
 * One process drives a run at a time. A holder on this machine whose process is gone (killed,
 * rebooted) is taken over; a live one, or one on another machine, refuses with exit code 5.
 */
export function acquireRunLock(db: Db, runId: string): RunLock {
  const token = randomUUID();
  const me = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  db.transaction(() => {
    const holder = db.prepare('SELECT pid, host, since FROM locks WHERE run_id = ?').get(runId) as
      | LockHolder
      | undefined;
    if (holder && isAlive(holder)) {
      throw new XpmError(
        'E_RUN_LOCKED',
        { run: runId, pid: holder.pid, host: holder.host, since: holder.since },
        { exitCode: 5 },
      );
    }
    db.prepare('INSERT OR REPLACE INTO locks (run_id, pid, host, since, token) VALUES (?, ?, ?, ?, ?)').run(
      runId,
      me.pid,
      me.host,
      me.since,
      token,
    );
  }).immediate();
  return {
    release() {
      db.prepare('DELETE FROM locks WHERE run_id = ? AND token = ?').run(runId, token);
    },
  };
}

export function lockHolder(db: Db, runId: string): LockHolder | undefined {
  const holder = db.prepare('SELECT pid, host, since FROM locks WHERE run_id = ?').get(runId) as
    | LockHolder
    | undefined;
  return holder && isAlive(holder) ? holder : undefined;
}

function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true; // cannot tell: assume it runs
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
