import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { XpmError } from '../../src/errors/index.js';
import { openDb, runNote, Store } from '../../src/persistence/index.js';
import { buildPlan } from '../../src/plan/index.js';
import { createRun } from '../../src/runtime/index.js';
import { CLI, cleanEnv, cliInProcess, runCli } from '../support/cli.js';
import { tempState } from '../support/runs.js';

// Issue 23, item 2: a lost store is never read as an empty one (a start would redo backup,
// snapshot and reboot), and a store deleted or replaced under a running process is noticed
// before the next commit.
const PLAN = ['--from', '8', '--target', 'B', '--simulate', '--lang', 'en'];
const thrown = (fn: () => unknown): XpmError => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(XpmError);
    return error as XpmError;
  }
  throw new Error('did not throw');
};

describe('a lost store', () => {
  it('a 0-byte store is E_STORE_LOST for start and resume, naming the journal mirror; it stays as it was', () => {
    const state = tempState();
    const mirror = mkdtempSync(join(tmpdir(), 'xpm-mirror-'));
    expect(runCli(['start', ...PLAN, '--journal-mirror', mirror, '--state', state]).code).toBe(3);
    for (const suffix of ['-wal', '-shm']) if (existsSync(state + suffix)) unlinkSync(state + suffix);
    truncateSync(state, 0);
    for (const args of [
      ['start', ...PLAN],
      ['resume', '--lang', 'en'],
      ['status', '--lang', 'de'],
    ]) {
      const r = runCli([...args, '--state', state]);
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr).toContain('[E_STORE_LOST]');
      expect(r.stderr).toContain(mirror);
    }
    expect(statSync(state).size).toBe(0);
  });

  it('a store whose write-ahead log is gone (its tables were only there) is E_STORE_LOST, not migrated afresh', () => {
    const state = tempState();
    // What a lost WAL leaves: SQLite's header in WAL mode, the tables only in the log.
    const db = new Database(state);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE runs (id TEXT)');
    const copy = join(mkdtempSync(join(tmpdir(), 'xpm-nowal-')), 'state.db');
    copyFileSync(state, copy);
    db.close();
    expect(statSync(copy).size).toBeGreaterThan(0);
    expect(thrown(() => openDb(copy)).params).toMatchObject({ how: 'wal' });
    const r = runCli(['start', ...PLAN, '--state', copy]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[E_STORE_LOST]');
  });

  it('a store that has lost the run it began (its log cut short, or deleted) is E_STORE_LOST for start; --after-loss starts over on purpose', async () => {
    const state = tempState();
    const first = await cliInProcess(['start', ...PLAN, '--state', state]);
    expect(first.code, first.stderr).toBe(3);
    const runId = readFileSync(runNote(state), 'utf8').trim();
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    // The run's rows were only in a write-ahead log that was cut short: an empty store remains.
    const empty = join(mkdtempSync(join(tmpdir(), 'xpm-empty-')), 'state.db');
    openDb(empty).close();
    for (const suffix of ['-wal', '-shm']) rmSync(state + suffix, { force: true });
    copyFileSync(empty, state);
    const cut = await cliInProcess(['start', ...PLAN, '--state', state]);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toContain('[E_STORE_LOST]');
    expect(cut.stderr).toContain('--after-loss');
    // Deleted: the note still names the run; nothing is created in its place.
    rmSync(state);
    const gone = await cliInProcess(['start', ...PLAN, '--state', state]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain('[E_STORE_LOST]');
    expect(existsSync(state)).toBe(false);
    // Checked, and begun anew on purpose.
    const again = await cliInProcess(['start', ...PLAN, '--after-loss', '--state', state]);
    expect(again.code, again.stderr).toBe(3);
    const noted = readFileSync(runNote(state), 'utf8').trim();
    expect(noted).not.toBe(runId);
    const status = JSON.parse((await cliInProcess(['status', '--json', '--state', state])).stdout);
    expect(status.runId).toBe(noted);
  });

  it('killed while a new store is made: its path is absent or a whole store, never a 0-byte or schema-less file', async () => {
    const seen = new Set<string>();
    // Every 30 ms up to 600 ms; on a slow machine on, more coarsely, until a kill fell after the
    // store was there too (at most 5 s).
    for (let ms = 60; ms <= 600 || (seen.size < 2 && ms <= 5000); ms += ms < 600 ? 30 : 150) {
      const dir = mkdtempSync(join(tmpdir(), 'xpm-new-'));
      const state = join(dir, 'state.db');
      const child = spawn(process.execPath, [CLI, 'start', ...PLAN, '--state', state], {
        env: cleanEnv(),
        stdio: 'ignore',
      });
      await new Promise((resolve) => setTimeout(resolve, ms));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const r = runCli(['status', '--json', '--state', state, '--lang', 'en']);
      const outcome = r.code === 0 ? 'a run' : (/\[(E_[A-Z_]+)\]/.exec(r.stderr)?.[1] ?? r.stderr);
      expect(['a run', 'E_STORE_MISSING', 'E_NO_RUNS'], `killed after ${ms} ms`).toContain(outcome);
      seen.add(outcome);
    }
    // The kills fell both before and after the store was there.
    expect(seen.size).toBeGreaterThan(1);
    // A cap, not a wait: each kill is a process started and a status read after it.
  }, 180_000);

  it('a draft a killed creator left is removed by the next creation; a live creator’s draft is not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xpm-drafts-'));
    const state = join(dir, 'state.db');
    const gone = spawnSync(process.execPath, ['-e', '']).pid!; // a process that has ended
    const live = process.ppid; // the test runner's parent: alive
    for (const pid of [gone, live]) writeFileSync(`${state}.${pid}.new`, 'half a store');
    openDb(state).close();
    expect(readdirSync(dir).filter((f) => f.endsWith('.new'))).toEqual([`state.db.${live}.new`]);
  });

  it('deleted or replaced under a running process: the next commit is refused and says so', () => {
    const state = tempState();
    const store = new Store(openDb(state));
    const settings = { databases: ['XPDATA'], resumeCommand: [], healthTimeoutSeconds: 1 };
    const runId = createRun(store, buildPlan({ from: '8', target: 'B' }), settings, true);
    store.journal(runId, [
      { kind: 'progress', who: 't', detail: { operation: 'x', database: 'd', percent: 1 } },
    ]);
    const aside = `${state}.aside`;
    renameSync(state, aside);
    expect(
      thrown(() => store.journal(runId, [{ kind: 'run-ended', who: 't', detail: { status: 'x' } }])).params,
    ).toMatchObject({ file: state, how: 'gone' });
    copyFileSync(aside, state); // another file under the same name
    expect(thrown(() => store.enqueue(runId, 't', 'confirm', undefined, {})).params).toMatchObject({
      how: 'replaced',
    });
  });

  it('read-only commands on a missing store say so and create nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xpm-none-'));
    const state = join(dir, 'state.db');
    // Issue 20's read-only commands (status, history, runs, report, ui, snapshots) and the drivers.
    for (const args of [
      ['status'],
      ['history'],
      ['runs'],
      ['report'],
      ['ui'],
      ['snapshots'],
      ['resume'],
      ['confirm', 'x'],
    ]) {
      const r = runCli([...args, '--state', state, '--lang', 'en']);
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr).toContain('[E_STORE_MISSING]');
    }
    expect(readdirSync(dir)).toEqual([]);
    // The startup task names its store: after the reboot a missing one is lost, not "none".
    const task = runCli(['resume', '--after-reboot', '--state', state, '--lang', 'en']);
    expect(task.code).toBe(2);
    expect(task.stderr).toContain('[E_STORE_LOST]');
    expect(readdirSync(dir)).toEqual([]);
  });
});
