/**
 * ADO.NET connection strings as the XPhone Server writes them (atlas.xml) and as SqlClient reads
 * them: `key=value` pairs separated by `;`, keys case-insensitive with synonyms, values quoted
 * with `'` or `"` (the quote doubled inside), `==` in a key for a literal `=`.
 * Parsing keeps every pair's original text, so an edit can change one value and leave the rest
 * of the string exactly as it was.
 */

export interface Pair {
  /** The key as written (trimmed), e.g. `Data Source`. */
  key: string;
  /** The canonical key (see SYNONYMS), or the key in lower case when it is not one we know. */
  canonical: string;
  /** The value, unquoted. */
  value: string;
  /** The pair's text as written, without the separating `;`. */
  raw: string;
  /** Where the value (with its quotes) starts and ends inside `raw`. */
  valueStart: number;
  valueEnd: number;
}

export interface ConnectionString {
  pairs: Pair[];
  /** Whether the original ended with `;` (kept when written back). */
  trailingSeparator: boolean;
}

/** A parsed `Data Source`: host, optional instance, optional port, optional protocol prefix. */
export interface ServerAddress {
  /** As written, e.g. `(local)\XPCONNECT`. */
  raw: string;
  protocol?: 'tcp' | 'np' | 'lpc' | 'admin';
  /** The host as written: `(local)`, `.`, `localhost`, a name or an address. */
  host: string;
  /** Whether the host means this machine. */
  local: boolean;
  instance?: string;
  port?: number;
}

/** Canonical keys and their SqlClient synonyms (lower case). */
const SYNONYMS: Record<string, string[]> = {
  server: ['data source', 'server', 'address', 'addr', 'network address'],
  database: ['initial catalog', 'database'],
  integratedSecurity: ['integrated security', 'trusted_connection'],
  user: ['user id', 'uid', 'user'],
  password: ['password', 'pwd'],
  encrypt: ['encrypt'],
  trustServerCertificate: ['trustservercertificate', 'trust server certificate'],
  connectTimeout: ['connect timeout', 'connection timeout', 'timeout'],
  commandTimeout: ['command timeout'],
  applicationName: ['application name', 'app'],
  persistSecurityInfo: ['persist security info', 'persistsecurityinfo'],
};
const CANONICAL = new Map(Object.entries(SYNONYMS).flatMap(([canon, keys]) => keys.map((k) => [k, canon])));

export class ConnectionStringError extends Error {
  constructor(
    readonly reason: string,
    readonly at: number,
  ) {
    super(`${reason} at character ${at + 1}`);
  }
}

function canonicalKey(key: string): string {
  const k = key.trim().replace(/\s+/g, ' ').toLowerCase();
  return CANONICAL.get(k) ?? k;
}

/** Parses a connection string; throws ConnectionStringError with the position of the problem. */
export function parseConnectionString(text: string): ConnectionString {
  const pairs: Pair[] = [];
  let i = 0;
  let trailingSeparator = false;
  while (i < text.length) {
    const start = i;
    // The key runs to the first single `=`; `==` stands for a literal `=`.
    let key = '';
    for (;;) {
      if (i >= text.length) {
        if (key.trim() === '') return { pairs, trailingSeparator: trailingSeparator || pairs.length > 0 };
        throw new ConnectionStringError(`"${key.trim()}" has no "="`, start);
      }
      const c = text[i]!;
      if (c === '=') {
        if (text[i + 1] === '=') {
          key += '=';
          i += 2;
          continue;
        }
        i++;
        break;
      }
      if (c === ';') {
        if (key.trim() !== '') throw new ConnectionStringError(`"${key.trim()}" has no "="`, start);
        i++; // an empty pair (";;")
        key = '';
        continue;
      }
      key += c;
      i++;
    }
    const name = key.trim();
    if (name === '') throw new ConnectionStringError('a value without a key', start);
    while (i < text.length && /[ \t]/.test(text[i]!)) i++;
    const valueStart = i - start;
    let valueEnd: number;
    let value = '';
    const quote = text[i];
    if (quote === '"' || quote === "'") {
      i++;
      for (;;) {
        if (i >= text.length) throw new ConnectionStringError(`the value of "${name}" is not closed`, start);
        if (text[i] === quote) {
          if (text[i + 1] === quote) {
            value += quote;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      valueEnd = i - start;
      while (i < text.length && /[ \t]/.test(text[i]!)) i++;
      if (i < text.length && text[i] !== ';')
        throw new ConnectionStringError(`text after the quoted value of "${name}"`, i);
    } else {
      const end = text.indexOf(';', i);
      const rawValue = end < 0 ? text.slice(i) : text.slice(i, end);
      value = rawValue.trim();
      valueEnd = i - start + rawValue.trimEnd().length;
      i = end < 0 ? text.length : end;
    }
    pairs.push({
      key: name,
      canonical: canonicalKey(name),
      value,
      raw: text.slice(start, i),
      valueStart,
      valueEnd,
    });
    trailingSeparator = text[i] === ';';
    if (trailingSeparator) i++;
  }
  return { pairs, trailingSeparator };
}

/** The last value of a canonical key (SqlClient: the last one wins). */
export function get(cs: ConnectionString, canonical: string): string | undefined {
  return cs.pairs.findLast((p) => p.canonical === canonical)?.value;
}

function formatValue(value: string): string {
  const needsQuotes = /[;'"]/.test(value) || value !== value.trim() || value === '';
  if (!needsQuotes) return value;
  return value.includes('"') && !value.includes("'") ? `'${value}'` : `"${value.replaceAll('"', '""')}"`;
}

/**
 * Sets a key: the existing pair (the last one, where SqlClient reads it) keeps its key spelling
 * and place and gets the new value; a missing key is appended with `keyWhenNew`.
 */
export function set(
  cs: ConnectionString,
  canonical: string,
  value: string,
  keyWhenNew: string,
): ConnectionString {
  const index = cs.pairs.findLastIndex((p) => p.canonical === canonical);
  const pairs = [...cs.pairs];
  if (index >= 0) {
    const old = pairs[index]!;
    if (old.value === value) return cs;
    const written = formatValue(value);
    pairs[index] = {
      ...old,
      value,
      raw: old.raw.slice(0, old.valueStart) + written + old.raw.slice(old.valueEnd),
      valueEnd: old.valueStart + written.length,
    };
  } else {
    const written = formatValue(value);
    const raw = `${keyWhenNew}=${written}`;
    pairs.push({
      key: keyWhenNew,
      canonical,
      value,
      raw,
      valueStart: raw.length - written.length,
      valueEnd: raw.length,
    });
  }
  return { ...cs, pairs };
}

/** Removes every pair of a canonical key. */
export function remove(cs: ConnectionString, canonical: string): ConnectionString {
  const pairs = cs.pairs.filter((p) => p.canonical !== canonical);
  return pairs.length === cs.pairs.length ? cs : { ...cs, pairs };
}

export function formatConnectionString(cs: ConnectionString): string {
  return cs.pairs.map((p) => p.raw).join(';') + (cs.trailingSeparator ? ';' : '');
}

/** Whether integrated (Windows) security is on: `SSPI`, `true`, `yes`. */
export function usesIntegratedSecurity(cs: ConnectionString): boolean {
  return /^(sspi|true|yes)$/i.test(get(cs, 'integratedSecurity') ?? '');
}

const LOCAL_HOSTS = new Set(['(local)', '.', 'localhost', '127.0.0.1', '::1', '(localdb)']);

/** Parses a `Data Source` value: `[tcp:]host[\instance][,port]`. */
export function parseServer(raw: string): ServerAddress {
  let rest = raw.trim();
  let protocol: ServerAddress['protocol'];
  const prefix = /^(tcp|np|lpc|admin):/i.exec(rest);
  if (prefix) {
    protocol = prefix[1]!.toLowerCase() as ServerAddress['protocol'];
    rest = rest.slice(prefix[0].length);
  }
  let port: number | undefined;
  const comma = rest.lastIndexOf(',');
  if (comma >= 0) {
    const p = rest.slice(comma + 1).trim();
    if (!/^\d{1,5}$/.test(p) || Number(p) > 65535)
      throw new ConnectionStringError(`"${p}" is not a port`, comma + 1);
    port = Number(p);
    rest = rest.slice(0, comma).trim();
  }
  const slash = rest.indexOf('\\');
  const host = (slash >= 0 ? rest.slice(0, slash) : rest).trim();
  const instance = slash >= 0 ? rest.slice(slash + 1).trim() : undefined;
  if (host === '') throw new ConnectionStringError('no host', 0);
  return {
    raw,
    ...(protocol ? { protocol } : {}),
    host,
    local: LOCAL_HOSTS.has(host.toLowerCase()),
    ...(instance ? { instance } : {}),
    ...(port !== undefined ? { port } : {}),
  };
}

/** SQL Server's rules for instance names: 1–16 characters, a letter, `_` or `&` first, then letters, digits, `_`, `$`, `#`. */
export function instanceNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > 16) return 'it must have 1 to 16 characters';
  if (!/^[\p{L}_&][\p{L}\p{N}_$#]*$/u.test(name))
    return 'it must start with a letter, "_" or "&" and hold only letters, digits, "_", "$" or "#"';
  if (/^(default|mssqlserver)$/i.test(name)) return `"${name}" is reserved`;
  return undefined;
}

/** The `Data Source` text for an address (keeps the host as written). */
export function formatServer(a: Omit<ServerAddress, 'raw' | 'local'>): string {
  return `${a.protocol ? `${a.protocol}:` : ''}${a.host}${a.instance ? `\\${a.instance}` : ''}${a.port !== undefined ? `,${a.port}` : ''}`;
}
