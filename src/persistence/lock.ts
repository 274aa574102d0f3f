import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { XpmError } from '../errors/index.js';
import type { Db } from './open.js';

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
  /** The holder's boot (see bootMarker); '' from schema 1. */
  boot: string;
  /** When the holder's process started (see processStarted); '' where unknown. */
  started: string;
}

export interface RunLock {
  release(): void;
}

/**
 * One process drives a run at a time. A holder on this machine whose process is gone (killed,
 * or from before a reboot, or whose pid now belongs to a process started later) is taken over; a
 * live one, or one on another machine, refuses with exit code 5.
 */
export function acquireRunLock(db: Db, runId: string): RunLock {
  const token = randomUUID();
  const me = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    boot: bootMarker(),
    started: processStarted(process.pid),
  };
  db.transaction(() => {
    const holder = storedHolder(db, runId);
    if (holder && isAlive(holder)) throw lockedError(runId, holder);
    db.prepare(
      'INSERT OR REPLACE INTO locks (run_id, pid, host, since, token, boot, started) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(runId, me.pid, me.host, me.since, token, me.boot, me.started);
  }).immediate();
  return {
    release() {
      db.prepare('DELETE FROM locks WHERE run_id = ? AND token = ?').run(runId, token);
    },
  };
}

/**
 * A live holder on this machine, or one on another host name: the latter is never taken over by
 * itself (its process may run there, or the server was renamed or the store copied), so the
 * error says so and names `unlock` as the way to release it.
 */
function lockedError(runId: string, holder: LockHolder): XpmError {
  const params = { run: runId, pid: holder.pid, host: holder.host, since: holder.since, here: hostname() };
  return holder.host === hostname()
    ? new XpmError('E_RUN_LOCKED', params, { exitCode: 5 })
    : new XpmError('E_RUN_LOCKED_ELSEWHERE', params, { exitCode: 5 });
}

/**
 * Releases a lock explicitly (`xpmigrate unlock`): allowed when its holder is on another host
 * name or gone; a live holder on this machine is refused as a second driver would be.
 * Returns the released holder, or undefined when there was none.
 */
export function releaseLock(db: Db, runId: string): LockHolder | undefined {
  return db
    .transaction(() => {
      const holder = storedHolder(db, runId);
      if (!holder) return undefined;
      if (holder.host === hostname() && isAlive(holder)) throw lockedError(runId, holder);
      db.prepare('DELETE FROM locks WHERE run_id = ?').run(runId);
      return holder;
    })
    .immediate();
}

/**
 * The run's live holder, if any. This process holding it counts only when asked (a viewer that
 * also drives the run shows itself as the driver; the lock itself lets this process take over).
 */
export function lockHolder(db: Db, runId: string, self = false): LockHolder | undefined {
  const holder = storedHolder(db, runId);
  if (holder && self && holder.pid === process.pid && holder.host === hostname()) return holder;
  return holder && isAlive(holder) ? holder : undefined;
}

/** The lock row as stored, whether or not its process still lives. */
function storedHolder(db: Db, runId: string): LockHolder | undefined {
  return db.prepare('SELECT pid, host, since, boot, started FROM locks WHERE run_id = ?').get(runId) as
    | LockHolder
    | undefined;
}

function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true; // cannot tell: assume it runs
  if (holder.pid === process.pid) return false;
  if (holder.boot && !sameBoot(holder.boot, bootMarker())) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const started = processStarted(holder.pid);
  return !holder.started || !started || started === holder.started;
}

/**
 * When a process started, as Linux counts it (clock ticks since boot, /proc/PID/stat field 22);
 * '' elsewhere, where the pid and the boot are all the lock can go by.
 */
export function processStarted(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

/**
 * Which boot this is: Linux's boot_id, else the boot time in seconds ("t:…") from the clock and
 * the uptime. Two boot times count as one boot within a minute, so that clock adjustments never
 * declare a live holder dead; two real boots are further apart than that.
 */
export function bootMarker(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return `t:${Math.round(Date.now() / 1000 - uptime())}`;
  }
}

function sameBoot(a: string, b: string): boolean {
  if (a.startsWith('t:') && b.startsWith('t:'))
    return Math.abs(Number(a.slice(2)) - Number(b.slice(2))) <= 60;
  return a === b;
}
