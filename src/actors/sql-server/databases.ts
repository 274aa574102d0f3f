import { dbOwnerOf } from './checks.js';
import type { SqlConnection } from './connect.js';
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
