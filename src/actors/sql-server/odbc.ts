import type { ServerAddress } from './connection-string.js';

/**
 * The ODBC driver a Windows login goes through, from the installed ones: the newest "ODBC
 * Driver NN for SQL Server", else SQL Server Native Client 11.0, else Windows' built-in
 * "SQL Server" driver, which every Windows has (and which speaks TLS 1.2 only with the
 * updates of 2016 onwards, so an encrypted connection may fail with it).
 */
export function chooseOdbcDriver(installed: string[]): string {
  const modern = installed
    .map((name) => ({ name, version: Number(/^ODBC Driver (\d+) for SQL Server$/i.exec(name)?.[1]) }))
    .filter((d) => Number.isFinite(d.version))
    .sort((a, b) => b.version - a.version)[0];
  if (modern) return modern.name;
  return installed.find((n) => /^SQL Server Native Client 11\.0$/i.test(n)) ?? 'SQL Server';
}

/** A value as an ODBC connection string holds it: in braces when it has `;`, `{`, `}` or edge spaces. */
export function odbcValue(value: string): string {
  return /[;{}]|^\s|\s$/.test(value) ? `{${value.replace(/}/g, '}}')}}` : value;
}

export interface OdbcLogin {
  driver: string;
  server: ServerAddress;
  /** A port given apart from the server (the simulation's endpoint). */
  port?: number;
  database: string;
  encrypt: boolean;
  trustServerCertificate: boolean;
}

/**
 * The ODBC connection string for a Windows (integrated) login, written by us rather than by
 * mssql, whose default driver (SQL Server Native Client 11.0) is not on a stock server and
 * which writes `host\instance,port` even without a port. Keywords from "DSN and Connection
 * String Keywords and Attributes" (ODBC Driver for SQL Server): the server as written — `(local)`
 * stays `(local)` (shared memory) — with `,port` once and then no instance; `Encrypt` said
 * explicitly (ODBC Driver 18 would otherwise demand it); `Language=us_english`, so the server's
 * messages are the English ones whatever the login's default language.
 */
export function odbcConnectionString(o: OdbcLogin): string {
  const port = o.port ?? o.server.port;
  const server = `${o.server.protocol ? `${o.server.protocol}:` : ''}${o.server.host}${
    port !== undefined ? `,${port}` : o.server.instance ? `\\${o.server.instance}` : ''
  }`;
  const pairs: Array<[string, string]> = [
    ['Driver', `{${o.driver.replace(/}/g, '}}')}}`],
    ['Server', odbcValue(server)],
    ['Database', odbcValue(o.database)],
    ['Trusted_Connection', 'Yes'],
    ['Encrypt', o.encrypt ? 'Yes' : 'No'],
    ['TrustServerCertificate', o.trustServerCertificate ? 'Yes' : 'No'],
    ['Language', 'us_english'],
    ['APP', 'xpmigrate'],
  ];
  return pairs.map(([k, v]) => `${k}=${v}`).join(';');
}
