import { createRequire } from 'node:module';
import { XpmError } from '../errors/index.js';

/**
 * The store's one seam to SQLite: better-sqlite3 in development and CI (Node 20), Node's own
 * `node:sqlite` (`DatabaseSync`) in the offline bundle, whose Node has it built in and which
 * carries no native module to compile. Both give the same pragmas and the same durability:
 * WAL, `synchronous=FULL` set after WAL and read back, one fsync per commit, `BEGIN IMMEDIATE`.
 */
export const SQLITE_DRIVERS = ['better-sqlite3', 'node:sqlite'] as const;
export type SqliteDriver = (typeof SQLITE_DRIVERS)[number];

export interface Statement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
}

/** A function run inside one transaction; `immediate` takes the write lock at BEGIN. */
export interface Transaction<A extends unknown[], R> {
  (...args: A): R;
  immediate(...args: A): R;
}

export interface Db {
  readonly driver: SqliteDriver;
  prepare(sql: string): Statement;
  exec(sql: string): void;
  /** `PRAGMA text`; with `simple` the first column of the first row. */
  pragma(text: string, options?: { simple: true }): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): Transaction<A, R>;
  close(): void;
}

const require = createRequire(import.meta.url);

/**
 * The driver to use: XPMIGRATE_SQLITE names one; else better-sqlite3 where it loads (a
 * development install), else `node:sqlite` (the bundle: no better-sqlite3, Node 22.5 or newer).
 */
export function sqliteDriver(env: NodeJS.ProcessEnv = process.env): SqliteDriver {
  const named = env.XPMIGRATE_SQLITE;
  if (named !== undefined && named !== '') return loadable(named);
  if (found === undefined) {
    try {
      betterSqlite();
      found = 'better-sqlite3';
    } catch {
      found = 'node:sqlite';
    }
  }
  return found;
}
let found: SqliteDriver | undefined;

/** The driver XPMIGRATE_SQLITE names, if this Node.js can load it: said now, not at the first open. */
function loadable(named: string): SqliteDriver {
  if (loaded.has(named)) return named as SqliteDriver;
  if (!(SQLITE_DRIVERS as readonly string[]).includes(named))
    throw new XpmError('E_INPUT_CHOICE', {
      flag: 'XPMIGRATE_SQLITE',
      value: named,
      allowed: SQLITE_DRIVERS.join(', '),
    });
  try {
    if (named === 'node:sqlite') nodeSqlite();
    else betterSqlite();
  } catch (error) {
    throw new XpmError('E_SQLITE_UNAVAILABLE', {
      driver: named,
      node: process.version,
      detail: (error as Error).message,
    });
  }
  loaded.add(named);
  return named as SqliteDriver;
}
/** Drivers named and loaded once: every command asks again (the first database proves the native part). */
const loaded = new Set<string>();

/** Opens a database file with the driver; its errors are the driver's own, `code` as SQLite names it. */
export function openSqlite(file: string, driver: SqliteDriver, busyTimeoutMs: number): Db {
  if (driver === 'better-sqlite3') {
    const Database = require('better-sqlite3') as typeof import('better-sqlite3');
    const db = new Database(file, { timeout: busyTimeoutMs });
    // better-sqlite3's own API is the interface (statements and transactions unwrapped: the hot path).
    return Object.assign(db, { driver }) as unknown as Db;
  }
  const { DatabaseSync } = nodeSqlite();
  return new NodeDb(new DatabaseSync(file), busyTimeoutMs);
}

/** better-sqlite3, if its native part loads (with the first database: one built for another Node fails). */
function betterSqlite(): void {
  const Database = require('better-sqlite3') as typeof import('better-sqlite3');
  new Database(':memory:').close();
}

function nodeSqlite(): typeof import('node:sqlite') {
  try {
    return require('node:sqlite') as typeof import('node:sqlite');
  } catch {
    throw Object.assign(new Error(`node:sqlite needs Node.js 22.5 or newer (this is ${process.version})`), {
      code: 'SQLITE_NO_DRIVER',
    });
  }
}

/** SQLite's extended result codes that the store tells apart (sqlite.org/rescode.html). */
const CODES: Record<number, string> = {
  5: 'SQLITE_BUSY',
  8: 'SQLITE_READONLY',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  19: 'SQLITE_CONSTRAINT',
  26: 'SQLITE_NOTADB',
  787: 'SQLITE_CONSTRAINT_FOREIGNKEY',
  1555: 'SQLITE_CONSTRAINT_PRIMARYKEY',
  2067: 'SQLITE_CONSTRAINT_UNIQUE',
};

/** node:sqlite's errors say ERR_SQLITE_ERROR with the number apart: give them SQLite's name, as better-sqlite3 does. */
function named<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    const e = error as { code?: string; errcode?: number };
    if (e.code === 'ERR_SQLITE_ERROR' && typeof e.errcode === 'number')
      e.code = CODES[e.errcode] ?? CODES[e.errcode & 0xff] ?? `SQLITE_${e.errcode}`;
    throw error;
  }
}

/** `@name` parameters of a statement: node:sqlite refuses an object with keys the statement lacks. */
function parameterNames(sql: string): Set<string> {
  return new Set([...sql.matchAll(/[@:$]([A-Za-z_]\w*)/g)].map((m) => m[1]!));
}

class NodeDb implements Db {
  readonly driver = 'node:sqlite';
  private savepoints = 0;

  constructor(
    private readonly db: import('node:sqlite').DatabaseSync,
    busyTimeoutMs: number,
  ) {
    named(() => db.exec(`PRAGMA busy_timeout = ${Math.floor(busyTimeoutMs)}`));
  }

  prepare(sql: string): Statement {
    const statement = named(() => this.db.prepare(sql));
    const names = parameterNames(sql);
    // An object of named values loses the keys the statement does not name (better-sqlite3 ignores them).
    const args = (params: unknown[]) => {
      const [first] = params;
      if (params.length !== 1 || first === null || typeof first !== 'object' || Array.isArray(first))
        return params as never[];
      return [Object.fromEntries(Object.entries(first).filter(([k]) => names.has(k)))] as never[];
    };
    return {
      get: (...p) => named(() => statement.get(...args(p))),
      all: (...p) => named(() => statement.all(...args(p))),
      run: (...p) => named(() => statement.run(...args(p))),
    };
  }

  exec(sql: string): void {
    named(() => this.db.exec(sql));
  }

  pragma(text: string, options?: { simple: true }): unknown {
    const rows = named(() => this.db.prepare(`PRAGMA ${text}`).all()) as Array<Record<string, unknown>>;
    return options?.simple ? Object.values(rows[0] ?? {})[0] : rows;
  }

  /** As better-sqlite3's: BEGIN … COMMIT, ROLLBACK on a throw; nested ones as savepoints. */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): Transaction<A, R> {
    const run =
      (mode: 'DEFERRED' | 'IMMEDIATE') =>
      (...args: A): R => {
        if (this.db.isTransaction) {
          const name = `xpm_${++this.savepoints}`;
          this.exec(`SAVEPOINT ${name}`);
          try {
            const result = fn(...args);
            this.exec(`RELEASE ${name}`);
            return result;
          } catch (error) {
            this.exec(`ROLLBACK TO ${name}`);
            this.exec(`RELEASE ${name}`);
            throw error;
          }
        }
        this.exec(`BEGIN ${mode}`);
        try {
          const result = fn(...args);
          this.exec('COMMIT');
          return result;
        } catch (error) {
          if (this.db.isTransaction) this.exec('ROLLBACK');
          throw error;
        }
      };
    return Object.assign(run('DEFERRED'), { immediate: run('IMMEDIATE') });
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
