/**
 * Append-only, numbered schema migrations. PRAGMA user_version holds the number applied.
 * Never edit a released entry: add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: runs, checkpoints, journal, step attempts, operator inbox, snapshots, locks
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    route TEXT NOT NULL,
    plan_json TEXT NOT NULL,
    machine_version TEXT NOT NULL,
    status TEXT NOT NULL,
    simulate INTEGER NOT NULL,
    options_json TEXT NOT NULL
  );
  CREATE TABLE checkpoints (
    run_id TEXT NOT NULL REFERENCES runs(id),
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    event TEXT NOT NULL,
    state TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
  );
  CREATE TABLE journal (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id TEXT NOT NULL REFERENCES runs(id),
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    step_id TEXT,
    attempt INTEGER,
    who TEXT NOT NULL,
    detail TEXT NOT NULL
  );
  CREATE INDEX journal_run ON journal(run_id, id);
  CREATE TABLE step_attempts (
    run_id TEXT NOT NULL REFERENCES runs(id),
    step_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    intent_at TEXT NOT NULL,
    input TEXT NOT NULL,
    outcome TEXT,
    outcome_at TEXT,
    result TEXT,
    PRIMARY KEY (run_id, step_id, attempt)
  );
  CREATE TABLE inbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id TEXT NOT NULL REFERENCES runs(id),
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    command TEXT NOT NULL,
    step_id TEXT,
    payload TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    reason TEXT,
    handled_at TEXT
  );
  CREATE INDEX inbox_pending ON inbox(run_id, status, id);
  CREATE TABLE snapshots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id TEXT NOT NULL REFERENCES runs(id),
    step_id TEXT NOT NULL,
    name TEXT NOT NULL,
    provider TEXT NOT NULL,
    checkpoint_seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    removed_at TEXT
  );
  CREATE TABLE locks (
    run_id TEXT PRIMARY KEY,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    since TEXT NOT NULL,
    token TEXT NOT NULL
  );
  `,
];
