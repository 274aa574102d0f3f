import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  statSync,
  truncateSync,
  unlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XpmError } from '../../src/errors/index.js';
import { openDb, Store } from '../../src/persistence/index.js';
import { buildPlan } from '../../src/plan/index.js';
import { createRun } from '../../src/runtime/index.js';
import { runCli } from '../support/cli.js';
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
    const db = openDb(state); // held open: the schema is still in state.db-wal
    const copy = join(mkdtempSync(join(tmpdir(), 'xpm-nowal-')), 'state.db');
    copyFileSync(state, copy);
    db.close();
    expect(statSync(copy).size).toBeGreaterThan(0);
    expect(thrown(() => openDb(copy)).params).toMatchObject({ how: 'wal' });
    const r = runCli(['start', ...PLAN, '--state', copy]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[E_STORE_LOST]');
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
