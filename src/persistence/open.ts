import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { XpmError } from '../errors/index.js';
import { MIGRATIONS } from './migrations.js';
import { type Db, openSqlite, type SqliteDriver, sqliteDriver } from './sqlite.js';

export type { Db };

/**
 * Opens (or creates) the store: WAL with synchronous=FULL, migrated to the newest schema.
 * better-sqlite3 defaults WAL to synchronous=NORMAL, so FULL is set after journal_mode and
 * read back: a commit must survive a power cut between reboots.
 */
export function openDb(file: string, driver: SqliteDriver = sqliteDriver()): Db {
  mkdirSync(dirname(file), { recursive: true });
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
    migrate(db, file);
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
