import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { XpmError } from '../errors/index.js';
import { MIGRATIONS, SCHEMA_TABLES } from './migrations.js';
import { type Db, openSqlite, type SqliteDriver, sqliteDriver } from './sqlite.js';

export type { Db };

/**
 * Opens (or creates) the store: WAL with synchronous=FULL, migrated to the newest schema.
 * better-sqlite3 defaults WAL to synchronous=NORMAL, so FULL is set after journal_mode and
 * read back: a commit must survive a power cut between reboots.
 */
export function openDb(
  file: string,
  driver: SqliteDriver = sqliteDriver(),
  {
    create = true,
    named = false,
    afterLoss = false,
  }: { create?: boolean; named?: boolean; afterLoss?: boolean } = {},
): Db {
  const before = sizeOf(file);
  // A store that should hold a run is never silently replaced by an empty one; one that the
  // startup task names (`named`), or whose run note is beside it, existed and held a run.
  if (before === undefined && named) throw lost(file, 'gone');
  if (before === undefined && !create) throw new XpmError('E_STORE_MISSING', { file });
  if (before === undefined && !afterLoss && notedRun(file) !== undefined) throw lost(file, 'gone');
  if (before === 0) throw lost(file, 'empty');
  if (before === undefined) createWhole(file, driver);
  let db: Db;
  try {
    db = openSqlite(file, driver, 5000);
  } catch (cause) {
    throw new XpmError('E_STORE_OPEN', { file, detail: message(cause) }, { cause });
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const sync = db.pragma('synchronous', { simple: true });
    if (sync !== 2) throw new Error(`synchronous is ${String(sync)}, not FULL`);
    // A file with bytes but no schema had its tables in a write-ahead log that is gone.
    if (db.pragma('user_version', { simple: true }) === 0) throw lost(file, 'wal');
    migrate(db, file);
    const tables = new Set(
      (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>
      ).map((t) => t.name),
    );
    const missing = SCHEMA_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0)
      throw new XpmError('E_STORE_CORRUPT', { file, detail: `table ${missing.join(', ')} missing` });
    opened.set(db, { file, identity: identityOf(file) });
    return db;
  } catch (cause) {
    db.close();
    if (cause instanceof XpmError) throw cause;
    const code = (cause as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new XpmError('E_STORE_CORRUPT', { file, detail: message(cause) }, { cause });
    }
    throw new XpmError('E_STORE_OPEN', { file, detail: message(cause) }, { cause });
  }
}

/**
 * A new store is built whole beside its path (WAL mode, every migration) and then linked into
 * place: a kill while it is made leaves the path absent, never a 0-byte or schema-less file that
 * reads as a lost store. A link, not a rename: of two starts creating it at once the second
 * finds the first's store there and uses it instead of replacing it.
 */
function createWhole(file: string, driver: SqliteDriver): void {
  mkdirSync(dirname(file), { recursive: true });
  const draft = `${file}.${process.pid}.new`;
  const clear = (d = draft) => {
    for (const f of [d, `${d}-wal`, `${d}-shm`]) rmSync(f, { force: true });
  };
  clearAbandonedDrafts(file, clear);
  clear();
  try {
    const db = openSqlite(draft, driver, 5000);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      migrate(db, file);
    } finally {
      db.close(); // the last connection's close checkpoints the WAL into the file
    }
    const fd = openSync(draft, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  } catch (cause) {
    if (cause instanceof XpmError) throw cause;
    throw new XpmError('E_STORE_OPEN', { file, detail: message(cause) }, { cause });
  } finally {
    clear();
  }
}

/** Drafts of this store that a killed creator left (its process is gone): never a store, removed. */
function clearAbandonedDrafts(file: string, clear: (draft: string) => void): void {
  const name = basename(file);
  let names: string[] = [];
  try {
    names = readdirSync(dirname(file));
  } catch {
    return;
  }
  for (const other of names) {
    const pid = Number(
      other.startsWith(`${name}.`) ? /^\.(\d+)\.new$/.exec(other.slice(name.length))?.[1] : NaN,
    );
    if (!Number.isInteger(pid) || pid === process.pid || processLives(pid)) continue;
    clear(join(dirname(file), other));
  }
}

function processLives(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Beside the store: the run it began, so that a store lost later is not taken for a fresh one. */
export const runNote = (file: string) => `${file}.run`;

/** The run the note beside the store names, if there is one. */
export function notedRun(file: string): string | undefined {
  try {
    return readFileSync(runNote(file), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The file each store was opened from, and which file that was (device and inode). */
const opened = new WeakMap<Db, { file: string; identity: string | undefined }>();

function sizeOf(file: string): number | undefined {
  try {
    return statSync(file).size;
  } catch {
    return undefined;
  }
}

function identityOf(file: string): string | undefined {
  try {
    const s = statSync(file);
    return s.size > 0 ? `${s.dev}:${s.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/** The journal mirror's folder, as `start --journal-mirror` noted it beside the store. */
export const mirrorNote = (file: string) => `${file}.mirror`;

export function lost(file: string, how: 'empty' | 'wal' | 'gone' | 'replaced'): XpmError {
  let mirror = '';
  try {
    mirror = readFileSync(mirrorNote(file), 'utf8').trim();
  } catch {
    // no mirror was kept for this store
  }
  return new XpmError('E_STORE_LOST', { file, how, mirror: mirror || '–' }, { exitCode: 2 });
}

/**
 * Before a commit: is the store's path still the file this process opened? A store deleted or
 * replaced under a running process would otherwise take the commit into a file nobody reads.
 */
export function assertSameStore(db: Db): void {
  const known = opened.get(db);
  if (!known?.identity) return;
  const now = identityOf(known.file);
  if (now !== known.identity) throw lost(known.file, now === undefined ? 'gone' : 'replaced');
}

function migrate(db: Db, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new XpmError('E_STORE_NEWER', { file, found: version, known: MIGRATIONS.length });
  }
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
