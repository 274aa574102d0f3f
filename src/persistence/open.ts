import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
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
  { create = true, named = false }: { create?: boolean; named?: boolean } = {},
): Db {
  const before = sizeOf(file);
  // A store that should hold a run is never silently replaced by an empty one; one that the
  // startup task names (`named`) existed when the task was set up.
  if (before === undefined && named) throw lost(file, 'gone');
  if (before === undefined && !create) throw new XpmError('E_STORE_MISSING', { file });
  if (before === 0) throw lost(file, 'empty');
  if (create) mkdirSync(dirname(file), { recursive: true });
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
    if (before !== undefined && db.pragma('user_version', { simple: true }) === 0) throw lost(file, 'wal');
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

function lost(file: string, how: 'empty' | 'wal' | 'gone' | 'replaced'): XpmError {
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
