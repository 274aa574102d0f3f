import { describe, expect, test } from 'vitest';
import {
  chooseOdbcDriver,
  driverConfig,
  sqlAccess,
  withoutSecrets,
} from '../../../src/actors/sql-server/index.js';
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

  test('integrated security: the native driver on Windows with our ODBC string, a clear error elsewhere', () => {
    const win = driverConfig(
      {
        connection: 'Server=.\\XPCONNECT;Trusted_Connection=yes',
        odbcDriver: 'ODBC Driver 18 for SQL Server',
      },
      { platform: 'win32' },
    );
    expect(win).toMatchObject({ driver: 'msnodesqlv8', options: { trustedConnection: true } });
    expect((win as { connectionString?: string }).connectionString).toBe(
      'Driver={ODBC Driver 18 for SQL Server};Server=.\\XPCONNECT;Database=master;Trusted_Connection=Yes;Encrypt=No;TrustServerCertificate=Yes;Language=us_english;APP=xpmigrate',
    );
    expect(
      code(() =>
        driverConfig({ connection: 'Server=.\\XPCONNECT;Trusted_Connection=yes' }, { platform: 'linux' }),
      ),
    ).toBe('E_SQL_INTEGRATED_CREDENTIALS');
  });

  test('the ODBC string: (local) kept, a port written once, braces where a value needs them', () => {
    const odbc = (connection: string, database?: string) =>
      (
        driverConfig(
          { connection, odbcDriver: 'SQL Server' },
          { platform: 'win32', ...(database ? { database } : {}) },
        ) as { connectionString?: string }
      ).connectionString ?? '';
    // mssql wrote `(local)` as localhost and `Server=SQLSRV01,1500,1433`-like doubles.
    expect(odbc('Data Source=(local)\\XPCONNECT;Integrated Security=SSPI')).toContain(
      'Server=(local)\\XPCONNECT;',
    );
    expect(odbc('Data Source=tcp:SQLSRV01\\XPHONE,1500;Integrated Security=SSPI')).toContain(
      'Server=tcp:SQLSRV01,1500;',
    );
    expect(
      odbc('Data Source=SQLSRV01;Integrated Security=SSPI;Encrypt=yes;TrustServerCertificate=no'),
    ).toContain('Encrypt=Yes;TrustServerCertificate=No;');
    expect(odbc('SQLSRV01', 'XP;DATA}')).toContain('Database={XP;DATA}}};');
  });

  test('the ODBC driver: the newest "ODBC Driver NN", else Native Client 11, else the built-in one', () => {
    expect(
      chooseOdbcDriver(['SQL Server', 'ODBC Driver 17 for SQL Server', 'ODBC Driver 18 for SQL Server']),
    ).toBe('ODBC Driver 18 for SQL Server');
    expect(chooseOdbcDriver(['SQL Server', 'SQL Server Native Client 11.0'])).toBe(
      'SQL Server Native Client 11.0',
    );
    expect(chooseOdbcDriver(['Microsoft Access Driver (*.mdb, *.accdb)'])).toBe('SQL Server');
    expect(chooseOdbcDriver([])).toBe('SQL Server');
  });

  test('sqlAccess asks the host for the ODBC drivers only for a Windows login on Windows', async () => {
    let asked = 0;
    const host = {
      sqlEndpoint: async () => undefined,
      odbcDrivers: async () => {
        asked += 1;
        return ['SQL Server', 'ODBC Driver 17 for SQL Server'];
      },
    };
    expect((await sqlAccess('SQLSRV01\\XPCONNECT', host, {}, 'win32')).odbcDriver).toBe(
      'ODBC Driver 17 for SQL Server',
    );
    expect(asked).toBe(1);
    const sqlLogin = { XPMIGRATE_SQL_USER: 'sa', XPMIGRATE_SQL_PASSWORD: 'x' };
    expect((await sqlAccess('SQLSRV01', host, sqlLogin, 'win32')).odbcDriver).toBeUndefined();
    expect((await sqlAccess('SQLSRV01', host, {}, 'linux')).odbcDriver).toBeUndefined();
    expect(asked).toBe(1);
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
