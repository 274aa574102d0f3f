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
}

export interface RunLock {
  release(): void;
}

/**
 * One process drives a run at a time. A holder on this machine whose process is gone (killed,
 * or from before a reboot, even if its pid is in use again) is taken over; a live one, or one
 * on another machine, refuses with exit code 5.
 */
export function acquireRunLock(db: Db, runId: string): RunLock {
  const token = randomUUID();
  const me = { pid: process.pid, host: hostname(), since: new Date().toISOString(), boot: bootMarker() };
  db.transaction(() => {
    const holder = db.prepare('SELECT pid, host, since, boot FROM locks WHERE run_id = ?').get(runId) as
      | LockHolder
      | undefined;
    if (holder && isAlive(holder)) {
      throw new XpmError(
        'E_RUN_LOCKED',
        { run: runId, pid: holder.pid, host: holder.host, since: holder.since },
        { exitCode: 5 },
      );
    }
    db.prepare(
      'INSERT OR REPLACE INTO locks (run_id, pid, host, since, token, boot) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(runId, me.pid, me.host, me.since, token, me.boot);
  }).immediate();
  return {
    release() {
      db.prepare('DELETE FROM locks WHERE run_id = ? AND token = ?').run(runId, token);
    },
  };
}

export function lockHolder(db: Db, runId: string): LockHolder | undefined {
  const holder = db.prepare('SELECT pid, host, since, boot FROM locks WHERE run_id = ?').get(runId) as
    | LockHolder
    | undefined;
  return holder && isAlive(holder) ? holder : undefined;
}

function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true; // cannot tell: assume it runs
  if (holder.pid === process.pid) return false;
  if (holder.boot && !sameBoot(holder.boot, bootMarker())) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
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
