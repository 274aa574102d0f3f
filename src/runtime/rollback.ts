import {
  type JournalEntry,
  JournalMirror,
  type JournalRow,
  type RunRow,
  type SnapshotRow,
  type Store,
  type StoredEntry,
} from '../persistence/index.js';
import { persistedOf, settingsOf } from './decode.js';

/** What a rollback lost: the journal of everything after the point the store went back to. */
export interface LostHistory {
  /** The store's last checkpoint after the rollback. */
  storeSeq: number;
  entries: Array<StoredEntry & { at: string }>;
}

/**
 * Mirrors the run's checkpoints when its settings name a folder, and first checks whether a VM
 * rollback took the store back since the last process (then it is recorded).
 */
export function watchMirror(
  store: Store,
  row: RunRow,
): { mirror?: JournalMirror; lost?: LostHistory; detected?: JournalEntry } {
  const dir = settingsOf(row).journalMirror;
  if (!dir) return {};
  const mirror = new JournalMirror(dir, row.id);
  const lost = revertedStore(store, row.id, mirror);
  const detected = lost ? recordRevertedStore(store, row.id, lost, 'mirror', mirror) : undefined;
  store.attachMirror(mirror);
  return { mirror, ...(lost ? { lost, detected } : {}) };
}

/** The request goes into the store and its mirror before the VM is reverted: a checkpoint of its own. */
export function requestRollback(store: Store, runId: string, snapshot: SnapshotRow, who: string): number {
  const last = store.lastCheckpoint(runId)!;
  return store.commit(runId, {
    event: 'ROLLBACK_REQUESTED',
    state: last.state,
    snapshot: last.snapshot,
    status: last.status,
    journal: [
      {
        kind: 'rollback-requested',
        who,
        detail: { snapshot: snapshot.name, provider: snapshot.provider, toSeq: snapshot.checkpointSeq },
      },
    ],
  });
}

/**
 * Is this store behind its mirror? Then a VM rollback took it back: the mirror holds
 * checkpoints the store no longer has (or has different ones under the same number).
 */
export function revertedStore(store: Store, runId: string, mirror: JournalMirror): LostHistory | undefined {
  const last = store.lastCheckpoint(runId);
  const mirrored = mirror.checkpoints();
  if (!last || mirrored.length === 0) return undefined;
  let first = mirrored.length;
  while (first > 0) {
    const record = mirrored[first - 1]!;
    if (record.seq <= last.seq && store.checkpointAt(runId, record.seq)?.at === record.at) break;
    first -= 1;
  }
  if (first === mirrored.length) return undefined;
  return {
    storeSeq: last.seq,
    entries: mirrored.slice(first).flatMap((r) => r.journal.map((e) => ({ ...e, at: r.at }))),
  };
}

/**
 * Records that the store was reverted with the VM: the rollback and what was lost (the failed
 * attempt that led to it, and everything after the snapshot) go into the journal; the mirror
 * notes the rewind, so the next comparison starts from here.
 */
export function recordRevertedStore(
  store: Store,
  runId: string,
  lost: LostHistory,
  how: 'mirror' | 'rollback',
  mirror: JournalMirror | undefined,
): JournalEntry {
  const requested = lost.entries.findLast((e) => e.kind === 'rollback-requested');
  const entry: JournalEntry = {
    kind: 'rollback-detected',
    who: 'xpmigrate',
    detail: {
      how,
      storeSeq: lost.storeSeq,
      snapshot: requested?.detail?.snapshot ?? null,
      lost: lost.entries,
    },
  };
  store.journal(runId, [entry]);
  mirror?.append({ type: 'rewound', toSeq: lost.storeSeq, at: new Date().toISOString() });
  return entry;
}

/** The entries of `before` that the reverted store no longer has (its journal is a prefix of it). */
export function lostSince(before: JournalRow[], after: JournalRow[], storeSeq: number): LostHistory {
  return {
    storeSeq,
    entries: before.slice(after.length).map((r) => ({
      kind: r.kind,
      who: r.who,
      at: r.at,
      detail: r.detail,
      ...(r.stepId ? { stepId: r.stepId } : {}),
      ...(r.attempt !== null ? { attempt: r.attempt } : {}),
    })),
  };
}

/**
 * The store was not on the reverted VM: the runtime takes the run back itself, to the checkpoint
 * the snapshot belongs to. Open intents are closed as rolled back; the steps done since are
 * listed in the journal, and are done again.
 */
export function rewindRun(store: Store, runId: string, snapshot: SnapshotRow, who: string): string[] {
  const target = store.checkpointAt(runId, snapshot.checkpointSeq);
  const last = store.lastCheckpoint(runId);
  if (!target || !last) throw new Error(`run ${runId} has no checkpoint ${snapshot.checkpointSeq}`);
  const status = last.status;
  for (const intent of store.openIntents(runId)) {
    store.commit(runId, {
      event: 'INTENT_ROLLED_BACK',
      state: last.state,
      snapshot: last.snapshot,
      status,
      journal: [],
      outcome: { stepId: intent.stepId, attempt: intent.attempt, outcome: 'rolled-back', result: null },
    });
  }
  const doneThen = persistedOf(runId, target).context.done;
  const undone = persistedOf(runId, last).context.done.filter((s) => !doneThen.includes(s));
  store.commit(runId, {
    event: 'ROLLBACK',
    state: target.state,
    snapshot: target.snapshot,
    status: target.status,
    journal: [
      {
        kind: 'rollback',
        who,
        detail: { snapshot: snapshot.name, toSeq: snapshot.checkpointSeq, fromSeq: last.seq, undone },
      },
    ],
  });
  return undone;
}
