import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { basename } from 'node:path';
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
  /** When it was taken (wall clock, as the lock row keeps it). */
  since: string;
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
    since: me.since,
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
  return onThisHost(holder)
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
      if (onThisHost(holder) && isAlive(holder)) throw lockedError(runId, holder);
      db.prepare('DELETE FROM locks WHERE run_id = ?').run(runId);
      return holder;
    })
    .immediate();
}

/**
 * After a VM was reverted with the store on it: the lock row the store had at the snapshot came
 * back with it. Its holder lived on the VM before the revert, so it cannot drive now, whatever
 * its pid says (in a rehearsal the simulated VM's processes share the real machine's pids).
 * Only a row older than `before` (the rollback's own lock, taken before the revert) goes: a driver
 * that began since stays.
 */
export function dropRestoredLock(db: Db, runId: string, before: string): void {
  db.prepare('DELETE FROM locks WHERE run_id = ? AND since < ?').run(runId, before);
}

/**
 * The run's live holder, if any. This process holding it counts only when asked (a viewer that
 * also drives the run shows itself as the driver; the lock itself lets this process take over).
 */
export function lockHolder(db: Db, runId: string, self = false): LockHolder | undefined {
  const holder = storedHolder(db, runId);
  if (holder && self && holder.pid === process.pid && onThisHost(holder)) return holder;
  return holder && isAlive(holder) ? holder : undefined;
}

/** The lock row as stored, whether or not its process still lives. */
function storedHolder(db: Db, runId: string): LockHolder | undefined {
  return db.prepare('SELECT pid, host, since, boot, started FROM locks WHERE run_id = ?').get(runId) as
    | LockHolder
    | undefined;
}

/** Windows compares computer names without case (OLDXPHONE is oldxphone). */
function onThisHost(holder: LockHolder): boolean {
  return holder.host.toLowerCase() === hostname().toLowerCase();
}

/** Whether the holder's process still runs; `platform` only for tests of the Windows way. */
export function isAlive(holder: LockHolder, platform: NodeJS.Platform = process.platform): boolean {
  if (!onThisHost(holder)) return true; // cannot tell: assume it runs
  if (holder.pid === process.pid) return false;
  // No process has such a pid; kill(0 or -1, 0) would ask a whole process group and succeed.
  if (!Number.isSafeInteger(holder.pid) || holder.pid <= 0) return false;
  // A boot_id (Linux) tells a boot for sure; a boot time from the wall clock ("t:", Windows)
  // moves with every clock step, so it never declares a holder gone: its process does.
  if (holder.boot && !holder.boot.startsWith('t:') && holder.boot !== bootMarker()) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (!holder.started) return true; // a row from before start times were kept: the pid alone
  const started = processStarted(holder.pid, platform);
  return !started || sameProcess(started, holder.started);
}

/** Within this, a Windows process's own estimate of its start and the kernel's record agree. */
const WINDOWS_START_SLACK_MS = 5_000;

/** Whether two start records name one process (Linux: equal ticks; Windows: start and image). */
export function sameProcess(a: string, b: string): boolean {
  const wa = /^w:(\d+):(.*)$/.exec(a);
  const wb = /^w:(\d+):(.*)$/.exec(b);
  if (wa && wb)
    return (
      Math.abs(Number(wa[1]) - Number(wb[1])) <= WINDOWS_START_SLACK_MS &&
      wa[2]!.toLowerCase() === wb[2]!.toLowerCase()
    );
  return a === b;
}

/**
 * When a process started, to tell it from a later one with the same pid: Linux's clock ticks
 * since boot (/proc/PID/stat field 22); on Windows "w:<ms since 1970>:<image>", for this process
 * from its own uptime (no spawn on every command), for another from Win32_Process (CreationDate,
 * Name), asked only when a lock row names a live pid. '' where it cannot be known.
 */
export function processStarted(pid: number, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    if (pid === process.pid)
      return `w:${Math.round(Date.now() - process.uptime() * 1000)}:${basename(process.execPath)}`;
    return windowsProcessStart(pid);
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

/** The PowerShell that prints a pid's start and image as "w:<ms since 1970>:<image>". */
export const processStartScript = (pid: number) =>
  `$p = Get-CimInstance Win32_Process -Filter 'ProcessId=${Math.trunc(pid)}'; if ($p) { 'w:{0}:{1}' -f ([DateTimeOffset]$p.CreationDate).ToUnixTimeMilliseconds(), $p.Name }`;

/**
 * Win32_Process's record of a pid ("Win32_Process class": CreationDate, Name), through Windows
 * PowerShell; '' when it cannot be read (then the pid alone decides, and a stale lock is
 * released with `xpmigrate unlock`).
 */
function windowsProcessStart(pid: number): string {
  // A viewer asks on every commit of the run: one PowerShell per pid and half minute at most.
  // A pid cannot change its process without dying first, so a recent answer stays true enough.
  const known = recentStarts.get(pid);
  if (known && performance.now() - known.at < RECENT_MS) return known.started;
  const started = askWin32Process(pid);
  recentStarts.set(pid, { started, at: performance.now() });
  return started;
}
const recentStarts = new Map<number, { started: string; at: number }>();
const RECENT_MS = 30_000;

function askWin32Process(pid: number): string {
  // The same executable as the host's powerShellExe (persistence may not import host); only
  // reached on Windows, where that is powershell.exe.
  try {
    const out = execFileSync(
      process.env.XPMIGRATE_POWERSHELL || 'powershell.exe',
      ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', processStartScript(pid)],
      { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true },
    );
    return /^w:\d+:.+$/m.exec(out)?.[0]?.trim() ?? '';
  } catch {
    return '';
  }
}

/**
 * Which boot this is: Linux's boot_id, else the boot time in seconds ("t:…") from the clock and
 * the uptime, which only says "another boot" together with the holder's process record.
 */
export function bootMarker(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return `t:${Math.round(Date.now() / 1000 - uptime())}`;
  }
}
