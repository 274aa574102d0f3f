import { XpmError } from '../../errors/index.js';
import type { Host } from '../../host/index.js';
import { dbOwnerOf } from './checks.js';
import { type SqlConnection, sqlAccess, withSql } from './connect.js';
import { createDatabase, createWindowsLogin, DATABASES, grantDbOwner } from './statements.js';

/**
 * Step 2a: the databases exist and the XPhone service account is db_owner on each — a Windows
 * login, a user of that name in each database, membership in db_owner. Every statement checks
 * first, so running it again changes nothing.
 */
export async function ensureDatabases(
  c: SqlConnection,
  names: string[],
  account: string,
): Promise<{ created: string[]; granted: string[] }> {
  const existing = new Set((await c.query<{ name: string }>(DATABASES)).map((d) => d.name.toLowerCase()));
  const created: string[] = [];
  const granted: string[] = [];
  for (const name of names) {
    if (!existing.has(name.toLowerCase())) {
      await c.query(createDatabase(name), { database: name });
      created.push(name);
    }
  }
  await c.query(createWindowsLogin(account), { account });
  for (const name of names) {
    if (await dbOwnerOf(c, name, account)) continue;
    await c.query(grantDbOwner(name, account), { account });
    // Read back: granted is what the server now says, not what was sent.
    if (!(await dbOwnerOf(c, name, account)))
      throw new XpmError(
        'E_SQL_DB_OWNER_NOT_GRANTED',
        { server: c.server, database: name, account },
        { exitCode: 1 },
      );
    granted.push(name);
  }
  return { created, granted };
}

/** The probe: which of the databases exist with the account as db_owner. */
export async function ownedDatabases(c: SqlConnection, names: string[], account: string): Promise<string[]> {
  const existing = (await c.query<{ name: string }>(DATABASES)).map((d) => d.name.toLowerCase());
  const owned: string[] = [];
  for (const name of names)
    if (existing.includes(name.toLowerCase()) && (await dbOwnerOf(c, name, account))) owned.push(name);
  return owned;
}

/**
 * A database name as SQL Server allows it (up to 128 characters), and safe in the file names
 * xpmigrate builds from it (`<backup-dir>\\<db>-….bak`, `<db>.sql`): no path separator, no `..`,
 * none of Windows' reserved file-name characters, no control character.
 */
export function assertDatabaseNames(names: string[], flag: string): void {
  if (names.length === 0) throw new XpmError('E_INPUT_DATABASE_NAME', { flag, name: '' });
  for (const name of names)
    if (
      name.length > 128 ||
      name.includes('..') ||
      /[\\/:*?"<>|\x00-\x1f]/.test(name) ||
      name.trim() !== name
    )
      throw new XpmError('E_INPUT_DATABASE_NAME', { flag, name });
}

/**
 * Before anything runs: every database named must exist on the source server (`sys.databases`
 * shows every database to a login with VIEW ANY DATABASE, which public holds by default). A typo
 * would otherwise be noticed only at the backup, after the operator's first steps.
 */
export async function assertSourceDatabases(server: string, names: string[], host: Host): Promise<void> {
  const existing = await withSql(await sqlAccess(server, host), (c) => c.query<{ name: string }>(DATABASES));
  const known = new Set(existing.map((d) => d.name.toLowerCase()));
  const missing = names.filter((n) => !known.has(n.toLowerCase()));
  if (missing.length > 0)
    throw new XpmError('E_SQL_SOURCE_DATABASE_MISSING', {
      server,
      databases: missing.join(', '),
      existing:
        existing
          .map((d) => d.name)
          .filter((n) => !['master', 'model', 'msdb', 'tempdb'].includes(n))
          .join(', ') || '–',
    });
}
