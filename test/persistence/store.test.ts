import { describe, expect, it } from 'vitest';
import { type JournalKind, openDb, Store, type Transition } from '../../src/persistence/index.js';
import { buildPlan } from '../../src/plan/index.js';
import { createRun } from '../../src/runtime/index.js';
import { tempState } from '../support/runs.js';

const settings = {
  serviceAccount: 'X\\svc',
  sqlServer: 'SQL',
  databases: ['XPDATA'],
  resumeCommand: [],
  healthTimeoutSeconds: 1,
};
const transition = (event: string): Transition => ({
  event,
  state: 'v8v9.v8v9_backup',
  snapshot: '{}',
  status: 'running',
  journal: [{ kind: event as JournalKind, who: 'test' }],
});

describe('checkpoint numbers', () => {
  it('stay consecutive when two stores on one file commit to the same run in turn', () => {
    const state = tempState();
    const a = new Store(openDb(state));
    const runId = createRun(a, buildPlan({ from: '8', target: 'B' }), settings, true);
    const b = new Store(openDb(state));

    // a remembers its next number after its first commit; b's commit makes that number stale.
    const seqs = [
      a.commit(runId, transition('a1')),
      b.commit(runId, transition('b1')),
      a.commit(runId, transition('a2')),
      a.commit(runId, transition('a3')),
      b.commit(runId, transition('b2')),
    ];
    expect(seqs).toEqual([1, 2, 3, 4, 5]);
    expect([1, 2, 3, 4, 5].map((seq) => a.checkpointAt(runId, seq)?.event)).toEqual([
      'a1',
      'b1',
      'a2',
      'a3',
      'b2',
    ]);
    expect(b.journalRows(runId).map((r) => r.kind)).toEqual(['run-started', 'a1', 'b1', 'a2', 'a3', 'b2']);
    a.db.close();
    b.db.close();
  });

  it('of two runs in one store do not mix', () => {
    const store = new Store(openDb(tempState()));
    const plan = buildPlan({ from: '8', target: 'B' });
    const first = createRun(store, plan, settings, true);
    const second = createRun(store, plan, settings, true);
    expect([
      store.commit(first, transition('f1')),
      store.commit(second, transition('s1')),
      store.commit(first, transition('f2')),
    ]).toEqual([1, 1, 2]);
    expect(store.lastCheckpoint(second)?.event).toBe('s1');
    store.db.close();
  });
});

describe("a step's attempts", () => {
  const step = 'v8v9.backup';
  const intent = (attempt: number): Transition => ({
    ...transition('INTENT'),
    intent: { stepId: step, attempt, input: { n: attempt } },
  });
  const outcome = (attempt: number): Transition => ({
    ...transition('DONE'),
    outcome: { stepId: step, attempt, outcome: 'failed', result: null },
  });

  it('follow this store’s commits, and another store’s too', () => {
    const state = tempState();
    const a = new Store(openDb(state));
    const runId = createRun(a, buildPlan({ from: '8', target: 'B' }), settings, true);
    const b = new Store(openDb(state));
    expect(a.nextAttempt(runId, step)).toBe(1);
    a.commit(runId, intent(1));
    expect(a.openIntent(runId, step)).toMatchObject({ attempt: 1, input: { n: 1 }, outcome: null });
    a.commit(runId, outcome(1));
    expect(a.openIntent(runId, step)).toBeUndefined();
    expect(a.lastAttempt(runId, step)).toMatchObject({ attempt: 1, outcome: 'failed' });
    // Another store (another process, after this one let go of the run) opens attempt 2.
    b.commit(runId, intent(2));
    expect(a.nextAttempt(runId, step)).toBe(3);
    expect(a.openIntent(runId, step)).toMatchObject({ attempt: 2, input: { n: 2 } });
    // Whatever the index says agrees with reading every checkpoint.
    const scanned = a.attempts(runId).filter((x) => x.stepId === step);
    expect(a.lastAttempt(runId, step)).toEqual(scanned.at(-1));
    a.db.close();
    b.db.close();
  });
});
