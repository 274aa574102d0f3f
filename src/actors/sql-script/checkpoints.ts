/**
 * What the checkpoints need of the store's SQLite connection (better-sqlite3's Database has it):
 * the table is created by the store's migrations; the actor owns how it reads and writes it.
 */
export interface CheckpointDb {
  prepare(sql: string): {
    get(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
    run(...params: unknown[]): unknown;
  };
}

export type ImportStatus = 'running' | 'failed' | 'done';

/**
 * Where an import-db stands. A unit is one execution of a batch (`GO 3` makes three); units
 * run in script order, so the count of units done says exactly where to continue.
 */
export interface ImportRow {
  id: string;
  file: string;
  server: string;
  startedAt: string;
  updatedAt: string;
  status: ImportStatus;
  unitsDone: number;
  bytesDone: number;
  /** SHA-256 chain over the texts of the units done: a resumed script must not differ there. */
  chain: string;
  /** The session's database after the last unit (USE), restored on resume. */
  database: string | null;
  /** The last unit committed with a server-side mark, to tell a restarted server (tempdb). */
  lastMarked: number | null;
  /** The databases whose mark table this import wrote: cleared at its end. */
  markDatabases: string[];
  /** A unit outside a transaction was sent and its outcome is not known. */
  inFlight: boolean;
  error: string | null;
}

const COLUMNS = `id, file, server, started_at AS startedAt, updated_at AS updatedAt, status,
  units_done AS unitsDone, bytes_done AS bytesDone, chain, database, last_marked AS lastMarked,
  in_flight AS inFlight, mark_databases AS markDatabases, error`;

type StoredRow = Omit<ImportRow, 'inFlight' | 'markDatabases'> & { inFlight: number; markDatabases: string };
const fromStored = (r: StoredRow): ImportRow => ({
  ...r,
  inFlight: r.inFlight === 1,
  markDatabases: JSON.parse(r.markDatabases) as string[],
});

/** import-db's checkpoints, in the same store as the runs; each write is one transaction. */
export class ScriptImports {
  constructor(private readonly db: CheckpointDb) {}

  get(id: string): ImportRow | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM script_imports WHERE id = ?`).get(id) as
      | StoredRow
      | undefined;
    return row ? fromStored(row) : undefined;
  }

  list(): ImportRow[] {
    return (
      this.db.prepare(`SELECT ${COLUMNS} FROM script_imports ORDER BY updated_at DESC`).all() as StoredRow[]
    ).map(fromStored);
  }

  begin(id: string, file: string, server: string): ImportRow {
    const at = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO script_imports (id, file, server, started_at, updated_at, status, units_done, bytes_done, chain)
         VALUES (?, ?, ?, ?, ?, 'running', 0, 0, '')
         ON CONFLICT (id) DO UPDATE SET status = 'running', updated_at = excluded.updated_at, error = NULL`,
      )
      .run(id, file, server, at, at);
    return this.get(id)!;
  }

  /** Writes the changed fields of a checkpoint. */
  save(
    id: string,
    change: Partial<Omit<ImportRow, 'id' | 'file' | 'server' | 'startedAt' | 'updatedAt'>>,
  ): void {
    const names: Record<string, string> = {
      status: 'status',
      unitsDone: 'units_done',
      bytesDone: 'bytes_done',
      chain: 'chain',
      database: 'database',
      lastMarked: 'last_marked',
      inFlight: 'in_flight',
      markDatabases: 'mark_databases',
      error: 'error',
    };
    const entries = Object.entries(change).filter(([k]) => k in names);
    const sets = entries.map(([k]) => `${names[k]} = ?`).join(', ');
    const values = entries.map(([, v]) =>
      typeof v === 'boolean' ? (v ? 1 : 0) : Array.isArray(v) ? JSON.stringify(v) : v,
    );
    this.db
      .prepare(`UPDATE script_imports SET ${sets}, updated_at = ? WHERE id = ?`)
      .run(...values, new Date().toISOString(), id);
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM script_imports WHERE id = ?').run(id);
  }
}
