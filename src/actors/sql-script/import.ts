import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { XpmError } from '../../errors/index.js';
import { SqlBatchError, type SqlConnection, serverFacts } from '../sql-server/index.js';
import type { ImportRow, ScriptImports } from './checkpoints.js';
import { codeOnly } from './lexer.js';
import { quoteName } from './literals.js';
import type { ScriptEncoding } from './script-lines.js';
import { type Batch, locate, splitScript } from './splitter.js';

/** Opens a connection whose session starts in `database` (the one the script last USEd). */
export type OpenConnection = (database: string | undefined) => Promise<SqlConnection>;

export interface ImportOptions {
  file: string;
  /** The server as the user named it: part of the import's identity. */
  server: string;
  /** Who imports (a run's step): the same script imported by another run is another import. */
  scope?: string;
  vars?: Record<string, string>;
  /** The scripts' encoding (`--encoding`); detected per file when not given. */
  encoding?: ScriptEncoding;
  /** The folder relative `:r` names are read from (`--include-dir`); else the working folder. */
  includeDir?: string;
  /** Forget the checkpoint and start at the first batch. */
  restart?: boolean;
  /** What to do with a batch outside a transaction whose outcome is unknown. */
  resolve?: 'rerun' | 'skip';
  onProgress?: (p: ImportProgress) => void;
  /**
   * Called at `before-commit` (batch and mark sent) and `after-commit` (before the checkpoint);
   * `marked`: the unit ran in a transaction with its mark. Crash tests die here.
   */
  at?: (unit: number, point: 'before-commit' | 'after-commit', marked: boolean) => void | Promise<void>;
}

export interface ImportProgress {
  /** Executions done (a `GO 3` batch counts three). */
  units: number;
  batch: number;
  /** Bytes of the script read up to the current batch, and the script's size. */
  bytes: number;
  total: number;
  /** The batches before `resumedAt` ran in an earlier process. */
  resumedAt: number;
}

export interface IgnoredFailure {
  batch: number;
  file: string;
  line: number;
  number: number;
  message: string;
}

export interface ImportResult {
  id: string;
  units: number;
  batches: number;
  bytes: number;
  /** Units done by earlier processes (0 for a fresh import). */
  resumedAt: number;
  /** How an interrupted unit was settled: by the server's mark, by the operator, or re-sent. */
  settled?: 'marked' | 'rerun' | 'skip' | 'rolled-back';
  /** Failures `:on error ignore` let pass. */
  ignored: IgnoredFailure[];
  /**
   * Databases where this login may not create the mark table (CREATE TABLE and ALTER on dbo):
   * their batches were marked in tempdb, which a restart of the server empties.
   */
  tempdbMarks: string[];
  alreadyDone: boolean;
}

/**
 * Where a unit's mark is kept: in the database the unit starts in, so it outlives a restart of
 * the SQL Server (tempdb is recreated at every start: "tempdb database", Microsoft Learn). A
 * unit that starts in a system database (before the script's USE) marks in tempdb, where the
 * import can always write; a restart there is told by `lastMarked` and the operator decides.
 */
const SYSTEM_DATABASES = new Set(['master', 'model', 'msdb', 'tempdb']);
const marksTable = (database: string) =>
  SYSTEM_DATABASES.has(database.toLowerCase())
    ? 'tempdb.dbo.xpmigrate_import_marks'
    : `${quoteName(database)}.dbo.xpmigrate_import_marks`;
const durable = (table: string) => !table.startsWith('tempdb.');
const named = (table: string) => `N'${table.replace(/'/g, "''")}'`;

/** Created in the unit's own transaction; one row per import and database: the newest unit. */
const MARK = (t: string) =>
  `IF OBJECT_ID(${named(t)}) IS NULL CREATE TABLE ${t} (import_id nvarchar(64) NOT NULL, unit int NOT NULL, db nvarchar(128) NOT NULL, PRIMARY KEY (import_id, unit)); DELETE FROM ${t} WHERE import_id = @id; INSERT INTO ${t} (import_id, unit, db) OUTPUT inserted.db VALUES (@id, @unit, DB_NAME())`;
const LAST_MARK = (t: string) =>
  `IF OBJECT_ID(${named(t)}) IS NOT NULL SELECT TOP (1) unit, db FROM ${t} WHERE import_id = @id ORDER BY unit DESC`;
/** The end of an import leaves nothing of it in the customer's databases. */
const CLEAR_MARKS = (t: string) =>
  `IF OBJECT_ID(${named(t)}) IS NOT NULL BEGIN DELETE FROM ${t} WHERE import_id = @id; IF NOT EXISTS (SELECT 1 FROM ${t}) DROP TABLE ${t}; END`;
const XACT_STATE = 'SELECT XACT_STATE() AS state';
/** In the session's database: may this login create the mark table (CREATE TABLE, ALTER on dbo)? */
const MARK_PERMISSION =
  "SELECT CAST(HAS_PERMS_BY_NAME(DB_NAME(), 'DATABASE', 'CREATE TABLE') AS int) AS createTable, CAST(HAS_PERMS_BY_NAME(N'dbo', 'SCHEMA', 'ALTER') AS int) AS alterSchema";
const CURRENT_DB = 'SELECT DB_NAME() AS db';

/** Statements SQL Server refuses inside a user transaction, and a batch's own transaction control. */
const OUTSIDE_TRANSACTION =
  /\b(?:(?:CREATE|ALTER|DROP)\s+DATABASE|BACKUP|RESTORE|RECONFIGURE|(?:CREATE|ALTER|DROP)\s+FULLTEXT|(?:BEGIN|SAVE)\s+TRAN(?:SACTION)?|COMMIT|ROLLBACK)\b/i;
/**
 * A module's definition: "CREATE PROCEDURE must be the first statement in a query batch", and
 * the rest of the batch is its body. A BEGIN TRAN there runs when the procedure is called, not
 * now, and creating it is allowed in a transaction ("CREATE PROCEDURE (Transact-SQL)").
 */
const MODULE_DEFINITION =
  /^\s*(?:CREATE(?:\s+OR\s+ALTER)?|ALTER)\s+(?:PROC|PROCEDURE|FUNCTION|TRIGGER|VIEW)\b/i;

/** Whether a batch can run inside the import's transaction, together with its mark. */
export function runsInTransaction(text: string): boolean {
  const code = codeOnly(text);
  return MODULE_DEFINITION.test(code) || !OUTSIDE_TRANSACTION.test(code);
}

/**
 * The script's `DataPath`/`LogPath` where nobody gave them: the target's own default folders
 * (`serverFacts`, with the model database's folders on old builds). The export's `:setvar`
 * defaults are the *source's* folders, which a target of another version does not have (5133).
 */
export async function withTargetFolders(
  vars: Record<string, string>,
  open: () => Promise<SqlConnection>,
): Promise<Record<string, string>> {
  const has = (name: string) => Object.keys(vars).some((k) => k.toLowerCase() === name.toLowerCase());
  if (has('DataPath') && has('LogPath')) return vars;
  const c = await open();
  try {
    const facts = await serverFacts(c);
    return {
      ...(facts.dataPath ? { DataPath: facts.dataPath } : {}),
      ...(facts.logPath ? { LogPath: facts.logPath } : {}),
      ...vars,
    };
  } finally {
    await c.close();
  }
}

/** One import per script file and server (and scope): the same command continues it. */
export const importId = (file: string, server: string, scope = '') =>
  createHash('sha256')
    .update(`${resolve(file)}\n${server.toUpperCase()}${scope ? `\n${scope}` : ''}`)
    .digest('hex')
    .slice(0, 24);

const link = (chain: string, text: string) => createHash('sha256').update(chain).update(text).digest('hex');

/**
 * Runs a script batch by batch. Each batch runs in a transaction that also writes a mark in the
 * database it starts in (`marksTable`); the checkpoint in the store follows. A process killed
 * between the server's commit and the checkpoint finds the mark on resume, so no batch runs
 * twice and none is lost.
 */
export async function importScript(
  open: OpenConnection,
  imports: ScriptImports,
  o: ImportOptions,
): Promise<ImportResult> {
  const id = importId(o.file, o.server, o.scope);
  if (o.restart) imports.remove(id);
  const before = imports.get(id);
  const result: ImportResult = {
    id,
    units: before?.unitsDone ?? 0,
    batches: 0,
    bytes: before?.bytesDone ?? 0,
    resumedAt: before?.unitsDone ?? 0,
    ignored: [],
    tempdbMarks: [],
    alreadyDone: before?.status === 'done',
  };
  if (result.alreadyDone) return result;

  let row: ImportRow = imports.begin(id, resolve(o.file), o.server);
  // The database the connection's session started in; a USE moves the next connection there.
  let sessionDb = row.database ?? undefined;
  let connection = await open(sessionDb);
  try {
    // Checked before the first batch in each database: the mark table needs CREATE TABLE there.
    const tables = new Map<string, string>();
    const tableFor = async (database: string): Promise<string> => {
      let table = tables.get(database) ?? marksTable(database);
      if (!tables.has(database) && durable(table)) {
        const [may] = await connection.query<{ createTable: number | null; alterSchema: number | null }>(
          MARK_PERMISSION,
        );
        if (may?.createTable !== 1 || may.alterSchema !== 1) {
          table = marksTable('tempdb');
          result.tempdbMarks.push(database);
        }
      }
      tables.set(database, table);
      return table;
    };
    // The unit that was in flight started here, so its mark (if it committed) is here too.
    let currentDb = (await connection.query<{ db: string }>(CURRENT_DB))[0]?.db ?? 'master';
    const firstTable = await tableFor(currentDb);
    const [mark] = await connection.query<{ unit: number; db: string }>(LAST_MARK(firstTable), { id });
    // A restarted server empties tempdb: then a missing mark there proves nothing.
    const marksLost =
      !durable(firstTable) && row.lastMarked !== null && (mark === undefined || mark.unit < row.lastMarked);
    const markDatabases = new Set(row.markDatabases);

    let unit = 0;
    let chain = '';
    for (const batch of splitScript(o.file, {
      vars: o.vars ?? {},
      ...(o.encoding ? { encoding: o.encoding } : {}),
      ...(o.includeDir ? { includeDir: o.includeDir } : {}),
      onRead: (read, total) => o.onProgress?.({ ...progressOf(result, unit, read, total), batch: -1 }),
    })) {
      result.batches = batch.index + 1;
      const inTransaction = unit + batch.repeat > row.unitsDone && runsInTransaction(batch.text);
      for (let n = 0; n < batch.repeat; n++, unit++) {
        if (unit < row.unitsDone) {
          chain = link(chain, batch.text);
          continue;
        }
        if (unit === row.unitsDone && chain !== row.chain)
          throw new XpmError('E_IMPORT_SCRIPT_CHANGED', { file: o.file, done: row.unitsDone });
        const table = await tableFor(currentDb);
        /** Records unit as done; `marked`: its commit carried a mark. */
        const done = async (database: string | undefined, marked: boolean) => {
          chain = link(chain, batch.text);
          if (marked) markDatabases.add(durable(table) ? currentDb : 'tempdb');
          row = checkpoint(imports, row, {
            unitsDone: unit + 1,
            chain,
            bytesDone: batch.offset,
            inFlight: false,
            database: database ?? row.database,
            markDatabases: [...markDatabases],
            ...(marked ? { lastMarked: unit } : {}),
          });
          if (database && database !== sessionDb) {
            // Should the pool reconnect, its new session must start where the script left it.
            await connection.close();
            sessionDb = database;
            connection = await open(sessionDb);
          }
          currentDb = database ?? currentDb;
          result.units = unit + 1;
          result.bytes = batch.offset;
        };
        if (row.inFlight && unit === row.unitsDone) {
          result.settled = settle(batch, inTransaction, mark, unit, marksLost, o);
          if (result.settled === 'marked' || result.settled === 'skip') {
            await done(result.settled === 'marked' ? mark!.db : undefined, result.settled === 'marked');
            continue;
          }
        }
        imports.save(id, { inFlight: true });
        const ran = await runUnit(connection, batch, { unit, id, table, inTransaction, result, imports, o });
        await o.at?.(unit, 'after-commit', ran.marked);
        await done(ran.database, ran.marked);
        o.onProgress?.({ ...progressOf(result, unit + 1, batch.offset, -1), batch: batch.index });
      }
    }
    if (unit < row.unitsDone)
      throw new XpmError('E_IMPORT_SCRIPT_CHANGED', { file: o.file, done: row.unitsDone });
    for (const database of new Set([...markDatabases, currentDb]))
      await connection.query(CLEAR_MARKS(marksTable(database)), { id });
    imports.save(id, { status: 'done', error: null });
    return result;
  } catch (error) {
    imports.save(id, {
      status: 'failed',
      error: JSON.stringify(
        error instanceof XpmError ? { code: error.code, params: error.params } : { detail: String(error) },
      ),
    });
    throw error;
  } finally {
    await connection.close();
  }
}

function checkpoint(imports: ScriptImports, row: ImportRow, change: Partial<ImportRow>): ImportRow {
  imports.save(row.id, change);
  return { ...row, ...change };
}

function progressOf(r: ImportResult, units: number, bytes: number, total: number) {
  return { units, bytes, total, resumedAt: r.resumedAt };
}

/** Decides an interrupted unit: the server's mark proves a commit; otherwise ask when unsure. */
function settle(
  batch: Batch,
  inTransaction: boolean,
  mark: { unit: number; db: string } | undefined,
  unit: number,
  marksLost: boolean,
  o: ImportOptions,
): 'marked' | 'rerun' | 'skip' | 'rolled-back' {
  if (inTransaction && mark?.unit === unit) return 'marked';
  if (inTransaction && !marksLost) return 'rolled-back';
  if (o.resolve) return o.resolve;
  throw new XpmError(
    'E_IMPORT_UNCERTAIN',
    { file: batch.file, line: batch.startLine, batch: batch.index + 1 },
    { exitCode: 3 },
  );
}

/** A batch failed under `:on error ignore` in a transaction the server cannot commit. */
class Uncommittable extends Error {}

/**
 * Runs one execution of a batch; returns the session's database afterwards and whether the
 * commit carried the unit's mark.
 */
async function runUnit(
  connection: SqlConnection,
  batch: Batch,
  c: {
    unit: number;
    id: string;
    table: string;
    inTransaction: boolean;
    result: ImportResult;
    imports: ScriptImports;
    o: ImportOptions;
  },
): Promise<{ database: string | undefined; marked: boolean }> {
  const { unit, id, table } = c;
  if (c.inTransaction)
    try {
      let ignored: SqlBatchError | undefined;
      const database = await connection.transaction(async (t) => {
        try {
          await t.batch(batch.text);
        } catch (error) {
          if (!(error instanceof SqlBatchError) || batch.onError === 'exit') throw error;
          // sqlcmd runs without a transaction, so what succeeded before (and after) a statement's
          // error stays. Here the transaction is still open after a statement-level error
          // (XACT_ABORT OFF): commit it. After one that ended or doomed it (XACT_STATE 0 or -1:
          // "XACT_STATE (Transact-SQL)"), nothing of the batch is left: run it as sqlcmd would.
          if (t.aborted() || (await t.query<{ state: number }>(XACT_STATE))[0]?.state !== 1)
            throw new Uncommittable();
          ignored = error;
        }
        const [marked] = await t.query<{ db: string }>(MARK(table), { id, unit });
        await c.o.at?.(unit, 'before-commit', true);
        return marked?.db;
      });
      if (ignored) c.result.ignored.push(ignoredFailure(batch, ignored));
      return { database, marked: true };
    } catch (error) {
      if (!(error instanceof Uncommittable)) throw fatal(error, batch, c) ?? error;
    }
  try {
    await connection.batch(batch.text);
  } catch (error) {
    const end = fatal(error, batch, c);
    if (end) throw end;
    c.result.ignored.push(ignoredFailure(batch, error as SqlBatchError));
  }
  const [current] = await connection.query<{ db: string }>(CURRENT_DB);
  return { database: current?.db, marked: false };
}

function ignoredFailure(batch: Batch, error: SqlBatchError): IgnoredFailure {
  return {
    batch: batch.index + 1,
    ...locate(batch, error.first.line),
    number: error.first.number,
    message: error.first.message,
  };
}

/**
 * What a batch's failure ends the import with: a lost connection as it is (the mark will tell),
 * a refusal under `:on error exit` as the error naming file and line. Undefined: `ignore`.
 */
function fatal(
  error: unknown,
  batch: Batch,
  c: { id: string; imports: ScriptImports; o: ImportOptions },
): unknown {
  if (!(error instanceof SqlBatchError)) return error;
  if (batch.onError !== 'exit') return undefined;
  const where = locate(batch, error.first.line);
  c.imports.save(c.id, { inFlight: false });
  return new XpmError(
    'E_IMPORT_BATCH_FAILED',
    {
      file: where.file,
      line: where.line,
      batch: batch.index + 1,
      server: c.o.server,
      number: error.first.number,
      detail: error.first.message,
    },
    { exitCode: 1 },
  );
}
