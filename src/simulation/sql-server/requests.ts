/** What a client request carries: the SQL text and, for RPC `sp_executesql`, its parameters. */
export interface ClientRequest {
  sql: string;
  params: Record<string, string | number | null>;
  /** sp_executesql's parameter declarations (`@p1 nvarchar(4000), …`), as the client sent them. */
  declarations?: string;
}

/** Every message starts with ALL_HEADERS; its first u32 is its own total length. */
function skipAllHeaders(p: Buffer): number {
  return p.readUInt32LE(0);
}

export function parseBatch(p: Buffer): ClientRequest {
  return { sql: p.subarray(skipAllHeaders(p)).toString('utf16le'), params: {} };
}

/** RPC: only `sp_executesql` (proc id 10) — what `request.query()` sends. */
export function parseRpc(p: Buffer): ClientRequest {
  let at = skipAllHeaders(p);
  const nameLength = p.readUInt16LE(at);
  at += 2;
  if (nameLength !== 0xffff) {
    const name = p.subarray(at, at + nameLength * 2).toString('utf16le');
    throw new Error(`unsupported RPC procedure ${name}`);
  }
  const procId = p.readUInt16LE(at);
  if (procId !== 10) throw new Error(`unsupported RPC procedure id ${procId}`);
  at += 4; // proc id, option flags

  const values: Array<[string, string | number | null]> = [];
  while (at < p.length) {
    const nameChars = p[at]!;
    const name = p.subarray(at + 1, at + 1 + nameChars * 2).toString('utf16le');
    at += 1 + nameChars * 2 + 1; // name, status flags
    const [value, next] = readValue(p, at);
    values.push([name, value]);
    at = next;
  }
  const [statement, declarations, ...rest] = values;
  if (typeof statement?.[1] !== 'string') throw new Error('sp_executesql without a statement');
  const params: Record<string, string | number | null> = {};
  const names = rest.length && typeof declarations?.[1] === 'string' ? rest : [];
  for (const [name, value] of names) params[name.replace(/^@/, '')] = value;
  return {
    sql: statement[1],
    params,
    ...(typeof declarations?.[1] === 'string' ? { declarations: declarations[1] } : {}),
  };
}

function readValue(p: Buffer, at: number): [string | number | null, number] {
  const type = p[at]!;
  if (type === 0xe7 /* NVARCHAR */) {
    const max = p.readUInt16LE(at + 1);
    at += 3 + 5; // max length, collation
    if (max === 0xffff) return readPlp(p, at);
    const length = p.readUInt16LE(at);
    if (length === 0xffff) return [null, at + 2];
    return [p.subarray(at + 2, at + 2 + length).toString('utf16le'), at + 2 + length];
  }
  if (type === 0x26 /* INTN */) {
    const length = p[at + 2]!;
    at += 3;
    if (length === 0) return [null, at];
    const value = length === 4 ? p.readInt32LE(at) : length === 8 ? Number(p.readBigInt64LE(at)) : p[at]!;
    return [value, at + length];
  }
  throw new Error(`unsupported parameter type 0x${type.toString(16)}`);
}

/** PLP: u64 total (or unknown), then u32-length chunks, a zero length ends it. */
function readPlp(p: Buffer, at: number): [string | null, number] {
  if (p.readBigUInt64LE(at) === 0xffffffffffffffffn) return [null, at + 8];
  at += 8;
  const chunks: Buffer[] = [];
  for (;;) {
    const length = p.readUInt32LE(at);
    at += 4;
    if (length === 0) break;
    chunks.push(p.subarray(at, at + length));
    at += length;
  }
  return [Buffer.concat(chunks).toString('utf16le'), at];
}
