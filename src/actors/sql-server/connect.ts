import type { ConnectionPool, config as DriverConfig } from 'mssql';
import { XpmError } from '../../errors/index.js';
import type { Host, SqlCredentials, SqlEndpoint } from '../../host/index.js';
import {
  ConnectionStringError,
  get,
  parseConnectionString,
  parseServer,
  type ServerAddress,
  usesIntegratedSecurity,
} from './connection-string.js';
import { diagnose } from './diagnose.js';
import { chooseOdbcDriver, odbcConnectionString } from './odbc.js';

export interface SqlAccess {
  /** ADO.NET connection string, or just a server (`SQLSRV01\XPCONNECT`, `host,1433`). */
  connection: string;
  credentials?: SqlCredentials;
  endpoint?: SqlEndpoint;
  /** The ODBC driver a Windows login on Windows goes through (see chooseOdbcDriver). */
  odbcDriver?: string;
}

export type SqlParams = Record<string, string | number>;

/** An INFO message from the server (STATS progress, 3014 success). */
export interface SqlInfo {
  number: number;
  message: string;
}

/** Reads the tool's SQL login from the environment: XPMIGRATE_SQL_USER and XPMIGRATE_SQL_PASSWORD. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): SqlCredentials | undefined {
  const user = env.XPMIGRATE_SQL_USER;
  if (!user) return undefined;
  return { user, password: env.XPMIGRATE_SQL_PASSWORD ?? '' };
}

/**
 * How the tool reaches a server: the host names its real address where it knows one (the
 * simulation's simulators), the login comes from the environment.
 */
export async function sqlAccess(
  connection: string,
  host: Pick<Host, 'sqlEndpoint' | 'odbcDrivers'>,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Promise<SqlAccess> {
  const endpoint = await host.sqlEndpoint(serverLabel(connection));
  const credentials = credentialsFromEnv(env);
  // A Windows login on Windows goes through ODBC: which drivers are there is asked only then.
  const odbcDriver =
    platform === 'win32' && !credentials && !endpoint?.credentials && windowsLogin(connection)
      ? chooseOdbcDriver(await host.odbcDrivers())
      : undefined;
  return {
    connection,
    ...(credentials ? { credentials } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(odbcDriver ? { odbcDriver } : {}),
  };
}

function windowsLogin(connection: string): boolean {
  try {
    const cs = parseConnectionString(normalizeConnection(connection));
    return usesIntegratedSecurity(cs) && !get(cs, 'user');
  } catch {
    return false; // driverConfig reports the bad string
  }
}

/** A connection string given as a bare server name becomes `Data Source=…;Integrated Security=SSPI`. */
export function normalizeConnection(text: string): string {
  return text.includes('=') ? text : `Data Source=${text};Integrated Security=SSPI`;
}

/** The server as the user wrote it (for messages): never the password. */
export function serverLabel(connection: string): string {
  try {
    return get(parseConnectionString(normalizeConnection(connection)), 'server') ?? '(local)';
  } catch {
    return connection.split(';')[0] ?? connection;
  }
}

/** The connection string without Password/PWD: what may be stored and shown. */
export function withoutSecrets(connection: string): string {
  return normalizeConnection(connection)
    .split(';')
    .filter((pair) => !/^\s*(password|pwd)\s*=/i.test(pair))
    .join(';');
}

/**
 * A connection string given on the command line or stored with a run may not carry a password:
 * it would show in `ps`, in the shell's history and in the store (the password comes through
 * XPMIGRATE_SQL_PASSWORD). Stripping the secrets would change the string: then it has one.
 */
export function refuseSecrets(connection: string, flag: string): string {
  if (withoutSecrets(connection) !== normalizeConnection(connection))
    throw new XpmError('E_SQL_PASSWORD_IN_STRING', { flag });
  return connection;
}

const yes = (v: string | undefined) =>
  v !== undefined && /^(true|yes|strict|mandatory|sspi)$/i.test(v.trim());

/** `parseServer` for a name a user gave: a bad one is E_SQL_CONNECTION_STRING, not a crash. */
export function serverAddress(raw: string): ServerAddress {
  try {
    return parseServer(raw);
  } catch (error) {
    if (!(error instanceof ConnectionStringError)) throw error;
    throw new XpmError('E_SQL_CONNECTION_STRING', { reason: error.message });
  }
}

/**
 * Builds the driver's configuration from the product's connection string (tedious). Windows
 * integrated login: on Windows with `msnodesqlv8` installed the process's own token is used;
 * elsewhere tedious logs in over NTLM with explicit credentials (`DOMAIN\user`).
 */
export function driverConfig(
  access: SqlAccess,
  options: { database?: string; longRunning?: boolean; platform?: NodeJS.Platform } = {},
): DriverConfig {
  let cs: ReturnType<typeof parseConnectionString>;
  try {
    cs = parseConnectionString(normalizeConnection(access.connection));
  } catch (error) {
    const reason = error instanceof ConnectionStringError ? error.message : String(error);
    throw new XpmError('E_SQL_CONNECTION_STRING', { reason });
  }
  const address = serverAddress(get(cs, 'server') ?? '(local)');
  if (address.protocol === 'np' || address.protocol === 'lpc')
    throw new XpmError('E_SQL_PROTOCOL', { server: address.raw, protocol: address.protocol });

  const host =
    access.endpoint?.host ??
    (['(local)', '.'].includes(address.host.toLowerCase()) ? 'localhost' : address.host);
  const port = access.endpoint?.port ?? address.port;
  const credentials = access.credentials ?? sqlLoginOf(cs) ?? access.endpoint?.credentials;
  if (!credentials && usesIntegratedSecurity(cs)) {
    // On Windows the native driver logs in with the process's own token, as the product does.
    if ((options.platform ?? process.platform) === 'win32') {
      const encrypt = yes(get(cs, 'encrypt'));
      const trust = get(cs, 'trustServerCertificate');
      return {
        driver: 'msnodesqlv8',
        server: host,
        connectionString: odbcConnectionString({
          driver: access.odbcDriver ?? chooseOdbcDriver([]),
          server: access.endpoint ? { ...address, host: access.endpoint.host } : address,
          ...(port !== undefined ? { port } : {}),
          database: options.database ?? 'master',
          encrypt,
          // The product's SQL Server mostly has a self-signed certificate: trusted unless the string says no.
          trustServerCertificate: trust === undefined ? true : yes(trust),
        }),
        requestTimeout: options.longRunning ? 0 : 60_000,
        pool: { max: 1, min: 0 },
        options: { trustedConnection: true },
      } as DriverConfig;
    }
    throw new XpmError('E_SQL_INTEGRATED_CREDENTIALS', { server: address.raw });
  }
  if (!credentials) throw new XpmError('E_SQL_NO_LOGIN', { server: address.raw });

  const timeout = Number(get(cs, 'connectTimeout') ?? 15);
  const commandTimeout = Number(get(cs, 'commandTimeout') ?? 60);
  const [domain, userName] = credentials.user.includes('\\') ? credentials.user.split('\\', 2) : [];
  return {
    server: host,
    ...(port !== undefined ? { port } : {}),
    database: options.database ?? 'master',
    ...(domain && userName
      ? { authentication: { type: 'ntlm', options: { domain, userName, password: credentials.password } } }
      : { user: credentials.user, password: credentials.password }),
    connectionTimeout: (Number.isFinite(timeout) && timeout > 0 ? timeout : 15) * 1000,
    // BACKUP and RESTORE run as long as they need; progress shows they are alive.
    requestTimeout: options.longRunning
      ? 0
      : (Number.isFinite(commandTimeout) && commandTimeout >= 0 ? commandTimeout : 60) * 1000,
    pool: { max: 1, min: 0 },
    options: {
      appName: 'xpmigrate',
      // Sent in LOGIN7 (tedious' default, said here on purpose): the server's messages are then
      // English whatever the login's default language, and 3201's text is the one we read.
      language: 'us_english',
      // SqlClient's default was no encryption; the product's strings rarely say.
      encrypt: yes(get(cs, 'encrypt')),
      trustServerCertificate: yes(get(cs, 'trustServerCertificate')),
      ...(address.instance && port === undefined ? { instanceName: address.instance } : {}),
    },
  } as DriverConfig;
}

function sqlLoginOf(cs: ReturnType<typeof parseConnectionString>): SqlCredentials | undefined {
  const user = get(cs, 'user');
  return user ? { user, password: get(cs, 'password') ?? '' } : undefined;
}

/** One connection to one server; errors arrive as XpmError with a diagnosis and a remedy. */
export class SqlConnection {
  private constructor(
    private readonly driver: typeof import('mssql'),
    private readonly pool: ConnectionPool,
    readonly server: string,
    readonly login: string,
  ) {}

  static async open(
    access: SqlAccess,
    options: { database?: string; longRunning?: boolean } = {},
  ): Promise<SqlConnection> {
    const config = driverConfig(access, options);
    const server = serverLabel(access.connection);
    const login = access.credentials?.user ?? access.endpoint?.credentials?.user ?? '';
    // Loaded on first use: most commands never talk to SQL Server, and the driver is slow to load.
    const driver =
      config.driver === 'msnodesqlv8' ? await nativeDriver(server) : (await import('mssql')).default;
    const pool = new driver.ConnectionPool(config);
    pool.on('error', () => {}); // surfaced by the request that meets it
    try {
      await pool.connect();
    } catch (error) {
      await pool.close().catch(() => {});
      throw diagnose(error, { server, login });
    }
    return new SqlConnection(driver, pool, server, login);
  }

  async query<T = Record<string, unknown>>(
    text: string,
    params: SqlParams = {},
    onInfo?: (info: SqlInfo) => void,
  ): Promise<T[]> {
    const request = this.bind(this.pool.request(), params);
    if (onInfo)
      request.on('info', (i: { number: number; message: string }) =>
        onInfo({ number: i.number, message: i.message }),
      );
    try {
      const result = await request.query(text);
      return (result.recordset ?? []) as T[];
    } catch (error) {
      throw this.diagnosed(error);
    }
  }

  /** Parameters as the statements declare them: numbers as int, text as nvarchar. */
  private bind(request: import('mssql').Request, params: SqlParams): import('mssql').Request {
    for (const [name, value] of Object.entries(params))
      request.input(name, typeof value === 'number' ? this.driver.Int : this.driver.NVarChar, value);
    return request;
  }

  private diagnosed(error: unknown): XpmError {
    return diagnose(error, { server: this.server, login: this.login });
  }

  /**
   * Streams a result row by row as arrays; while `onRow`'s promise runs the driver is paused,
   * so a slow writer holds the rows back at the server instead of piling them up in memory.
   */
  async streamRows(text: string, onRow: (row: unknown[]) => Promise<void> | undefined): Promise<void> {
    const request = this.pool.request();
    request.stream = true;
    request.arrayRowMode = true;
    await new Promise<void>((resolve, reject) => {
      // The writer's failure is reported as it is; the driver's through diagnose().
      let own: { error: unknown } | undefined;
      let driver: { error: unknown } | undefined;
      request.on('row', (row: unknown[]) => {
        if (own) return;
        let waiting: Promise<void> | undefined;
        try {
          waiting = onRow(row);
        } catch (error) {
          own = { error };
        }
        if (!waiting) return;
        request.pause();
        waiting.then(
          () => request.resume(),
          (error: unknown) => {
            own ??= { error };
            request.resume(); // drain what is left; 'done' reports the failure
          },
        );
      });
      request.on('error', (error: unknown) => {
        driver ??= { error };
      });
      request.on('done', () => {
        if (own) reject(own.error);
        else if (driver) reject(this.diagnosed(driver.error));
        else resolve();
      });
      void request.query(text);
    });
  }

  /** Runs a batch as SQLCMD sends it: text only; a server's refusal comes back as SqlBatchError. */
  async batch(text: string): Promise<void> {
    await this.runBatch(this.pool.request(), text);
  }

  /**
   * Runs `work` in one transaction on one connection: committed when it returns, rolled back
   * when it throws. A connection that dies in between leaves nothing behind on the server.
   */
  async transaction<T>(work: (t: SqlTransactionScope) => Promise<T>): Promise<T> {
    const tx = new this.driver.Transaction(this.pool);
    try {
      await tx.begin();
    } catch (error) {
      throw this.diagnosed(error);
    }
    // The server may end the transaction itself (XACT_ABORT ON, a deadlock): mssql then emits
    // 'rollback' with aborted = true and refuses further requests in it.
    let aborted = false;
    tx.on('rollback', (byServer: boolean) => {
      aborted ||= byServer;
    });
    let result: T;
    try {
      result = await work({
        aborted: () => aborted,
        batch: (text) => this.runBatch(new this.driver.Request(tx), text),
        query: async <R>(text: string, params: SqlParams = {}) =>
          ((await this.bind(new this.driver.Request(tx), params).query(text)).recordset ?? []) as R[],
      });
    } catch (error) {
      await tx.rollback().catch(() => {}); // the server may have rolled back already
      // The driver's errors are diagnosed; the work's own (a SqlBatchError, its caller's) pass.
      throw error instanceof this.driver.MSSQLError ? this.diagnosed(error) : error;
    }
    try {
      await tx.commit();
    } catch (error) {
      throw this.diagnosed(error);
    }
    return result;
  }

  private async runBatch(request: import('mssql').Request, text: string): Promise<void> {
    try {
      await request.batch(text);
    } catch (error) {
      const failures = batchFailures(error);
      if (failures.length) throw new SqlBatchError(failures);
      throw this.diagnosed(error);
    }
  }

  async close(): Promise<void> {
    await this.pool.close().catch(() => {});
  }
}

export interface SqlTransactionScope {
  /** The server ended the transaction itself: nothing of it will commit. */
  aborted(): boolean;
  batch(text: string): Promise<void>;
  query<R = Record<string, unknown>>(text: string, params?: SqlParams): Promise<R[]>;
}

/** What the server said about a batch it refused: number, class, message, line in the batch. */
export interface BatchFailure {
  number: number;
  class: number;
  message: string;
  line: number;
}

/** A batch the server refused (not a lost connection): the import reports it with file and line. */
export class SqlBatchError extends Error {
  constructor(readonly failures: BatchFailure[]) {
    super(failures.map((f) => `Msg ${f.number}, Line ${f.line}: ${f.message}`).join('\n'));
  }
  /** The error SQL Server raised first: the one that explains, the rest follow from it. */
  get first(): BatchFailure {
    return this.failures[0]!;
  }
}

interface ServerError {
  number?: number;
  class?: number;
  lineNumber?: number;
  message?: string;
  precedingErrors?: ServerError[];
}

function batchFailures(error: unknown): BatchFailure[] {
  const e = error as ServerError;
  return [...(e.precedingErrors ?? []), e]
    .filter((x) => typeof x.number === 'number')
    .map((x) => ({
      number: x.number!,
      class: x.class ?? 16,
      message: x.message ?? '',
      line: x.lineNumber ?? 1,
    }));
}

/** mssql's msnodesqlv8 flavour: needs the optional native package on Windows. */
async function nativeDriver(server: string): Promise<typeof import('mssql')> {
  try {
    return (await import('mssql/msnodesqlv8.js')).default as unknown as typeof import('mssql');
  } catch {
    throw new XpmError('E_SQL_INTEGRATED_CREDENTIALS', { server });
  }
}

/** Opens, runs `work`, always closes. */
export async function withSql<T>(
  access: SqlAccess,
  work: (c: SqlConnection) => Promise<T>,
  options: { database?: string; longRunning?: boolean } = {},
): Promise<T> {
  const connection = await SqlConnection.open(access, options);
  try {
    return await work(connection);
  } finally {
    await connection.close();
  }
}
