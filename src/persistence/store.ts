import type { Db } from './open.js';

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
  snapshot: string;
}

export interface JournalEntry {
  kind: string;
  stepId?: string;
  attempt?: number;
  who: string;
  detail?: Record<string, unknown>;
}

export interface JournalRow extends Required<Omit<JournalEntry, 'stepId' | 'attempt'>> {
  id: number;
  at: string;
  stepId: string | null;
  attempt: number | null;
}

export interface Attempt {
  stepId: string;
  attempt: number;
  intentAt: string;
  input: string;
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
  intent?: { stepId: string; attempt: number; input: unknown };
  inbox?: { id: number; status: string; reason?: string };
  snapshotTaken?: { stepId: string; name: string; provider: string };
}

const now = () => new Date().toISOString();

/** Everything the runtime keeps, over one SQLite file. */
export class Store {
  private readonly statements;

  constructor(readonly db: Db) {
    this.statements = {
      insertRun: db.prepare(
        `INSERT INTO runs (id, created_at, updated_at, route, plan_json, machine_version, status, simulate, options_json)
         VALUES (@id, @at, @at, @route, @planJson, @machineVersion, @status, @simulate, @optionsJson)`,
      ),
      runStatus: db.prepare('UPDATE runs SET status = ?, updated_at = ? WHERE id = ?'),
      insertCheckpoint: db.prepare(
        'INSERT INTO checkpoints (run_id, seq, at, event, state, snapshot) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      lastSeq: db.prepare('SELECT MAX(seq) AS seq FROM checkpoints WHERE run_id = ?'),
      lastCheckpoint: db.prepare(
        'SELECT seq, at, event, state, snapshot FROM checkpoints WHERE run_id = ? ORDER BY seq DESC LIMIT 1',
      ),
      insertJournal: db.prepare(
        'INSERT INTO journal (run_id, at, kind, step_id, attempt, who, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insertIntent: db.prepare(
        'INSERT INTO step_attempts (run_id, step_id, attempt, intent_at, input) VALUES (?, ?, ?, ?, ?)',
      ),
      setOutcome: db.prepare(
        'UPDATE step_attempts SET outcome = ?, outcome_at = ?, result = ? WHERE run_id = ? AND step_id = ? AND attempt = ?',
      ),
      openIntents: db.prepare(
        `SELECT step_id AS stepId, attempt, intent_at AS intentAt, input, outcome, outcome_at AS outcomeAt, result
         FROM step_attempts WHERE run_id = ? AND outcome IS NULL ORDER BY intent_at`,
      ),
      lastAttempt: db.prepare('SELECT MAX(attempt) AS n FROM step_attempts WHERE run_id = ? AND step_id = ?'),
      attempts: db.prepare(
        `SELECT step_id AS stepId, attempt, intent_at AS intentAt, input, outcome, outcome_at AS outcomeAt, result
         FROM step_attempts WHERE run_id = ? ORDER BY intent_at, attempt`,
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
      markInbox: db.prepare('UPDATE inbox SET status = ?, reason = ?, handled_at = ? WHERE id = ?'),
      insertSnapshot: db.prepare(
        'INSERT INTO snapshots (run_id, step_id, name, provider, checkpoint_seq, at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      snapshots: db.prepare(
        `SELECT id, run_id AS runId, step_id AS stepId, name, provider, checkpoint_seq AS checkpointSeq, at,
         removed_at AS removedAt FROM snapshots WHERE run_id = ? ORDER BY id`,
      ),
    };
  }

  createRun(run: Omit<RunRow, 'createdAt' | 'updatedAt'>, first: Omit<Transition, 'status'>): void {
    this.db
      .transaction(() => {
        this.statements.insertRun.run({ ...run, at: now(), simulate: run.simulate ? 1 : 0 });
        this.write(run.id, { ...first, status: run.status }, 0);
      })
      .immediate();
  }

  /** Commits one transition (see Transition) atomically; returns its checkpoint number. */
  commit(runId: string, t: Transition): number {
    return this.db
      .transaction(() => {
        const last = this.statements.lastSeq.get(runId) as { seq: number | null };
        const seq = (last.seq ?? -1) + 1;
        this.write(runId, t, seq);
        return seq;
      })
      .immediate();
  }

  private write(runId: string, t: Transition, seq: number): void {
    const at = now();
    const s = this.statements;
    s.insertCheckpoint.run(runId, seq, at, t.event, t.state, t.snapshot);
    s.runStatus.run(t.status, at, runId);
    if (t.outcome) {
      const o = t.outcome;
      s.setOutcome.run(o.outcome, at, JSON.stringify(o.result ?? null), runId, o.stepId, o.attempt);
    }
    if (t.intent)
      s.insertIntent.run(
        runId,
        t.intent.stepId,
        t.intent.attempt,
        at,
        JSON.stringify(t.intent.input ?? null),
      );
    if (t.inbox) s.markInbox.run(t.inbox.status, t.inbox.reason ?? null, at, t.inbox.id);
    if (t.snapshotTaken) {
      const snap = t.snapshotTaken;
      s.insertSnapshot.run(runId, snap.stepId, snap.name, snap.provider, seq, at);
    }
    for (const entry of t.journal) this.insertJournal(runId, at, entry);
  }

  private insertJournal(runId: string, at: string, e: JournalEntry): void {
    this.statements.insertJournal.run(
      runId,
      at,
      e.kind,
      e.stepId ?? null,
      e.attempt ?? null,
      e.who,
      JSON.stringify(e.detail ?? {}),
    );
  }

  /** Journal entries that change no state (e.g. a refused command). */
  journal(runId: string, entries: JournalEntry[]): void {
    const at = now();
    this.db.transaction(() => {
      for (const e of entries) this.insertJournal(runId, at, e);
    })();
  }

  intent(runId: string, stepId: string, attempt: number, input: unknown, journal: JournalEntry[]): void {
    const at = now();
    this.db
      .transaction(() => {
        this.statements.insertIntent.run(runId, stepId, attempt, at, JSON.stringify(input ?? null));
        for (const e of journal) this.insertJournal(runId, at, e);
      })
      .immediate();
  }

  run(id: string): RunRow | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as
      | Record<string, unknown>
      | undefined;
    return row ? toRun(row) : undefined;
  }

  runs(): RunRow[] {
    return (
      this.db.prepare('SELECT * FROM runs ORDER BY created_at, rowid').all() as Record<string, unknown>[]
    ).map(toRun);
  }

  lastCheckpoint(runId: string): Checkpoint | undefined {
    return this.statements.lastCheckpoint.get(runId) as Checkpoint | undefined;
  }

  openIntents(runId: string): Attempt[] {
    return this.statements.openIntents.all(runId) as Attempt[];
  }

  attempts(runId: string): Attempt[] {
    return this.statements.attempts.all(runId) as Attempt[];
  }

  nextAttempt(runId: string, stepId: string): number {
    const row = this.statements.lastAttempt.get(runId, stepId) as { n: number | null };
    return (row.n ?? 0) + 1;
  }

  journalRows(runId: string, limit = 1_000_000): JournalRow[] {
    const rows = this.db
      .prepare(
        `SELECT id, at, kind, step_id AS stepId, attempt, who, detail FROM journal WHERE run_id = ?
         ORDER BY id LIMIT ?`,
      )
      .all(runId, limit) as Array<Omit<JournalRow, 'detail'> & { detail: string }>;
    return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }

  enqueue(runId: string, who: string, command: string, stepId: string | undefined, payload: unknown): number {
    const info = this.statements.enqueue.run(
      runId,
      now(),
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

  /** Marks a command handled without a state change (refused, or a harmless repeat). */
  markCommand(runId: string, id: number, status: string, reason: string, journal: JournalEntry[]): void {
    const at = now();
    this.db
      .transaction(() => {
        this.statements.markInbox.run(status, reason, at, id);
        for (const e of journal) this.insertJournal(runId, at, e);
      })
      .immediate();
  }

  snapshots(runId: string): SnapshotRow[] {
    return this.statements.snapshots.all(runId) as SnapshotRow[];
  }
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
