import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { type JournalEntry, type JournalKind, openDb, Store } from '../../src/persistence/index.js';
import { MIGRATIONS } from '../../src/persistence/migrations.js';
import { cliInProcess } from '../support/cli.js';
import { operatorDoes, tempState } from '../support/runs.js';

const cli = async (args: string[], state: string) =>
  await cliInProcess([...args, '--state', state, '--lang', 'en']);

/**
 * A store as schema 1 wrote it: the run's status in its row, the journal in its own table, the
 * attempts in step_attempts. The run itself comes from today's code (a plan B run waiting for
 * the operator at row 1), copied row by row into the old layout.
 */
async function schema1Store(): Promise<{ state: string; runId: string }> {
  const source = tempState();
  expect(
    (await cliInProcess(['start', '--from', '8', '--target', 'B', '--simulate', '--state', source])).code,
  ).toBe(3);
  expect((await operatorDoes(source)).code).toBe(3); // the Backup-Manager's backup: on to row 1
  const src = new Database(source, { readonly: true });
  const run = src.prepare('SELECT * FROM runs').get() as Record<string, unknown>;
  const last = src.prepare('SELECT * FROM checkpoints ORDER BY id DESC LIMIT 1').get() as Record<
    string,
    unknown
  >;
  src.close();

  const state = tempState();
  const db = new Database(state);
  db.exec(MIGRATIONS[0]!);
  db.pragma('user_version = 1');
  const at = '2026-11-27T18:00:00.000Z';
  db.prepare(
    `INSERT INTO runs (id, created_at, updated_at, route, plan_json, machine_version, status, simulate, options_json)
     VALUES (?, ?, ?, ?, ?, ?, 'waiting-operator', 1, ?)`,
  ).run(run.id, at, at, run.route, run.plan_json, run.machine_version, run.options_json);
  const checkpoint = db.prepare('INSERT INTO checkpoints VALUES (?, ?, ?, ?, ?, ?)');
  checkpoint.run(run.id, 0, at, 'START', 'v8v9.v8v9_backup', last.snapshot); // the state does not matter here
  checkpoint.run(run.id, 1, at, '{"type":"EFFECT_DONE"}', last.state, last.snapshot);
  const journal = db.prepare(
    "INSERT INTO journal (run_id, at, kind, step_id, attempt, who, detail) VALUES (?, ?, ?, ?, ?, ?, '{}')",
  );
  journal.run(run.id, at, 'run-started', null, null, 'xpmigrate');
  journal.run(run.id, at, 'step-started', 'v8v9.backup', 1, 'xpmigrate');
  journal.run(run.id, at, 'step-done', 'v8v9.backup', 1, 'xpmigrate');
  db.prepare(
    `INSERT INTO step_attempts (run_id, step_id, attempt, intent_at, input, outcome, outcome_at, result)
     VALUES (?, 'v8v9.backup', 1, ?, '{}', 'done', ?, '{"ok":true}')`,
  ).run(run.id, at, at);
  db.close();
  return { state, runId: String(run.id) };
}

describe('schema migrations', () => {
  it('a store written by schema 1 is migrated and its run goes on where it was', async () => {
    const { state, runId } = await schema1Store();

    const store = new Store(openDb(state));
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const [run] = store.runs();
    expect(run).toMatchObject({ id: runId, status: 'waiting-operator', route: 'v8v9' });
    expect(store.attempts(runId)).toMatchObject([{ stepId: 'v8v9.backup', attempt: 1, outcome: 'done' }]);
    expect(store.nextAttempt(runId, 'v8v9.backup')).toBe(2);
    expect(store.lastCheckpoint(runId)?.seq).toBe(1);
    store.db.close();

    // Plan B moves to a new machine: the migrated run goes on with its hand-over.
    const confirm = await cli(['confirm', 'handover.to-new', '--evidence', 'machine=NEWXPHONE'], state);
    expect(confirm.code, confirm.stderr).toBe(3);
    const history = JSON.parse((await cli(['history', '--json'], state)).stdout) as {
      journal: Array<{ kind: string; stepId: string | null }>;
    };
    // The three schema-1 entries first, then what the resumed run wrote, in order.
    expect(history.journal.slice(0, 3).map((e) => e.kind)).toEqual([
      'run-started',
      'step-started',
      'step-done',
    ]);
    expect(history.journal.map((e) => e.kind)).toContain('operator-confirm');
    const after = new Store(openDb(state));
    expect(after.lastCheckpoint(runId)!.seq).toBeGreaterThan(1);
    after.db.close();
  });

  it('one commit writes its checkpoint row and nothing else on the hot path', async () => {
    const state = tempState();
    expect(
      (await cliInProcess(['start', '--from', '8', '--target', 'B', '--simulate', '--state', state])).code,
    ).toBe(3);
    const store = new Store(openDb(state));
    const runId = store.runs()[0]!.id;
    const journalBefore = store.journalRows(runId).length;
    const count = (table: string) =>
      (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const separateRows = () => [count('journal'), count('step_attempts'), count('runs')];
    const before = separateRows();
    const seq = store.commit(runId, {
      event: '{"type":"X"}',
      state: 'x',
      snapshot: '{}',
      status: 'running',
      journal: [
        { kind: 'k1' as JournalKind, who: 't' },
        { kind: 'k2', stepId: 's', attempt: 7, who: 't', detail: { a: 1 } } as unknown as JournalEntry,
      ],
      intent: { stepId: 's', attempt: 7, input: { file: 'f' } },
    });
    expect(separateRows()).toEqual(before); // journal and intent went into the checkpoint row
    store.journal(runId, [{ kind: 'between' as JournalKind, who: 't' }]);
    const rows = store.journalRows(runId);
    expect(rows.slice(journalBefore).map((r) => [r.kind, r.stepId, r.attempt])).toEqual([
      ['k1', null, null],
      ['k2', 's', 7],
      ['between', null, null],
    ]);
    expect(rows.at(-2)?.detail).toEqual({ a: 1 });
    expect(store.openIntents(runId).find((i) => i.stepId === 's')).toMatchObject({ attempt: 7 });
    store.commit(runId, {
      event: 'done',
      state: 'y',
      snapshot: '{}',
      status: 'running',
      journal: [],
      outcome: { stepId: 's', attempt: 7, outcome: 'done', result: { ok: 1 } },
    });
    expect(store.openIntents(runId).find((i) => i.stepId === 's')).toBeUndefined();
    expect(store.runs()[0]?.status).toBe('running');
    expect(store.lastCheckpoint(runId)?.seq).toBe(seq + 1);
    store.db.close();
  });
});
