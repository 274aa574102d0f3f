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
  // 2: one commit writes about one page (bench 1): a checkpoint row holds the whole transition:
  // its run status (a status update rewrote the run row with its whole plan), its journal
  // entries, the intent it opens and the outcome it closes. Its key is run number × 2^32 + seq,
  // so a run's commits append at the right edge of one b-tree and need no second index.
  // step_attempts stays, read-only, for the attempts of runs written by schema 1. The journal
  // table keeps entries written between transitions, placed after checkpoint `after_seq`
  // (-1 for schema 1 rows, which predate every entry held in a checkpoint).
  `
  ALTER TABLE runs ADD COLUMN no INTEGER;
  UPDATE runs SET no = rowid;
  CREATE UNIQUE INDEX runs_no ON runs(no);

  CREATE TABLE checkpoints_v2 (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id),
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    event TEXT NOT NULL,
    state TEXT NOT NULL,
    status TEXT NOT NULL,
    journal TEXT NOT NULL DEFAULT '[]',
    intent TEXT,
    outcome TEXT,
    snapshot TEXT NOT NULL
  );
  INSERT INTO checkpoints_v2 (id, run_id, seq, at, event, state, status, snapshot)
    SELECT r.no * 4294967296 + c.seq, c.run_id, c.seq, c.at, c.event, c.state, r.status, c.snapshot
    FROM checkpoints c JOIN runs r ON r.id = c.run_id;
  DROP TABLE checkpoints;
  ALTER TABLE checkpoints_v2 RENAME TO checkpoints;

  CREATE TABLE journal_v2 (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id),
    after_seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    step_id TEXT,
    attempt INTEGER,
    who TEXT NOT NULL,
    detail TEXT NOT NULL
  );
  INSERT INTO journal_v2 (id, run_id, after_seq, at, kind, step_id, attempt, who, detail)
    SELECT id, run_id, -1, at, kind, step_id, attempt, who, detail FROM journal;
  DROP TABLE journal;
  ALTER TABLE journal_v2 RENAME TO journal;
  CREATE INDEX journal_run ON journal(run_id, after_seq, id);

  ALTER TABLE runs DROP COLUMN status;
  ALTER TABLE runs DROP COLUMN updated_at;

  -- The holder's boot: a pid from an earlier boot is dead, whoever has that pid now.
  ALTER TABLE locks ADD COLUMN boot TEXT NOT NULL DEFAULT '';
  `,
  // 3: import-db's checkpoints: one row per (script, server), updated after every batch.
  `
  CREATE TABLE script_imports (
    id TEXT PRIMARY KEY,
    file TEXT NOT NULL,
    server TEXT NOT NULL,
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    status TEXT NOT NULL,
    units_done INTEGER NOT NULL,
    bytes_done INTEGER NOT NULL,
    chain TEXT NOT NULL,
    database TEXT,
    last_marked INTEGER,
    in_flight INTEGER NOT NULL DEFAULT 0,
    error TEXT
  );
  `,
  // 4: the holder's process start time: its pid may belong to another process by now (a store
  // brought back by a VM revert still names the process that held the lock when it was copied).
  `
  ALTER TABLE locks ADD COLUMN started TEXT NOT NULL DEFAULT '';
  `,
  // 5: import-db's marks live in the databases the script fills (tempdb is emptied by a restart):
  // the ones an import wrote, to clear at its end.
  `
  ALTER TABLE script_imports ADD COLUMN mark_databases TEXT NOT NULL DEFAULT '[]';
  `,
];

/** The tables the newest schema has: a store that lacks one was damaged by hand or by a tool. */
export const SCHEMA_TABLES = [
  'runs',
  'checkpoints',
  'journal',
  'step_attempts',
  'inbox',
  'snapshots',
  'locks',
  'script_imports',
] as const;
