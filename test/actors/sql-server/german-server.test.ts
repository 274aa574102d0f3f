import sql from 'mssql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  backupDatabase,
  diagnoseSqlError,
  driverConfig,
  type SqlProgress,
  withSql,
} from '../../../src/actors/sql-server/index.js';
import { failure } from '../../support/errors.js';
import { type SimulatedSql, startSql, xphoneDatabase } from '../../support/sql.js';

// Issue 25, item 22: a German SQL Server installation ("default language" Deutsch) answers a
// session that asks for no language in German (sys.messages, language_id 1031). The tool asks
// for us_english at login on every driver (tedious' LOGIN7 language; ODBC's Language=), and reads
// the messages it relies on by their number and shape, so German text does not fool it either.
const SHARE = '\\\\FILESRV\\XPhoneBackup';
let s: SimulatedSql;
beforeAll(async () => {
  s = await startSql('SQLSRV01', (m) => {
    m.defaultLanguage = 'Deutsch';
    m.databases.XPDATA = xphoneDatabase(m, 'XPDATA', 640); // ten I/O rounds: ten progress steps
    m.shares[0]!.access = ['XPHONE\\svc-xphone']; // not the simulated SQL Server's own account
  });
});
afterAll(() => s.stop());

/** A session as a driver that asks for no language opens it: the server's default applies. */
async function rawSession<T>(fn: (pool: sql.ConnectionPool) => Promise<T>): Promise<T> {
  const config = driverConfig(s.access(), { longRunning: true });
  const pool = new sql.ConnectionPool({ ...config, options: { ...config.options, language: '' } });
  await pool.connect();
  try {
    return await fn(pool);
  } finally {
    await pool.close();
  }
}

describe('a German SQL Server', () => {
  test('answers a session without a language in German (the simulator is as strict as the server)', async () => {
    const messages: string[] = [];
    const backup = (pool: sql.ConnectionPool, file: string) => {
      const request = pool
        .request()
        .input('database', 'XPDATA')
        .input('file', file)
        .input('backupSet', 'a test');
      request.on('info', (i: { message: string }) => messages.push(i.message));
      return request.query(
        'BACKUP DATABASE @database TO DISK = @file WITH COPY_ONLY, CHECKSUM, INIT, NAME = @backupSet, STATS = 10',
      );
    };
    const error = await rawSession(async (pool) => {
      s.sim.update((m) => {
        m.shares[0]!.access = ['*'];
      });
      await backup(pool, `${SHARE}\\ok.bak`);
      s.sim.update((m) => {
        m.shares[0]!.access = ['XPHONE\\svc-xphone'];
      });
      return backup(pool, `${SHARE}\\XPDATA.bak`).then(
        () => undefined,
        (e: unknown) => e,
      );
    });
    expect(messages).toContain('10 Prozent verarbeitet.');
    // Read by number and shape: the German 3201 is still the share's missing right, with its path.
    const diagnosed = diagnoseSqlError(error, { server: 'SQLSRV01', login: 'XPHONE\\admin' });
    expect(String(diagnosed.params.detail)).toContain('kann nicht geöffnet werden. Betriebssystemfehler 5');
    expect(diagnosed.code).toBe('E_SQL_SHARE_ACCESS');
    expect(diagnosed.params.path).toBe(`${SHARE}\\XPDATA.bak`);
  });

  test('xpmigrate asks for us_english: progress and errors come in English, whatever the default', async () => {
    const progress: SqlProgress[] = [];
    const file = `${SHARE}\\XPDATA.bak`;
    s.sim.update((m) => {
      m.shares[0]!.access = ['*'];
    });
    await withSql(s.access(), (c) => backupDatabase(c, 'XPDATA', file, 'a test', (p) => progress.push(p)));
    expect(progress.map((p) => p.percent)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    s.sim.update((m) => {
      m.shares[0]!.access = ['XPHONE\\svc-xphone'];
    });
    const e = await failure(withSql(s.access(), (c) => backupDatabase(c, 'XPDATA', file, 'a test')));
    expect(e.code).toBe('E_SQL_SHARE_ACCESS');
    expect(String(e.params.detail)).toContain('Operating system error 5');
  });
});
