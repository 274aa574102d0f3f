import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import {
  backupDatabase,
  backupFile,
  backupUsable,
  ensureDatabases,
  networkAccount,
  ownedDatabases,
  restoreDatabase,
  restoredFrom,
  runChecks,
  SqlConnection,
  type SqlProgress,
  serverFacts,
  withSql,
} from '../../../src/actors/sql-server/index.js';
import { startBrowser } from '../../../src/simulation/index.js';
import { failure } from '../../support/errors.js';
import { type SimulatedSql, startSql, xphoneDatabase } from '../../support/sql.js';

const open: SimulatedSql[] = [];
async function server(name?: string, change?: Parameters<typeof startSql>[1], dir?: string) {
  const s = await startSql(name, change, dir);
  open.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.stop()));
});

const SHARE = '\\\\FILESRV\\XPhoneBackup';
const ACCOUNT = 'XPHONE\\svc-xphone';

describe('checks through the real driver', () => {
  test('a suitable external server passes every check and reports its facts', async () => {
    const s = await server('SQLSRV01', (m) => {
      m.databases.XPDATA = xphoneDatabase(m, 'XPDATA', 700);
      m.databases.XPDATA.users[ACCOUNT] = { login: ACCOUNT, roles: ['db_owner'] };
    });
    const { facts, checks } = await withSql(s.access(), (c) =>
      runChecks(c, {
        serviceAccount: ACCOUNT,
        databases: ['XPDATA'],
        backupDir: SHARE,
        external: true,
        incomingMb: 700,
      }),
    );
    expect(facts).toMatchObject({
      major: 15,
      express: false,
      sysadmin: true,
      login: 'XPHONE\\admin',
      serviceAccount: 'NT Service\\MSSQLSERVER',
      filestreamLevel: 2,
    });
    expect(facts.databases).toEqual([{ name: 'XPDATA', state: 'ONLINE', sizeMb: 700, dataMb: 700 }]);
    expect(checks.map((c) => `${c.id}:${c.status}`)).toEqual([
      'sql.version:pass',
      'sql.edition:pass',
      'sql.filestream:pass',
      'sql.sysadmin:pass',
      'sql.db-owner:pass',
      'sql.backup-folder:pass',
      'sql.backup-write:pass',
      'sql.free-space:pass',
    ]);
    // The write test's file is gone again: the check leaves nothing on the share.
    expect(readdirSync(s.backupDir)).toEqual([]);
  });

  test('a share the SQL Server may read but not write fails the write check, naming the computer account', async () => {
    const s = await server('SQLSRV01', (m) => {
      m.shares[0]!.readOnly = [m.serviceAccount]; // "Read" for the server: it sees the folder
    });
    const { checks } = await withSql(s.access(), (c) =>
      runChecks(c, { databases: [], backupDir: SHARE, external: true }),
    );
    const byId = Object.fromEntries(checks.map((c) => [c.id, c]));
    expect(byId['sql.backup-folder']!.status).toBe('pass');
    expect(byId['sql.backup-write']!.status).toBe('fail');
    expect(byId['sql.backup-write']!.message.en).toContain('Operating system error 5');
    expect(byId['sql.backup-write']!.remedy!.de).toContain('XPHONE\\SQLSRV01$');
    expect(readdirSync(s.backupDir)).toEqual([]);
  });

  test('a login that may not back up model cannot prove write access: a warning, not a pass', async () => {
    const s = await server('SQLSRV01', (m) => {
      m.logins['XPHONE\\helpdesk'] = { windows: true, password: 'pw' };
    });
    const access = s.access({ credentials: { user: 'XPHONE\\helpdesk', password: 'pw' } });
    const { checks } = await withSql(access, (c) =>
      runChecks(c, { databases: [], backupDir: SHARE, external: true }),
    );
    const write = checks.find((c) => c.id === 'sql.backup-write')!;
    expect(write.status).toBe('warn');
    expect(write.message.de).toContain('model');
  });

  test('old version, Express over 10 GB, FILESTREAM off, no sysadmin, no db_owner, share closed, disk full: each fails with a remedy', async () => {
    const s = await server('OLDSQL\\XPCONNECT', (m) => {
      m.version = '11.0.7001.0';
      m.edition = 'Express Edition (64-bit)';
      m.engineEdition = 4;
      m.filestreamLevel = 0;
      m.freeMb = 1000;
      m.logins['XPHONE\\helpdesk'] = { windows: true, password: 'pw' };
      m.databases.XPDATA = xphoneDatabase(m, 'XPDATA', 12_000);
      m.shares[0]!.access = ['XPHONE\\someone-else'];
    });
    const access = s.access({ credentials: { user: 'XPHONE\\helpdesk', password: 'pw' } });
    const { facts, checks } = await withSql(access, (c) =>
      runChecks(c, {
        serviceAccount: ACCOUNT,
        databases: ['XPDATA'],
        backupDir: SHARE,
        external: true,
        incomingMb: 12_000,
      }),
    );
    expect(facts.serviceAccount).toBeUndefined(); // no VIEW SERVER STATE without sysadmin
    const status = Object.fromEntries(checks.map((c) => [c.id, c.status]));
    expect(status).toEqual({
      'sql.version': 'fail',
      'sql.edition': 'fail',
      'sql.filestream': 'fail',
      'sql.sysadmin': 'fail',
      'sql.db-owner': 'fail',
      'sql.backup-folder': 'fail',
      'sql.free-space': 'fail',
    });
    for (const c of checks) expect(c.remedy?.de && c.remedy.en).toBeTruthy();
  });
});

describe('step 2a: databases for the service account', () => {
  test('creates login, databases, users and db_owner once; the second run changes nothing', async () => {
    const s = await server();
    const first = await withSql(s.access(), (c) => ensureDatabases(c, ['XPDATA', 'XPVDIR'], ACCOUNT));
    expect(first).toEqual({ created: ['XPDATA', 'XPVDIR'], granted: ['XPDATA', 'XPVDIR'] });
    const counts = { ...s.sim.model.counts };
    expect(counts).toEqual({
      'create-database': 2,
      'create-login': 1,
      'create-user': 2,
      'add-role-member': 2,
    });
    const second = await withSql(s.access(), (c) => ensureDatabases(c, ['XPDATA', 'XPVDIR'], ACCOUNT));
    expect(second).toEqual({ created: [], granted: [] });
    expect(s.sim.model.counts).toEqual(counts);
    expect(
      await withSql(s.access(), (c) => ownedDatabases(c, ['XPDATA', 'XPVDIR', 'XPSTATS'], ACCOUNT)),
    ).toEqual(['XPDATA', 'XPVDIR']);
  });

  test('a user the restore brought under another name is found by its login and made db_owner; a name clash is an error', async () => {
    // The database came from the old server: the service account's login has a user there named
    // svc_xphone (not like the login), without db_owner. IS_ROLEMEMBER(N'db_owner', @account) is
    // NULL for such a name, and a second user for the same login fails with 15063.
    const s = await server('SQLSRV01', (m) => {
      m.logins[ACCOUNT] = { windows: true };
      m.databases.XPDATA = xphoneDatabase(m, 'XPDATA', 50);
      m.databases.XPDATA.users.svc_xphone = { login: ACCOUNT, roles: [] };
      m.databases.XPVDIR = xphoneDatabase(m, 'XPVDIR', 50);
      m.databases.XPVDIR.users[ACCOUNT] = { login: 'XPHONE\\someone-else', roles: [] };
    });
    const granted = await withSql(s.access(), (c) => ensureDatabases(c, ['XPDATA'], ACCOUNT));
    expect(granted).toEqual({ created: [], granted: ['XPDATA'] });
    expect(s.sim.model.databases.XPDATA!.users).toEqual({
      svc_xphone: { login: ACCOUNT, roles: ['db_owner'] },
    });
    expect(s.sim.model.counts['create-user'] ?? 0).toBe(0);
    // A user of the account's name that belongs to another login: refused by the server, not recorded.
    const clash = await withSql(s.access(), (c) => ensureDatabases(c, ['XPVDIR'], ACCOUNT)).catch(
      (e: unknown) => e,
    );
    expect(String((clash as Error).message)).toMatch(/15023|already exists/);
  });

  test('hostile names are bracket-quoted with ] doubled and travel as parameters', async () => {
    const s = await server();
    const hostile = ['x]; DROP DATABASE y --', 'Bücher\'O"Neil [ü]'];
    const account = "XPHONE\\o'brien-ü";
    await withSql(s.access(), (c) => ensureDatabases(c, hostile, account));
    expect(Object.keys(s.sim.model.databases).sort()).toEqual([...hostile].sort());
    const sent = s.sim.received.map((r) => r.sql);
    expect(sent).toContain('IF DB_ID(@database) IS NULL CREATE DATABASE [x]]; DROP DATABASE y --]');
    expect(sent).toContain('IF DB_ID(@database) IS NULL CREATE DATABASE [Bücher\'O"Neil [ü]]]');
    expect(sent).toContain(
      "IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = @account) CREATE LOGIN [XPHONE\\o'brien-ü] FROM WINDOWS",
    );
    expect(s.sim.received.filter((r) => r.params.database === hostile[0])).not.toHaveLength(0);
    expect(s.sim.received.find((r) => r.sql.includes('CREATE LOGIN'))?.params.account).toBe(account);
    // An account that cannot be a Windows account is refused by the server, with a diagnosis.
    const e = await failure(
      withSql(s.access(), (c) => ensureDatabases(c, ['XPDATA'], 'x]; DROP DATABASE y --')),
    );
    expect(e.code).toBe('E_SQL_WINDOWS_ACCOUNT');
    expect(Object.keys(s.sim.model.databases)).not.toContain('y');
  });
});

describe('backup and restore', () => {
  test('backup to the share and restore on another server, with STATS progress in order', async () => {
    const source = await server('OLDXPHONE\\XPCONNECT', (m) => {
      m.version = '13.0.5026.0';
      m.databases.XPDATA = { ...xphoneDatabase(m, 'XPDATA', 300), content: 'the old data' };
    });
    const target = await server('SQLSRV01', () => {}, source.dir);
    const file = backupFile(SHARE, 'XPDATA', 'run-1/v8v9.backup');
    const events: SqlProgress[] = [];
    await withSql(
      source.access(),
      (c) => backupDatabase(c, 'XPDATA', file, 'a test', (p) => events.push(p)),
      {
        longRunning: true,
      },
    );
    // A real server's STATS = 10 steps: near each tenth, where an I/O round ends (300 MB here).
    expect(events.map((e) => e.percent)).toEqual([21, 42, 64, 85, 100]);
    expect(events.every((e) => e.operation === 'backup' && e.database === 'XPDATA')).toBe(true);
    expect(source.sim.received.map((r) => r.sql)).toContain(
      'RESTORE VERIFYONLY FROM DISK = @file WITH CHECKSUM',
    );

    const restored: SqlProgress[] = [];
    await withSql(
      target.access(),
      async (c) => {
        const facts = await serverFacts(c);
        await restoreDatabase(c, facts, 'XPDATA', file, {
          replace: false,
          onProgress: (p) => restored.push(p),
        });
        expect(await restoredFrom(c, 'XPDATA', file)).toBe(true);
      },
      { longRunning: true },
    );
    expect(restored.map((e) => e.percent)).toEqual([21, 42, 64, 85, 100]);
    const db = target.sim.model.databases.XPDATA!;
    expect(db.content).toBe('the old data');
    expect(db.files.map((f) => f.physical)).toEqual([
      `${target.sim.model.dataPath}XPDATA.mdf`,
      `${target.sim.model.logPath}XPDATA_log.ldf`,
    ]);
    // Overwriting an existing database without REPLACE is refused by the server.
    const e = await failure(
      withSql(target.access(), async (c) =>
        restoreDatabase(c, await serverFacts(c), 'XPDATA', file, { replace: false }),
      ),
    );
    expect(e.code).toBe('E_SQL_RESTORE_EXISTS');
    expect(target.sim.received.filter((r) => r.sql.endsWith(', REPLACE'))).toHaveLength(0);
  });

  test('OS error 5 on the share names the SQL Server service account (de and en)', async () => {
    const s = await server('SQLSRV01', (m) => {
      m.databases.XPDATA = xphoneDatabase(m, 'XPDATA', 10);
      m.shares[0]!.access = ['XPHONE\\svc-xphone'];
    });
    const e = await failure(
      withSql(s.access(), (c) => backupDatabase(c, 'XPDATA', `${SHARE}\\XPDATA.bak`, 'a test')),
    );
    expect(e.code).toBe('E_SQL_SHARE_ACCESS');
    expect(e.params.path).toBe(`${SHARE}\\XPDATA.bak`);
    expect(e.text('de')).toContain('Betriebssystemfehler 5');
    expect(e.remedy('en')).toContain('service account');
    expect(e.remedy('de')).not.toMatch(/\{\w+\}/); // every placeholder filled
  });

  test('a virtual service account is the computer account DOMAIN\\HOST$ on the network; a domain account is itself', () => {
    expect(networkAccount('NT Service\\MSSQL$XPCONNECT', 'OLDXPHONE\\XPCONNECT', 'XPHONE\\admin')).toBe(
      'XPHONE\\OLDXPHONE$',
    );
    expect(networkAccount('NT AUTHORITY\\NETWORK SERVICE', 'SQLSRV01', 'KUNDE\\anna')).toBe(
      'KUNDE\\SQLSRV01$',
    );
    expect(networkAccount('LocalSystem', 'SQLSRV01', 'sa')).toBe('DOMAIN\\SQLSRV01$');
    expect(networkAccount('KUNDE\\svc-sql', 'SQLSRV01', 'KUNDE\\anna')).toBeUndefined();
    expect(networkAccount(undefined, 'SQLSRV01', 'KUNDE\\anna')).toBeUndefined();
  });

  test('a path the server cannot see: OS error 3', async () => {
    const s = await server('SQLSRV01', (m) => {
      m.databases.XPDATA = xphoneDatabase(m, 'XPDATA', 10);
    });
    const e = await failure(
      withSql(s.access(), (c) => backupDatabase(c, 'XPDATA', 'D:\\Backup\\XPDATA.bak', 'a test')),
    );
    expect(e.code).toBe('E_SQL_BACKUP_PATH');
    expect(e.params.os).toBe('3');
  });

  test('a backup from a newer server is refused before any RESTORE is sent (script path)', async () => {
    const source = await server('NEW2022', (m) => {
      m.version = '16.0.1000.6';
      m.databases.XPDATA = xphoneDatabase(m, 'XPDATA', 10);
    });
    const target = await server(
      'SQL2016',
      (m) => {
        m.version = '13.0.5026.0';
      },
      source.dir,
    );
    const file = `${SHARE}\\XPDATA-new.bak`;
    await withSql(source.access(), (c) => backupDatabase(c, 'XPDATA', file, 'a test'));
    const e = await failure(
      withSql(target.access(), async (c) =>
        restoreDatabase(c, await serverFacts(c), 'XPDATA', file, { replace: true }),
      ),
    );
    // An older server cannot read a newer media format at all (3241, issue 25 item 18): named as
    // such, never "no backup found", and nothing restored.
    expect(e.code).toBe('E_SQL_BACKUP_UNREADABLE');
    expect(e.remedy('en')).toContain('db-script');
    expect(target.sim.received.some((r) => r.sql.startsWith('RESTORE DATABASE'))).toBe(false);
    const probe = await failure(withSql(target.access(), (c) => backupUsable(c, file, 'a test')));
    expect(probe.code).toBe('E_SQL_BACKUP_UNREADABLE');
  });

  test('restore without SYSADMIN: the server refuses, the diagnosis says SYSADMIN', async () => {
    const s = await server('SQLSRV01', (m) => {
      m.databases.XPDATA = xphoneDatabase(m, 'XPDATA', 10);
      m.logins['XPHONE\\op'] = { windows: true, password: 'pw' };
    });
    const file = `${SHARE}\\XPDATA.bak`;
    await withSql(s.access(), (c) => backupDatabase(c, 'XPDATA', file, 'a test'));
    const e = await failure(
      withSql(s.access({ credentials: { user: 'XPHONE\\op', password: 'pw' } }), async (c) =>
        restoreDatabase(c, await serverFacts(c), 'XPDATA', file, { replace: true }),
      ),
    );
    expect(e.code).toBe('E_SQL_PERMISSION');
    expect(e.remedy('de')).toContain('SYSADMIN');
  });

  test('a connection dropped mid-restore: the driver reports it; the probe then knows whether it finished', async () => {
    for (const complete of [true, false]) {
      const s = await server('SQLSRV01', (m) => {
        m.databases.XPDATA = xphoneDatabase(m, 'XPDATA', 1000);
      });
      const file = `${SHARE}\\XPDATA.bak`;
      await withSql(s.access(), (c) => backupDatabase(c, 'XPDATA', file, 'a test'));
      s.sim.update((m) =>
        m.faults.push({ kind: 'drop', match: '^RESTORE DATABASE', percent: 40, complete, times: 1 }),
      );
      const seen: number[] = [];
      const e = await failure(
        withSql(s.access(), async (c) =>
          restoreDatabase(c, await serverFacts(c), 'XPDATA', file, {
            replace: true,
            onProgress: (p) => seen.push(p.percent),
          }),
        ),
      );
      expect(e.code).toBe('E_SQL_CONNECTION_LOST');
      expect(seen).toEqual([12, 25, 32]); // the steps before 40 %, as STATS = 10 gives them for 1000 MB
      expect(await withSql(s.access(), (c) => restoredFrom(c, 'XPDATA', file))).toBe(complete);
    }
  });
});

describe('the simulator is as strict as the server', () => {
  test('an unquoted reserved keyword as an alias is refused with 156, as the T-SQL judge found for "AS backup"', async () => {
    const s = await server();
    await withSql(s.access(), async (c) => {
      for (const keyword of ['backup', 'file', 'restore']) {
        const e = await c.query(`SELECT CAST(1 AS int) AS ${keyword}`).catch((error: unknown) => error);
        expect(String((e as { params?: { detail?: string } }).params?.detail)).toContain(
          `Incorrect syntax near the keyword '${keyword}'.`,
        );
      }
    });
  });
});

describe('connection faults', () => {
  test('login failed (18456), also for a wrong Windows password over NTLM', async () => {
    const s = await server();
    s.sim.update((m) => m.faults.push({ kind: 'login-failed', times: 1 }));
    expect((await failure(SqlConnection.open(s.access()))).code).toBe('E_SQL_LOGIN_FAILED');
    const wrong = await failure(
      SqlConnection.open(s.access({ credentials: { user: 'XPHONE\\admin', password: 'nope' } })),
    );
    expect(wrong.code).toBe('E_SQL_LOGIN_FAILED');
    expect(wrong.params.login).toBe('XPHONE\\admin');
    await (await SqlConnection.open(s.access())).close(); // the right one still works
  });

  test('an unreachable server, a request timeout and a refused TLS handshake each get their diagnosis', async () => {
    const s = await server();
    const port = s.sim.port;
    await s.sim.stop();
    const down = await failure(
      SqlConnection.open(
        s.access({ endpoint: { host: '127.0.0.1', port, credentials: { user: 'sa', password: 'x' } } }),
      ),
    );
    expect(down.code).toBe('E_SQL_UNREACHABLE');
    expect(down.remedy('en')).toContain('1433');

    const t = await server('SQLSLOW');
    t.sim.update((m) => m.faults.push({ kind: 'delay', match: 'SERVERPROPERTY', ms: 5000, times: 1 }));
    const slow = await failure(
      withSql(
        t.access({ connection: 'Data Source=SQLSLOW;Integrated Security=SSPI;Command Timeout=1' }),
        (c) => serverFacts(c),
      ),
    );
    expect(slow.code).toBe('E_SQL_TIMEOUT');

    t.sim.update((m) => m.faults.push({ kind: 'tls-required', times: 1 }));
    const tls = await failure(SqlConnection.open(t.access()));
    expect(tls.code).toBe('E_SQL_TLS');
  });

  test('integrated security without a Windows token or credentials: a clear error before connecting', async () => {
    const e = await failure(
      SqlConnection.open({ connection: 'Data Source=SQLSRV01;Integrated Security=SSPI' }),
    );
    expect(e.code).toBe('E_SQL_INTEGRATED_CREDENTIALS');
    expect(e.remedy('en')).toContain('msnodesqlv8');
  });
});

describe('named instances', () => {
  test('resolve through SQL Server Browser (UDP 1434) as the driver does; an unknown instance is diagnosed', async () => {
    const s = await server('127.0.0.1\\XPCONNECT');
    const browser = await startBrowser([
      { server: 'SQLHOST', instance: 'XPCONNECT', port: s.sim.port, version: '15.0.2000.5' },
    ]);
    try {
      const credentials = { user: 'XPHONE\\admin', password: 'rehearsal' };
      const facts = await withSql(
        { connection: 'Server=127.0.0.1\\xpconnect;Trusted_Connection=yes', credentials },
        (c) => serverFacts(c),
      );
      expect(facts.serverName).toBe('127.0.0.1\\XPCONNECT');
      const e = await failure(
        SqlConnection.open({
          connection: 'Data Source=127.0.0.1\\NOPE;Integrated Security=true;Connect Timeout=3',
          credentials,
        }),
      );
      expect(e.code).toBe('E_SQL_INSTANCE');
      expect(e.remedy('de')).toContain('SQL Server-Browser');
    } finally {
      browser.close();
    }
  });
});
