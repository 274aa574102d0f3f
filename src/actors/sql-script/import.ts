import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { XpmError } from '../../errors/index.js';
import { SqlBatchError, type SqlConnection, serverFacts } from '../sql-server/index.js';
import type { ImportRow, ScriptImports } from './checkpoints.js';
import { codeOnly } from './lexer.js';
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
  alreadyDone: boolean;
}

const MARKS_TABLE =
  "IF OBJECT_ID(N'tempdb.dbo.xpmigrate_import_marks') IS NULL CREATE TABLE tempdb.dbo.xpmigrate_import_marks (import_id nvarchar(64) NOT NULL, unit int NOT NULL, db nvarchar(128) NOT NULL, PRIMARY KEY (import_id, unit))";
const MARK =
  'INSERT INTO tempdb.dbo.xpmigrate_import_marks (import_id, unit, db) OUTPUT inserted.db VALUES (@id, @unit, DB_NAME())';
const LAST_MARK =
  'SELECT TOP (1) unit, db FROM tempdb.dbo.xpmigrate_import_marks WHERE import_id = @id ORDER BY unit DESC';
const CLEAR_MARKS = 'DELETE FROM tempdb.dbo.xpmigrate_import_marks WHERE import_id = @id';
const CURRENT_DB = 'SELECT DB_NAME() AS db';

/** Statements SQL Server refuses inside a user transaction, and a batch's own transaction control. */
const OUTSIDE_TRANSACTION =
  /\b(?:(?:CREATE|ALTER|DROP)\s+DATABASE|BACKUP|RESTORE|RECONFIGURE|(?:CREATE|ALTER|DROP)\s+FULLTEXT|(?:BEGIN|SAVE)\s+TRAN(?:SACTION)?|COMMIT|ROLLBACK)\b/i;

/** Whether a batch can run inside the import's transaction, together with its mark. */
export const runsInTransaction = (text: string) => !OUTSIDE_TRANSACTION.test(codeOnly(text));

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
 * Runs a script batch by batch. Each batch runs in a transaction that also writes a mark in
 * tempdb; the checkpoint in the store follows. A process killed between the server's commit
 * and the checkpoint finds the mark on resume, so no batch runs twice and none is lost.
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
    alreadyDone: before?.status === 'done',
  };
  if (result.alreadyDone) return result;

  let row: ImportRow = imports.begin(id, resolve(o.file), o.server);
  // The database the connection's session started in; a USE moves the next connection there.
  let sessionDb = row.database ?? undefined;
  let connection = await open(sessionDb);
  try {
    await connection.query(MARKS_TABLE);
    const [mark] = await connection.query<{ unit: number; db: string }>(LAST_MARK, { id });
    // A restarted server empties tempdb: then a missing mark proves nothing.
    const marksLost = row.lastMarked !== null && (mark === undefined || mark.unit < row.lastMarked);

    let unit = 0;
    let chain = '';
    for (const batch of splitScript(o.file, {
      vars: o.vars ?? {},
      ...(o.encoding ? { encoding: o.encoding } : {}),
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
        /** Records unit as done; `marked`: its commit carried a mark (tempdb). */
        const done = async (database: string | undefined, marked: boolean) => {
          chain = link(chain, batch.text);
          row = checkpoint(imports, row, {
            unitsDone: unit + 1,
            chain,
            bytesDone: batch.offset,
            inFlight: false,
            database: database ?? row.database,
            ...(marked ? { lastMarked: unit } : {}),
          });
          if (database && database !== sessionDb) {
            // Should the pool reconnect, its new session must start where the script left it.
            await connection.close();
            sessionDb = database;
            connection = await open(sessionDb);
          }
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
        const database = await runUnit(connection, batch, { unit, id, inTransaction, result, imports, o });
        await o.at?.(unit, 'after-commit', inTransaction);
        await done(database, inTransaction);
        o.onProgress?.({ ...progressOf(result, unit + 1, batch.offset, -1), batch: batch.index });
      }
    }
    if (unit < row.unitsDone)
      throw new XpmError('E_IMPORT_SCRIPT_CHANGED', { file: o.file, done: row.unitsDone });
    await connection.query(CLEAR_MARKS, { id });
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

/** Runs one execution of a batch; returns the session's database afterwards. */
async function runUnit(
  connection: SqlConnection,
  batch: Batch,
  c: {
    unit: number;
    id: string;
    inTransaction: boolean;
    result: ImportResult;
    imports: ScriptImports;
    o: ImportOptions;
  },
): Promise<string | undefined> {
  const { unit, id, inTransaction, result, imports } = c;
  try {
    if (inTransaction)
      return await connection.transaction(async (t) => {
        await t.batch(batch.text);
        const [marked] = await t.query<{ db: string }>(MARK, { id, unit });
        await c.o.at?.(unit, 'before-commit', true);
        return marked?.db;
      });
    await connection.batch(batch.text);
  } catch (error) {
    if (!(error instanceof SqlBatchError)) throw error; // connection lost: the mark will tell
    const where = locate(batch, error.first.line);
    if (batch.onError === 'exit') {
      imports.save(id, { inFlight: false });
      throw new XpmError(
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
    result.ignored.push({
      batch: batch.index + 1,
      ...where,
      number: error.first.number,
      message: error.first.message,
    });
  }
  const [current] = await connection.query<{ db: string }>(CURRENT_DB);
  return current?.db;
}
