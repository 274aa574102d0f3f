/**
 * TDS 7.4 framing and the server tokens the simulator sends (MS-TDS). Packet lengths are
 * big-endian; everything inside a message is little-endian.
 */
export const PACKET = {
  batch: 0x01,
  reply: 0x04,
  rpc: 0x03,
  attention: 0x06,
  login7: 0x10,
  ntlm: 0x11,
  prelogin: 0x12,
  transaction: 0x0e,
} as const;

export const PACKET_SIZE = 4096;
const HEADER = 8;

export interface Message {
  type: number;
  payload: Buffer;
}

/** Reassembles messages from TCP chunks by the header's length field (chunks split or merged). */
export class MessageReader {
  private pending = Buffer.alloc(0);
  private parts: Buffer[] = [];

  /** Returns complete messages; throws on a packet that cannot be TDS (e.g. a TLS ClientHello). */
  push(chunk: Buffer): Message[] {
    this.pending = Buffer.concat([this.pending, chunk]);
    const messages: Message[] = [];
    while (this.pending.length >= HEADER) {
      const length = this.pending.readUInt16BE(2);
      if (length < HEADER) throw new Error(`bad TDS packet length ${length}`);
      if (this.pending.length < length) break;
      const type = this.pending[0]!;
      const status = this.pending[1]!;
      this.parts.push(this.pending.subarray(HEADER, length));
      this.pending = this.pending.subarray(length);
      if (type === PACKET.attention || status & 0x01) {
        messages.push({ type, payload: Buffer.concat(this.parts) });
        this.parts = [];
      }
    }
    return messages;
  }
}

/** Splits a reply into packets; `last` false leaves the message open (streamed progress). */
export function packets(payload: Buffer, last = true, packetId = { n: 1 }): Buffer {
  const room = PACKET_SIZE - HEADER;
  const out: Buffer[] = [];
  for (let at = 0; at < payload.length || out.length === 0; at += room) {
    const body = payload.subarray(at, at + room);
    const end = last && at + room >= payload.length;
    const header = Buffer.alloc(HEADER);
    header[0] = PACKET.reply;
    header[1] = end ? 0x01 : 0x00;
    header.writeUInt16BE(HEADER + body.length, 2);
    header[6] = packetId.n++ & 0xff;
    out.push(header, body);
    if (payload.length === 0) break;
  }
  return Buffer.concat(out);
}

/** A little-endian byte builder. */
export class Writer {
  private chunks: Buffer[] = [];
  u8(v: number) {
    this.chunks.push(Buffer.from([v & 0xff]));
    return this;
  }
  u16(v: number) {
    const b = Buffer.alloc(2);
    b.writeUInt16LE(v);
    this.chunks.push(b);
    return this;
  }
  u32(v: number) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v >>> 0);
    this.chunks.push(b);
    return this;
  }
  i32(v: number) {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    this.chunks.push(b);
    return this;
  }
  u64(v: bigint | number) {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.chunks.push(b);
    return this;
  }
  bytes(b: Buffer) {
    this.chunks.push(b);
    return this;
  }
  /** B_VARCHAR: length in UTF-16 units as one byte. */
  bVarchar(s: string) {
    return this.u8(s.length).bytes(Buffer.from(s, 'utf16le'));
  }
  /** US_VARCHAR: length in UTF-16 units as two bytes. */
  usVarchar(s: string) {
    return this.u16(s.length).bytes(Buffer.from(s, 'utf16le'));
  }
  build() {
    return Buffer.concat(this.chunks);
  }
}

const TOKEN = {
  colMetadata: 0x81,
  row: 0xd1,
  done: 0xfd,
  doneProc: 0xfe,
  doneInProc: 0xff,
  returnStatus: 0x79,
  error: 0xaa,
  info: 0xab,
  loginAck: 0xad,
  envChange: 0xe3,
  sspi: 0xed,
} as const;

export const DONE = { final: 0x00, more: 0x01, error: 0x02, count: 0x10, attention: 0x20 } as const;

export function done(status: number, rows = 0, token: number = TOKEN.done): Buffer {
  return new Writer().u8(token).u16(status).u16(0xc1).u64(rows).build();
}
export const doneInProc = (status: number, rows = 0) => done(status, rows, TOKEN.doneInProc);
export const doneProc = (status: number) => done(status, 0, TOKEN.doneProc);
export const returnStatus = (value: number) => new Writer().u8(TOKEN.returnStatus).i32(value).build();

export interface ServerMessage {
  number: number;
  state?: number;
  class: number;
  message: string;
  server: string;
  line?: number;
}

/** ERROR (class > 10) and INFO share one layout. */
export function message(m: ServerMessage): Buffer {
  const body = new Writer()
    .u32(m.number)
    .u8(m.state ?? 1)
    .u8(m.class)
    .usVarchar(m.message)
    .bVarchar(m.server)
    .bVarchar('')
    .u32(m.line ?? 1)
    .build();
  return new Writer()
    .u8(m.class > 10 ? TOKEN.error : TOKEN.info)
    .u16(body.length)
    .bytes(body)
    .build();
}

export function envChangeDatabase(name: string): Buffer {
  const body = new Writer().u8(1).bVarchar(name).bVarchar('master').build();
  return new Writer().u8(TOKEN.envChange).u16(body.length).bytes(body).build();
}

/** BEGIN_TXN (8) carries the new descriptor; COMMIT_TXN (9) and ROLLBACK_TXN (10) the old one. */
export function envChangeTransaction(type: 8 | 9 | 10, descriptor: Buffer): Buffer {
  const w = new Writer().u8(type);
  if (type === 8) w.u8(descriptor.length).bytes(descriptor).u8(0);
  else w.u8(0).u8(descriptor.length).bytes(descriptor);
  const body = w.build();
  return new Writer().u8(TOKEN.envChange).u16(body.length).bytes(body).build();
}

/**
 * SQL collation (type 7, MS-TDS 2.2.7.9): new value the 5 collation bytes, old value empty. Real
 * servers send it at every login; Microsoft.Data.SqlClient needs it to send string parameters
 * (without it, its first RPC with an NVARCHAR parameter fails with a NullReferenceException).
 */
export function envChangeCollation(): Buffer {
  const body = new Writer().u8(7).u8(COLLATION.length).bytes(COLLATION).u8(0).build();
  return new Writer().u8(TOKEN.envChange).u16(body.length).bytes(body).build();
}

/** Language (type 2): the login's language, as a real server reports it at login. */
export function envChangeLanguage(language: string): Buffer {
  const body = new Writer().u8(2).bVarchar(language).bVarchar('').build();
  return new Writer().u8(TOKEN.envChange).u16(body.length).bytes(body).build();
}

export function envChangePacketSize(size: number): Buffer {
  const body = new Writer().u8(4).bVarchar(String(size)).bVarchar(String(size)).build();
  return new Writer().u8(TOKEN.envChange).u16(body.length).bytes(body).build();
}

/** LOGINACK: interface SQL, TDS 7.4, the program name and the product version. */
export function loginAck(version: string): Buffer {
  const [major = 15, minor = 0, build = 2000] = version.split('.').map(Number);
  const body = new Writer()
    .u8(1)
    .bytes(Buffer.from([0x74, 0x00, 0x00, 0x04]))
    .bVarchar('Microsoft SQL Server')
    .bytes(Buffer.from([major, minor, (build >> 8) & 0xff, build & 0xff]))
    .build();
  return new Writer().u8(TOKEN.loginAck).u16(body.length).bytes(body).build();
}

export function sspi(data: Buffer): Buffer {
  return new Writer().u8(TOKEN.sspi).u16(data.length).bytes(data).build();
}

/** Column types the simulator answers with. */
/** `text`: nvarchar(max), sent as PLP chunks (catalog definitions, data in text form). */
export type ColumnType = 'int' | 'bigint' | 'nvarchar' | 'text' | 'bit';
export interface Column {
  name: string;
  type: ColumnType;
}
export type Cell = string | number | boolean | null;

// SQL_Latin1_General_CP1_CI_AS
const COLLATION = Buffer.from([0x09, 0x04, 0xd0, 0x00, 0x34]);

export function resultSet(columns: Column[], rows: Cell[][]): Buffer {
  const w = new Writer().u8(TOKEN.colMetadata).u16(columns.length);
  for (const c of columns) {
    w.u32(0).u16(0x0001 /* nullable */);
    if (c.type === 'nvarchar') w.u8(0xe7).u16(8000).bytes(COLLATION);
    else if (c.type === 'text') w.u8(0xe7).u16(0xffff).bytes(COLLATION);
    else if (c.type === 'bit') w.u8(0x68).u8(1);
    else w.u8(0x26).u8(c.type === 'int' ? 4 : 8);
    w.bVarchar(c.name);
  }
  for (const row of rows) {
    w.u8(TOKEN.row);
    for (const [i, c] of columns.entries()) writeCell(w, c.type, row[i] ?? null);
  }
  return w.build();
}

function writeCell(w: Writer, type: ColumnType, value: Cell): void {
  if (type === 'text') {
    if (value === null) w.u64(0xffffffffffffffffn);
    else {
      // PLP: the total length, then chunks, then a zero-length chunk.
      const b = Buffer.from(String(value), 'utf16le');
      w.u64(b.length);
      for (let at = 0; at < b.length; at += 8000) {
        const chunk = b.subarray(at, at + 8000);
        w.u32(chunk.length).bytes(chunk);
      }
      w.u32(0);
    }
    return;
  }
  if (type === 'nvarchar') {
    if (value === null) w.u16(0xffff);
    else {
      const b = Buffer.from(String(value), 'utf16le');
      w.u16(b.length).bytes(b);
    }
    return;
  }
  if (value === null) {
    w.u8(0);
    return;
  }
  if (type === 'bit') w.u8(1).u8(value ? 1 : 0);
  else if (type === 'int') w.u8(4).i32(Number(value));
  else {
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(BigInt(Math.trunc(Number(value))));
    w.u8(8).bytes(b);
  }
}
