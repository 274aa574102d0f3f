import { describe, expect, test } from 'vitest';
import { driverConfig, withoutSecrets } from '../../../src/actors/sql-server/index.js';
import { XpmError } from '../../../src/errors/index.js';

const ntlm = { user: 'XPHONE\\admin', password: 'pw' };

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return e instanceof XpmError ? e.code : String(e);
  }
  return 'no error';
}

describe('driver configuration from the product connection strings', () => {
  test('named instance on this machine, Windows login over NTLM', () => {
    const c = driverConfig(
      {
        connection: 'Integrated Security=SSPI;Initial Catalog=XPVDIR;Data Source=(local)\\XPCONNECT',
        credentials: ntlm,
      },
      { platform: 'linux' },
    );
    expect(c).toMatchObject({
      server: 'localhost',
      database: 'master',
      authentication: { type: 'ntlm', options: { domain: 'XPHONE', userName: 'admin', password: 'pw' } },
      options: { instanceName: 'XPCONNECT', encrypt: false, trustServerCertificate: false },
      requestTimeout: 60_000,
    });
    expect(c.port).toBeUndefined();
  });

  test('synonyms, a port instead of the Browser, encryption, timeouts, a quoted SQL login password', () => {
    const c = driverConfig(
      {
        connection:
          "Address=tcp:SQLSRV01\\XPHONE,1533;UID=sa;PWD='p;w';Encrypt=yes;TrustServerCertificate=True;Connect Timeout=5;Command Timeout=7",
      },
      { platform: 'linux' },
    );
    expect(c).toMatchObject({
      server: 'SQLSRV01',
      port: 1533,
      user: 'sa',
      password: 'p;w',
      connectionTimeout: 5000,
      requestTimeout: 7000,
    });
    expect(c.options).toMatchObject({ encrypt: true, trustServerCertificate: true });
    expect(c.options?.instanceName).toBeUndefined();
    expect(
      driverConfig({ connection: 'SQLSRV01', credentials: ntlm }, { longRunning: true }).requestTimeout,
    ).toBe(0);
  });

  test('integrated security: the native driver on Windows, a clear error elsewhere', () => {
    const win = driverConfig(
      { connection: 'Server=.\\XPCONNECT;Trusted_Connection=yes' },
      { platform: 'win32' },
    );
    expect(win).toMatchObject({
      driver: 'msnodesqlv8',
      server: 'localhost\\XPCONNECT',
      options: { trustedConnection: true },
    });
    expect(
      code(() =>
        driverConfig({ connection: 'Server=.\\XPCONNECT;Trusted_Connection=yes' }, { platform: 'linux' }),
      ),
    ).toBe('E_SQL_INTEGRATED_CREDENTIALS');
  });

  test('bad input: no login, named pipes, a broken string', () => {
    expect(code(() => driverConfig({ connection: 'Data Source=SQLSRV01' }))).toBe('E_SQL_NO_LOGIN');
    expect(code(() => driverConfig({ connection: 'Data Source=np:SQLSRV01', credentials: ntlm }))).toBe(
      'E_SQL_PROTOCOL',
    );
    expect(code(() => driverConfig({ connection: "Data Source='SQLSRV01", credentials: ntlm }))).toBe(
      'E_SQL_CONNECTION_STRING',
    );
  });

  test('what may be stored: no Password/PWD', () => {
    expect(withoutSecrets('Data Source=X;User ID=sa;Password=secret;PWD=other')).toBe(
      'Data Source=X;User ID=sa',
    );
    expect(withoutSecrets('SQLSRV01')).toBe('Data Source=SQLSRV01;Integrated Security=SSPI');
  });
});
