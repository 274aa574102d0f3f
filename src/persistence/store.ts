import { isoNow } from './clock.js';
import type { JournalEntry, JournalKind, StoredEntry } from './journal.js';
import type { JournalMirror } from './mirror.js';
import { assertSameStore, type Db } from './open.js';

export const RUN_STATUSES = [
  'running',
  'waiting-operator',
  'waiting-reboot',
  'failed',
  'done',
  'aborted',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface RunRow {
  id: string;
  createdAt: string;
  updatedAt: string;
  route: string;
  planJson: string;
  machineVersion: string;
  status: RunStatus;
  simulate: boolean;
  optionsJson: string;
}

export interface Checkpoint {
  seq: number;
  at: string;
  event: string;
  state: string;
  status: RunStatus;
  snapshot: string;
}

export interface JournalRow extends Required<Omit<StoredEntry, 'stepId' | 'attempt'>> {
  id: number;
  at: string;
  stepId: string | null;
  attempt: number | null;
}

export interface Attempt {
  stepId: string;
  attempt: number;
  intentAt: string;
  /** The effect's input, committed with the intent. */
  input: Record<string, unknown>;
  outcome: string | null;
  outcomeAt: string | null;
  result: string | null;
}

export interface InboxRow {
  id: number;
  at: string;
  who: string;
  command: string;
  stepId: string | null;
  payload: string;
  status: string;
  reason: string | null;
}

export interface SnapshotRow {
  id: number;
  runId: string;
  stepId: string;
  name: string;
  provider: string;
  checkpointSeq: number;
  at: string;
  removedAt: string | null;
}

/** A state change committed as one transaction: one fsync per step. */
export interface Transition {
  event: string;
  state: string;
  snapshot: string;
  status: RunStatus;
  journal: JournalEntry[];
  outcome?: { stepId: string; attempt: number; outcome: string; result: unknown };
  /** The next effect's intent, written in the same transaction (DESIGN.md, "Cost"). */
  intent?: { stepId: string; attempt: number; input: Record<string, unknown> };
  inbox?: { id: number; status: string; reason?: string };
  snapshotTaken?: { stepId: string; name: string; provider: string };
}

/**
 * A run's journal rows: a transition's entries (in its checkpoint row), then those written after
 * it (the journal table), each with its order (seq, src, n); `@lo`/`@hi` span the run's checkpoints.
 */
const JOURNAL_ROWS = `SELECT at, kind, step_id AS stepId, attempt, who, detail, seq, src, n FROM (
           SELECT c.seq, 0 AS src, CAST(j.key AS INTEGER) AS n, c.at, j.value ->> '$.kind' AS kind,
             j.value ->> '$.stepId' AS step_id, j.value ->> '$.attempt' AS attempt,
             j.value ->> '$.who' AS who, COALESCE(j.value ->> '$.detail', '{}') AS detail
           FROM checkpoints c, json_each(c.journal) j WHERE c.id BETWEEN @lo AND @hi
           UNION ALL
           SELECT after_seq, 1, id, at, kind, step_id, attempt, who, detail FROM journal WHERE run_id = @runId
         )`;

/** Checkpoint ids: run number × 2^32 + seq (migration 2). */
const RUN_SPAN = 2 ** 32;

/** Everything the runtime keeps, over one SQLite file. */
export class Store {
  private readonly statements;
  /** Built once: a commit is the hot path of every run (bench 1). */
  private readonly commitTx;

  constructor(readonly db: Db) {
    this.commitTx = db.transaction((runId: string, t: Transition, at: string): number => {
      const known = this.nextSeqs.get(runId);
      if (known !== undefined && this.writeUnlessTaken(runId, t, known, at)) return known;
      const last = this.statements.lastSeq.get(...this.span(runId)) as { id: number | null };
      const seq = last.id === null ? 0 : (last.id % RUN_SPAN) + 1;
      this.write(runId, t, seq, at);
      return seq;
    });
    this.statements = {
      insertRun: db.prepare(
        `INSERT INTO runs (id, no, created_at, route, plan_json, machine_version, simulate, options_json)
         VALUES (@id, (SELECT COALESCE(MAX(no), 0) + 1 FROM runs), @at, @route, @planJson, @machineVersion,
         @simulate, @optionsJson)`,
      ),
      runNo: db.prepare('SELECT no FROM runs WHERE id = ?'),
      runs: db.prepare(
        `SELECT r.*, c.status, c.at AS updated_at FROM runs r
         JOIN checkpoints c ON c.id = (SELECT MAX(id) FROM checkpoints WHERE id BETWEEN r.no * ${RUN_SPAN}
           AND r.no * ${RUN_SPAN} + ${RUN_SPAN - 1})
         ORDER BY r.no`,
      ),
      insertCheckpoint: db.prepare(
        `INSERT INTO checkpoints (id, run_id, seq, at, event, state, status, journal, intent, outcome, snapshot)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      lastCheckpoint: db.prepare(
        `SELECT seq, at, event, state, status, snapshot FROM checkpoints WHERE id BETWEEN ? AND ?
         ORDER BY id DESC LIMIT 1`,
      ),
      lastSeq: db.prepare('SELECT MAX(id) AS id FROM checkpoints WHERE id BETWEEN ? AND ?'),
      intentsAndOutcomes: db.prepare(
        `SELECT at, intent, outcome FROM checkpoints WHERE id BETWEEN ? AND ?
         AND (intent IS NOT NULL OR outcome IS NOT NULL) ORDER BY id`,
      ),
      legacyAttempts: db.prepare(
        `SELECT step_id AS stepId, attempt, intent_at AS intentAt, input, outcome, outcome_at AS outcomeAt, result
         FROM step_attempts WHERE run_id = ? ORDER BY intent_at, attempt`,
      ),
      insertJournal: db.prepare(
        `INSERT INTO journal (run_id, after_seq, at, kind, step_id, attempt, who, detail)
         VALUES (@runId, (SELECT COALESCE(MAX(seq), -1) FROM checkpoints WHERE id BETWEEN @lo AND @hi), @at, @kind, @stepId, @attempt, @who, @detail)`,
      ),
      journal: db.prepare(`${JOURNAL_ROWS} ORDER BY seq, src, n LIMIT @limit`),
      // The newest entry, of a step and a kind when named (the same rows, read backwards).
      lastJournal: db.prepare(
        `${JOURNAL_ROWS} WHERE (@stepId IS NULL OR step_id = @stepId) AND (@kind IS NULL OR kind = @kind)
         ORDER BY seq DESC, src DESC, n DESC LIMIT 1`,
      ),
      enqueue: db.prepare(
        'INSERT INTO inbox (run_id, at, who, command, step_id, payload) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      pending: db.prepare(
        `SELECT id, at, who, command, step_id AS stepId, payload, status, reason FROM inbox
         WHERE run_id = ? AND status = 'pending' ORDER BY id`,
      ),
      inboxRow: db.prepare(
        'SELECT id, at, who, command, step_id AS stepId, payload, status, reason FROM inbox WHERE id = ?',
      ),
      lastCommand: db.prepare(
        `SELECT id, at, who, command, step_id AS stepId, payload, status, reason FROM inbox
         WHERE run_id = ? ORDER BY id DESC LIMIT 1`,
      ),
      markInbox: db.prepare('UPDATE inbox SET status = ?, reason = ?, handled_at = ? WHERE id = ?'),
      insertSnapshot: db.prepare(
        'INSERT INTO snapshots (run_id, step_id, name, provider, checkpoint_seq, at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      snapshots: db.prepare(
        `SELECT id, run_id AS runId, step_id AS stepId, name, provider, checkpoint_seq AS checkpointSeq, at,
         removed_at AS removedAt FROM snapshots WHERE run_id LIKE ? ORDER BY id`,
      ),
      removeSnapshot: db.prepare('UPDATE snapshots SET removed_at = ? WHERE id = ? AND removed_at IS NULL'),
      checkpointAt: db.prepare(
        'SELECT seq, at, event, state, status, snapshot FROM checkpoints WHERE id = ?',
      ),
    };
  }

  /**
   * Each run's next checkpoint number, as this store last wrote it: the run's lock holder is its
   * only writer, so the number is read once, not per commit. Should another store have written
   * since, the taken id says so and the number is read again.
   */
  private readonly nextSeqs = new Map<string, number>();

  private writeUnlessTaken(runId: string, t: Transition, seq: number, at: string): boolean {
    try {
      this.write(runId, t, seq, at);
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return false;
      throw error;
    }
  }

  /** The range of checkpoint ids a run's commits use; the run number is cached (it never changes). */
  private readonly spans = new Map<string, [number, number]>();
  private span(runId: string): [number, number] {
    let span = this.spans.get(runId);
    if (!span) {
      const row = this.statements.runNo.get(runId) as { no: number } | undefined;
      if (!row) return [0, -1]; // no such run: an empty range
      span = [row.no * RUN_SPAN, row.no * RUN_SPAN + RUN_SPAN - 1];
      this.spans.set(runId, span);
    }
    return span;
  }

  /**
   * Inserts a run with its first checkpoint. `alone`: not while another run of the store has not
   * ended — checked in the same write transaction as the insert, so of two starts at once exactly
   * one creates its run; the other gets the run that was first (and nothing is written).
   */
  createRun(
    run: Omit<RunRow, 'createdAt' | 'updatedAt' | 'status'>,
    first: Transition,
    alone = false,
  ): { unfinished?: RunRow } {
    assertSameStore(this.db);
    return this.db
      .transaction(() => {
        const unfinished = alone ? this.unfinishedRun() : undefined;
        if (unfinished) return { unfinished };
        this.statements.insertRun.run({ ...run, at: isoNow(), simulate: run.simulate ? 1 : 0 });
        this.write(run.id, first, 0);
        return {};
      })
      .immediate();
  }

  /** The newest run that has not ended (neither done nor aborted). */
  unfinishedRun(): RunRow | undefined {
    return this.runs().findLast((r) => r.status !== 'done' && r.status !== 'aborted');
  }

  /** Runs whose checkpoints are also mirrored outside the VM. */
  private readonly mirrors = new Map<string, JournalMirror>();

  attachMirror(mirror: JournalMirror): void {
    this.mirrors.set(mirror.runId, mirror);
  }

  /** Commits one transition (see Transition) atomically; returns its checkpoint number. */
  commit(runId: string, t: Transition): number {
    assertSameStore(this.db);
    const at = isoNow();
    const seq = this.commitTx.immediate(runId, t, at);
    this.nextSeqs.set(runId, seq + 1);
    this.indexAttempts(runId, t, seq, at);
    this.mirrors.get(runId)?.append({ type: 'checkpoint', seq, at, state: t.state, journal: t.journal });
    return seq;
  }

  private write(runId: string, t: Transition, seq: number, at = isoNow()): void {
    const s = this.statements;
    s.insertCheckpoint.run(
      this.span(runId)[0] + seq,
      runId,
      seq,
      at,
      t.event,
      t.state,
      t.status,
      journalJson(t.journal),
      t.intent ? JSON.stringify({ ...t.intent, input: t.intent.input ?? null }) : null,
      t.outcome ? JSON.stringify({ ...t.outcome, result: t.outcome.result ?? null }) : null,
      t.snapshot,
    );
    if (t.inbox) s.markInbox.run(t.inbox.status, t.inbox.reason ?? null, at, t.inbox.id);
    if (t.snapshotTaken) {
      const snap = t.snapshotTaken;
      s.insertSnapshot.run(runId, snap.stepId, snap.name, snap.provider, seq, at);
    }
  }

  private insertJournal(runId: string, at: string, e: JournalEntry): void {
    const [lo, hi] = this.span(runId);
    this.statements.insertJournal.run({
      runId,
      lo,
      hi,
      at,
      kind: e.kind,
      stepId: e.stepId ?? null,
      attempt: e.attempt ?? null,
      who: e.who,
      detail: JSON.stringify(e.detail ?? {}),
    });
  }

  /** Journal entries that change no state (e.g. a refused command). */
  journal(runId: string, entries: JournalEntry[]): void {
    assertSameStore(this.db);
    const at = isoNow();
    this.db.transaction(() => {
      for (const e of entries) this.insertJournal(runId, at, e);
    })();
  }

  run(id: string): RunRow | undefined {
    return this.runs().find((r) => r.id === id);
  }

  /** The runs, oldest first; status and updatedAt are those of each run's last checkpoint. */
  runs(): RunRow[] {
    return (this.statements.runs.all() as Record<string, unknown>[]).map(toRun);
  }

  lastCheckpoint(runId: string): Checkpoint | undefined {
    return this.statements.lastCheckpoint.get(...this.span(runId)) as Checkpoint | undefined;
  }

  /** Every attempt of the run: intents and outcomes from its checkpoints (and schema 1's table). */
  attempts(runId: string): Attempt[] {
    const attempts = (this.statements.legacyAttempts.all(runId) as LegacyAttempt[]).map(fromLegacy);
    const byKey = new Map(attempts.map((a) => [`${a.stepId}#${a.attempt}`, a]));
    const rows = this.statements.intentsAndOutcomes.all(...this.span(runId)) as Array<{
      at: string;
      intent: string | null;
      outcome: string | null;
    }>;
    for (const row of rows) {
      // A commit closes the previous attempt before it opens the next one.
      if (row.outcome) {
        const o = JSON.parse(row.outcome) as StoredOutcome;
        const attempt = byKey.get(`${o.stepId}#${o.attempt}`);
        if (attempt) closeWith(attempt, o, row.at);
      }
      if (row.intent) {
        const attempt = openedBy(JSON.parse(row.intent) as StoredIntent, row.at);
        attempts.push(attempt);
        byKey.set(`${attempt.stepId}#${attempt.attempt}`, attempt);
      }
    }
    return attempts;
  }

  /** Intents without an outcome: what a dead process left (read once, at recovery). */
  openIntents(runId: string): Attempt[] {
    return this.attempts(runId).filter((a) => a.outcome === null);
  }

  /**
   * The step's newest attempt. The driver asks for every effect, so the answer comes from an
   * index in memory (each step's newest attempt), built once from the checkpoints and kept
   * current by this store's own commits; should another store have committed to the run since
   * (its newest checkpoint number says so: one lookup by key), it is built again.
   */
  lastAttempt(runId: string, stepId: string): Attempt | undefined {
    const seq = this.lastSeqOf(runId);
    let index = this.attemptIndex.get(runId);
    if (!index || index.seq !== seq) {
      index = { seq, last: new Map() };
      for (const attempt of this.attempts(runId)) index.last.set(attempt.stepId, attempt);
      this.attemptIndex.set(runId, index);
    }
    const last = index.last.get(stepId);
    return last && { ...last };
  }

  private lastSeqOf(runId: string): number {
    const last = this.statements.lastSeq.get(...this.span(runId)) as { id: number | null };
    return last.id === null ? -1 : last.id % RUN_SPAN;
  }

  /** Each run's newest attempt per step, as of checkpoint `seq` (see lastAttempt). */
  private readonly attemptIndex = new Map<string, { seq: number; last: Map<string, Attempt> }>();

  /** A commit of this store carries its attempts into the index, if the index was current. */
  private indexAttempts(runId: string, t: Transition, seq: number, at: string): void {
    const index = this.attemptIndex.get(runId);
    if (!index) return;
    if (index.seq !== seq - 1) {
      this.attemptIndex.delete(runId);
      return;
    }
    index.seq = seq;
    if (t.outcome) {
      const open = index.last.get(t.outcome.stepId);
      if (open?.attempt === t.outcome.attempt)
        closeWith(open, { ...t.outcome, result: t.outcome.result ?? null }, at);
    }
    if (t.intent) index.last.set(t.intent.stepId, openedBy({ ...t.intent }, at));
  }

  /** The step's open intent, if its newest attempt has no outcome. */
  openIntent(runId: string, stepId: string): Attempt | undefined {
    const last = this.lastAttempt(runId, stepId);
    return last && last.outcome === null ? last : undefined;
  }

  nextAttempt(runId: string, stepId: string): number {
    return (this.lastAttempt(runId, stepId)?.attempt ?? 0) + 1;
  }

  /** The journal in order, numbered from 1. */
  journalRows(runId: string, limit = 1_000_000): JournalRow[] {
    const [lo, hi] = this.span(runId);
    const rows = this.statements.journal.all({ runId, lo, hi, limit }) as Array<
      Omit<JournalRow, 'detail' | 'id'> & { detail: string }
    >;
    return rows.map((r, i) => ({ ...r, id: i + 1, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }

  /** The run's newest journal entry, of a step and of a kind when they are named. */
  lastJournalOf(runId: string, stepId?: string, kind?: JournalKind): Omit<JournalRow, 'id'> | undefined {
    const [lo, hi] = this.span(runId);
    const row = this.statements.lastJournal.get({
      runId,
      lo,
      hi,
      stepId: stepId ?? null,
      kind: kind ?? null,
    }) as (Omit<JournalRow, 'detail' | 'id'> & { detail: string }) | undefined;
    return row && { ...row, detail: JSON.parse(row.detail) as Record<string, unknown> };
  }

  enqueue(runId: string, who: string, command: string, stepId: string | undefined, payload: unknown): number {
    assertSameStore(this.db);
    const info = this.statements.enqueue.run(
      runId,
      isoNow(),
      who,
      command,
      stepId ?? null,
      JSON.stringify(payload ?? {}),
    );
    return Number(info.lastInsertRowid);
  }

  pendingCommands(runId: string): InboxRow[] {
    return this.statements.pending.all(runId) as InboxRow[];
  }

  inboxRow(id: number): InboxRow | undefined {
    return this.statements.inboxRow.get(id) as InboxRow | undefined;
  }

  /** The newest operator command of a run, whatever became of it. */
  lastCommand(runId: string): InboxRow | undefined {
    return this.statements.lastCommand.get(runId) as InboxRow | undefined;
  }

  /** Marks a command handled without a state change (refused, or a harmless repeat). */
  markCommand(runId: string, id: number, status: string, reason: string, journal: JournalEntry[]): void {
    assertSameStore(this.db);
    const at = isoNow();
    this.db
      .transaction(() => {
        this.statements.markInbox.run(status, reason, at, id);
        for (const e of journal) this.insertJournal(runId, at, e);
      })
      .immediate();
  }

  /** The snapshots of a run, or of every run. */
  snapshots(runId?: string): SnapshotRow[] {
    return this.statements.snapshots.all(runId ?? '%') as SnapshotRow[];
  }

  /** Records that a snapshot was removed at its provider; false when it already was. */
  markSnapshotRemoved(id: number): boolean {
    return Number(this.statements.removeSnapshot.run(isoNow(), id).changes) === 1;
  }

  checkpointAt(runId: string, seq: number): Checkpoint | undefined {
    return this.statements.checkpointAt.get(this.span(runId)[0] + seq) as Checkpoint | undefined;
  }
}

interface StoredIntent {
  stepId: string;
  attempt: number;
  input: Record<string, unknown> | null;
}
interface StoredOutcome {
  stepId: string;
  attempt: number;
  outcome: string;
  result: unknown;
}
type LegacyAttempt = Omit<Attempt, 'input'> & { input: string };

function openedBy(i: StoredIntent, at: string): Attempt {
  const input = i.input ?? {};
  return {
    stepId: i.stepId,
    attempt: i.attempt,
    intentAt: at,
    input,
    outcome: null,
    outcomeAt: null,
    result: null,
  };
}

function closeWith(attempt: Attempt, o: StoredOutcome, at: string): void {
  Object.assign(attempt, { outcome: o.outcome, outcomeAt: at, result: JSON.stringify(o.result) });
}

function fromLegacy(row: LegacyAttempt): Attempt {
  return { ...row, input: JSON.parse(row.input) as Record<string, unknown> };
}

/** A transition's journal entries as stored in its checkpoint row (undefined keys dropped). */
function journalJson(entries: JournalEntry[]): string {
  return JSON.stringify(
    entries.map((e) => ({
      kind: e.kind,
      stepId: e.stepId,
      attempt: e.attempt,
      who: e.who,
      detail: e.detail ?? {},
    })),
  );
}

function toRun(row: Record<string, unknown>): RunRow {
  return {
    id: String(row.id),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    route: String(row.route),
    planJson: String(row.plan_json),
    machineVersion: String(row.machine_version),
    status: row.status as RunStatus,
    simulate: row.simulate === 1,
    optionsJson: String(row.options_json),
  };
}
