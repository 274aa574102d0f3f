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
