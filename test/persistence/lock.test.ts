import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireRunLock, lockHolder, openDb, releaseLock } from '../../src/persistence/index.js';
import { bootMarker, isAlive, processStarted, sameProcess } from '../../src/persistence/lock.js';
import { fakeExecutables } from '../support/fake-exe.js';
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

  it.skipIf(process.platform !== 'linux')(
    'a clock step never declares a live holder gone: a wall-clock boot time ("t:") does not decide',
    () => {
      // The holder's row as Windows writes it, an hour before the clock was stepped.
      const db = storeHeldBy(processStarted(other.pid!));
      db.prepare("UPDATE locks SET boot = ? WHERE run_id = 'r'").run(
        `t:${Math.round(Date.now() / 1000) - 3600}`,
      );
      expect(() => acquireRunLock(db, 'r')).toThrow(expect.objectContaining({ code: 'E_RUN_LOCKED' }));
      db.close();
    },
  );

  it('on Windows a pid is the holder when Win32_Process has its start and image (within 5 s), else a later process', () => {
    const me = processStarted(process.pid, 'win32');
    expect(me).toMatch(/^w:\d+:node(\.exe)?$/);
    const [, at, image] = /^w:(\d+):(.+)$/.exec(me)!;
    expect(Math.abs(Number(at) - (Date.now() - process.uptime() * 1000))).toBeLessThan(1000);
    expect(sameProcess(me, `w:${Number(at) + 4000}:${image!.toUpperCase()}`)).toBe(true);
    expect(sameProcess(me, `w:${Number(at) + 60_000}:${image}`)).toBe(false); // pid reused later
    expect(sameProcess(me, `w:${at}:svchost.exe`)).toBe(false);

    // Another pid: asked of Win32_Process through PowerShell (a fake here, answering as it would).
    const pid = other.pid!;
    const fakes = fakeExecutables([{ match: `ProcessId=${pid}`, stdout: `w:1700000000000:node.exe\r\n` }]);
    const before = { ...process.env };
    Object.assign(process.env, {
      XPMIGRATE_POWERSHELL: `${fakes.dir}/powershell`,
      FAKE_LOG: fakes.env.FAKE_LOG,
      FAKE_RULES: fakes.env.FAKE_RULES,
    });
    try {
      expect(processStarted(pid, 'win32')).toBe('w:1700000000000:node.exe');
      expect(fakes.calls()[0]!.args.join(' ')).toContain('Get-CimInstance Win32_Process');
      const holder = { pid, host: hostname(), since: '', boot: 't:1', started: 'w:1700000002000:node.exe' };
      expect(isAlive(holder, 'win32')).toBe(true);
      expect(isAlive({ ...holder, started: 'w:1600000000000:node.exe' }, 'win32')).toBe(false);
      // Asked once per pid and half minute: a viewer rebuilding on every commit spawns no more.
      expect(fakes.calls()).toHaveLength(1);
      // PowerShell not answering: the pid alone decides (a stale lock then needs `unlock`).
      fakes.setRules([{ match: 'Win32_Process', code: 1 }]);
      const parent = { ...holder, pid: process.ppid, started: 'w:1600000000000:node.exe' };
      expect(isAlive(parent, 'win32')).toBe(true);
      expect(fakes.calls()).toHaveLength(2);
    } finally {
      for (const key of ['XPMIGRATE_POWERSHELL', 'FAKE_LOG', 'FAKE_RULES'])
        if (before[key] === undefined) delete process.env[key];
        else process.env[key] = before[key];
    }
  });

  it('a row with no real pid (0, -1: kill() would ask a process group) holds nothing', () => {
    for (const pid of [0, -1]) {
      const db = storeHeldBy('');
      db.prepare("UPDATE locks SET pid = ? WHERE run_id = 'r'").run(pid);
      expect(lockHolder(db, 'r')).toBeUndefined();
      expect(releaseLock(db, 'r')?.pid).toBe(pid);
      db.close();
    }
  });

  it('the holder’s host name in another case is this machine (Windows names have no case)', () => {
    const db = storeHeldBy(processStarted(other.pid!));
    db.prepare("UPDATE locks SET host = ? WHERE run_id = 'r'").run(
      hostname().toUpperCase() === hostname() ? hostname().toLowerCase() : hostname().toUpperCase(),
    );
    // A live holder here: E_RUN_LOCKED (not "elsewhere"), and unlock may not take it away.
    expect(() => acquireRunLock(db, 'r')).toThrow(expect.objectContaining({ code: 'E_RUN_LOCKED' }));
    expect(() => releaseLock(db, 'r')).toThrow(expect.objectContaining({ code: 'E_RUN_LOCKED' }));
    db.close();
  });

  it('a holder written before start times were kept goes by its pid alone', () => {
    const db = storeHeldBy('');
    expect(() => acquireRunLock(db, 'r')).toThrow(expect.objectContaining({ code: 'E_RUN_LOCKED' }));
    db.close();
  });
});
