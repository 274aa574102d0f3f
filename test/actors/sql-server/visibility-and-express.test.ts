import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { traceKey } from '../../../src/actors/effect.js';
import {
  backupFile,
  runChecks,
  serverFacts,
  sqlServerEffects,
  withSql,
} from '../../../src/actors/sql-server/index.js';
import { SHARE, serversPerTest, xphoneDatabase } from '../../support/sql.js';

// Issue 25, items 13 and 14.
const startSql = serversPerTest();

describe('a login that is db_owner only (no VIEW ANY DEFINITION)', () => {
  test('still sees its databases (sizes unknown), and the backup step backs them up', async () => {
    const s = await startSql('OLDSQL', (m) => {
      m.logins['XPHONE\\dbo-only'] = { windows: true, password: 'pw' };
      m.databases.XPDATA = { ...xphoneDatabase(m, 'XPDATA', 40), owner: 'XPHONE\\dbo-only' };
    });
    const login = { credentials: { user: 'XPHONE\\dbo-only', password: 'pw' } };
    const facts = await withSql(s.access(login), serverFacts);
    expect(facts.databases).toContainEqual({ name: 'XPDATA', state: 'ONLINE', sizeMb: null, dataMb: null });

    const runId = 'run-1';
    const stepId = 'v8v9.backup';
    const endpoint = { ...s.access().endpoint!, credentials: login.credentials };
    const ctx = {
      runId,
      stepId,
      input: { backupSet: 'a test' },
      options: { databases: ['XPDATA'], sourceSqlServer: 'OLDSQL', backupDir: SHARE },
      host: { sqlEndpoint: async () => endpoint, odbcDrivers: async () => [], applied: async () => {} },
      progress: () => {},
    } as unknown as Parameters<(typeof sqlServerEffects)['sql.backup-databases']['run']>[0];
    const result = await sqlServerEffects['sql.backup-databases'].run(ctx);
    // Before, the database vanished from the JOIN with sys.master_files: "done" with no file.
    const file = backupFile(SHARE, 'XPDATA', traceKey({ runId, stepId }));
    expect(readdirSync(s.backupDir)).toContain(file.slice(file.lastIndexOf('\\') + 1));
    // VERIFYONLY needs CREATE DATABASE, which this login lacks: the copy stands, named unverified.
    expect(result).toMatchObject({ ok: true, result: { unverified: [file] } });
    // doctor's view of this login on the source: it may back up, not verify; no SYSADMIN asked.
    const { checks } = await withSql(s.access(login), (c) =>
      runChecks(c, { databases: ['XPDATA'], external: false, role: 'source' }),
    );
    const status = Object.fromEntries(checks.map((c) => [c.id, c.status]));
    expect(status).toMatchObject({ 'sql.backup-rights': 'pass', 'sql.verify-rights': 'warn' });
    expect(status['sql.sysadmin']).toBeUndefined();
  });

  test('a named database the server does not show fails the backup step: no "done" without a file', async () => {
    const s = await startSql('OLDSQL', (m) => {
      m.databases.XPDATA = xphoneDatabase(m, 'XPDATA', 40);
    });
    const ctx = {
      runId: 'run-1',
      stepId: 'v8v9.backup',
      options: { databases: ['XPDATA', 'XPSTATS'], sourceSqlServer: 'OLDSQL', backupDir: SHARE },
      host: {
        sqlEndpoint: async () => s.access().endpoint!,
        odbcDrivers: async () => [],
        applied: async () => {},
      },
      progress: () => {},
    } as unknown as Parameters<(typeof sqlServerEffects)['sql.backup-databases']['run']>[0];
    const e = await sqlServerEffects['sql.backup-databases'].run(ctx).catch((error: unknown) => error);
    expect((e as { code?: string }).code).toBe('E_SQL_BACKUP_DATABASE_MISSING');
    expect((e as { params: Record<string, unknown> }).params.databases).toBe('XPSTATS');
    expect(readdirSync(s.backupDir)).toEqual([]); // checked before the first backup
  });

  test('a login that may not back up a database fails the source check, with the role that fixes it', async () => {
    const s = await startSql('OLDSQL', (m) => {
      m.logins['XPHONE\\reader'] = { windows: true, password: 'pw', dbcreator: true };
      m.databases.XPDATA = xphoneDatabase(m, 'XPDATA', 40);
      m.databases.XPDATA.users['XPHONE\\reader'] = { login: 'XPHONE\\reader', roles: ['db_datareader'] };
      m.databases.XPVDIR = xphoneDatabase(m, 'XPVDIR', 40);
      m.databases.XPVDIR.users['XPHONE\\reader'] = { login: 'XPHONE\\reader', roles: ['db_backupoperator'] };
    });
    const login = { credentials: { user: 'XPHONE\\reader', password: 'pw' } };
    const { checks } = await withSql(s.access(login), (c) =>
      runChecks(c, { databases: ['XPDATA', 'XPVDIR'], external: false, role: 'source' }),
    );
    const rights = checks.find((c) => c.id === 'sql.backup-rights')!;
    expect(rights.status).toBe('fail');
    expect(rights.message.en).toBe('Login XPHONE\\reader: may not back up XPDATA');
    expect(rights.remedy!.de).toContain('db_backupoperator');
    expect(checks.find((c) => c.id === 'sql.verify-rights')!.status).toBe('pass');
  });
});

describe('SQL Server Express and its 10 GB', () => {
  test('count the data files, not the log: 9.5 GB of data and 3 GB of log pass', async () => {
    const s = await startSql('NEWXPHONE\\XPCONNECT', (m) => {
      m.edition = 'Express Edition (64-bit)';
      m.engineEdition = 4;
      m.databases.XPDATA = { ...xphoneDatabase(m, 'XPDATA', 9728), logMb: 3072 };
    });
    const { checks, facts } = await withSql(s.access(), (c) =>
      runChecks(c, { databases: ['XPDATA'], external: false }),
    );
    expect(facts.databases).toContainEqual({ name: 'XPDATA', state: 'ONLINE', sizeMb: 12800, dataMb: 9728 });
    expect(checks.find((c) => c.id === 'sql.edition')?.status).toBe('warn');
  });
});
