import { XpmError } from '../../errors/index.js';

interface DriverError {
  code?: string;
  number?: number;
  message?: string;
  originalError?: DriverError;
  precedingErrors?: DriverError[];
  cause?: DriverError;
}

/** The server's messages behind a driver error, first to last (mssql throws the last). */
function messages(error: DriverError): Array<{ number: number; message: string }> {
  const all = [...(error.precedingErrors ?? []), error];
  return all
    .filter((e) => typeof e.number === 'number')
    .map((e) => ({ number: e.number!, message: e.message ?? '' }));
}

function chainText(error: DriverError | undefined): string {
  const parts: string[] = [];
  for (let e = error, depth = 0; e && depth < 5; e = e.originalError ?? e.cause, depth++)
    parts.push(`${e.code ?? ''} ${e.message ?? ''}`);
  return parts.join(' | ');
}

/**
 * Maps what the driver or the server said to a diagnosis with the guide's remedy: the share
 * rights of the SQL Server's service account (3201 / OS error 5), bad paths, failed logins, a
 * backup from a newer server, missing rights, unreachable servers, TLS.
 */
export function diagnose(raw: unknown, where: { server: string; login: string; account?: string }): XpmError {
  if (raw instanceof XpmError) return raw;
  const error = (raw ?? {}) as DriverError;
  const server = where.server;
  const found = messages(error);
  const numbers = new Set(found.map((m) => m.number));
  const text = found.map((m) => m.message).join(' ') || error.message || String(raw);
  const params = { server, detail: text.slice(0, 500) };

  const device = found.find((m) => m.number === 3201);
  if (device) {
    // By the message's shape, not its words: a German session says "Das Sicherungsmedium
    // '…' kann nicht geöffnet werden. Betriebssystemfehler 5(Zugriff verweigert)".
    const path = /'([^']*)'/.exec(device.message)?.[1] ?? '';
    const os = /(\d+)\(/.exec(device.message.replace(/'[^']*'/, "''"))?.[1] ?? '';
    if (os === '5')
      return new XpmError(
        'E_SQL_SHARE_ACCESS',
        { ...params, path, account: where.account ?? '?', networkDe: '', networkEn: '' },
        { exitCode: 1 },
      );
    return new XpmError('E_SQL_BACKUP_PATH', { ...params, path, os }, { exitCode: 1 });
  }
  if (numbers.has(3169)) return new XpmError('E_SQL_BACKUP_NEWER', params, { exitCode: 1 });
  // "The media family … is incorrectly formed": what an older server says of a newer backup
  // before it can read any header, and of a damaged file. Never "no backup there".
  if (numbers.has(3241)) return new XpmError('E_SQL_BACKUP_UNREADABLE', params, { exitCode: 1 });
  if (numbers.has(3101)) return new XpmError('E_SQL_DATABASE_IN_USE', params, { exitCode: 1 });
  const space = found.find((m) => m.number === 3257);
  if (space) {
    // By shape: "… requires N additional free bytes, while M bytes are available." (any language)
    const [needed = 0, free = 0] = (space.message.match(/\d{4,}/g) ?? []).slice(-2).map(Number);
    return new XpmError(
      'E_SQL_NO_SPACE',
      { ...params, needed: Math.round(needed / 1048576), free: Math.round(free / 1048576) },
      { exitCode: 1 },
    );
  }
  if (numbers.has(3154) || numbers.has(3159))
    return new XpmError('E_SQL_RESTORE_EXISTS', params, { exitCode: 1 });
  if ([3110, 262, 15247, 300, 297, 5011].some((n) => numbers.has(n)))
    return new XpmError('E_SQL_PERMISSION', { ...params, login: where.login }, { exitCode: 1 });
  if (numbers.has(15401) || numbers.has(15007))
    return new XpmError('E_SQL_WINDOWS_ACCOUNT', params, { exitCode: 1 });
  if (numbers.has(4060)) return new XpmError('E_SQL_DATABASE_MISSING', params, { exitCode: 1 });
  if (numbers.has(18456) || error.code === 'ELOGIN')
    return new XpmError('E_SQL_LOGIN_FAILED', { ...params, login: where.login }, { exitCode: 1 });

  const chain = chainText(error);
  if (error.code === 'EINSTLOOKUP') return new XpmError('E_SQL_INSTANCE', params, { exitCode: 1 });
  if (/TLS|SSL|secure|certificate|encrypt/i.test(chain))
    return new XpmError('E_SQL_TLS', params, { exitCode: 1 });
  if (error.code === 'ETIMEOUT' && /request|timeout: request/i.test(chain))
    return new XpmError('E_SQL_TIMEOUT', params, { exitCode: 1 });
  if (/ECONNRESET|Connection lost|ECONNCLOSED|socket hang up/i.test(chain) && found.length === 0)
    return new XpmError('E_SQL_CONNECTION_LOST', params, { exitCode: 1 });
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEOUT|EAI_AGAIN|Failed to connect/i.test(chain))
    return new XpmError('E_SQL_UNREACHABLE', params, { exitCode: 1 });
  const number = found.at(-1)?.number;
  return new XpmError('E_SQL_ERROR', { ...params, number: number ?? error.code ?? '?' }, { exitCode: 1 });
}
