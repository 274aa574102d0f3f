import { describe, expect, it } from 'vitest';
import { openDb, SQLITE_DRIVERS, type SqliteDriver } from '../../src/persistence/index.js';
import { tempState } from '../support/runs.js';

/** Whether this Node can open a driver at all (node:sqlite needs 22.5+; better-sqlite3 its own build). */
function available(driver: SqliteDriver): boolean {
  try {
    openDb(tempState(), driver).close();
    return true;
  } catch {
    return false;
  }
}

describe('the store on either SQLite driver', () => {
  for (const driver of SQLITE_DRIVERS) {
    it.skipIf(!available(driver))(
      `${driver}: the same pragmas, transactions, parameters and error codes`,
      () => {
        const db = openDb(tempState(), driver);
        expect(db.driver).toBe(driver);
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL, read back after WAL
        expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
        db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
        const insert = db.prepare('INSERT INTO t (id, v) VALUES (@id, @v)');
        // Named values: keys the statement does not name are left out, as better-sqlite3 does.
        expect(Number(insert.run({ id: 1, v: 'a', other: 'ignored' }).lastInsertRowid)).toBe(1);
        const failing = db.transaction(() => {
          insert.run({ id: 2, v: 'b' });
          throw new Error('undo');
        });
        expect(() => failing.immediate()).toThrow('undo');
        // A nested transaction is a savepoint: its failure undoes only itself.
        const outer = db.transaction(() => {
          insert.run({ id: 3, v: 'c' });
          try {
            db.transaction(() => {
              insert.run({ id: 4, v: 'd' });
              throw new Error('inner');
            })();
          } catch {}
        });
        outer.immediate();
        expect(db.prepare('SELECT id FROM t ORDER BY id').all()).toEqual(
          [{ id: 1 }, { id: 3 }].map((r) => expect.objectContaining(r)),
        );
        let code: string | undefined;
        try {
          insert.run({ id: 1, v: 'again' });
        } catch (error) {
          code = (error as { code?: string }).code;
        }
        expect(code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
        db.close();
      },
    );
  }
});
