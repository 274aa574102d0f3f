import { createHmac, randomBytes } from 'node:crypto';
import { md4 } from './md4.js';

/** PRELOGIN reply: VERSION, ENCRYPTION, INSTOPT, THREADID, MARS. */
export function preloginReply(version: string, encryption: 'off' | 'required'): Buffer {
  const [major = 15, minor = 0, build = 2000] = version.split('.').map(Number);
  const options: Array<[number, Buffer]> = [
    [0x00, Buffer.from([major, minor, (build >> 8) & 0xff, build & 0xff, 0, 0])],
    // 0x02 = encryption not supported: the client continues in clear text. 0x03 = required.
    [0x01, Buffer.from([encryption === 'required' ? 0x03 : 0x02])],
    [0x02, Buffer.from([0x00])],
    [0x03, Buffer.alloc(4)],
    [0x04, Buffer.from([0x00])],
  ];
  const table = Buffer.alloc(options.length * 5 + 1);
  let offset = table.length;
  options.forEach(([token, data], i) => {
    table[i * 5] = token;
    table.writeUInt16BE(offset, i * 5 + 1);
    table.writeUInt16BE(data.length, i * 5 + 3);
    offset += data.length;
  });
  table[table.length - 1] = 0xff;
  return Buffer.concat([table, ...options.map(([, data]) => data)]);
}

export interface Login7 {
  user: string;
  password: string;
  database: string;
  appName: string;
  /** The session language the client asks for (tedious: us_english); '' means the login's default. */
  language: string;
  /** The client asked for Windows (integrated) login; `sspi` holds its NTLM NEGOTIATE. */
  integrated: boolean;
  sspi: Buffer;
}

export function parseLogin7(p: Buffer): Login7 {
  const field = (at: number) => {
    const offset = p.readUInt16LE(at);
    const length = p.readUInt16LE(at + 2);
    return p.subarray(offset, offset + length * 2);
  };
  const password = Buffer.from(field(44));
  // Undo the obfuscation: XOR 0xA5, then swap the nibbles.
  for (let i = 0; i < password.length; i++) {
    const x = password[i]! ^ 0xa5;
    password[i] = ((x & 0x0f) << 4) | (x >> 4);
  }
  const sspiOffset = p.readUInt16LE(78);
  const sspiLength = p.readUInt16LE(80);
  return {
    user: field(40).toString('utf16le'),
    password: password.toString('utf16le'),
    appName: field(48).toString('utf16le'),
    language: field(64).toString('utf16le'),
    database: field(68).toString('utf16le'),
    integrated: (p[25]! & 0x80) !== 0,
    sspi: p.subarray(sspiOffset, sspiOffset + sspiLength),
  };
}

/** NTLM CHALLENGE (type 2) with a fresh server nonce and a minimal target info. */
export function ntlmChallenge(domain: string): { message: Buffer; nonce: Buffer } {
  const nonce = randomBytes(8);
  const domainBytes = Buffer.from(domain, 'utf16le');
  // Target info: MsvAvNbDomainName, then MsvAvEOL.
  const target = Buffer.concat([
    Buffer.from([0x02, 0x00]),
    u16(domainBytes.length),
    domainBytes,
    Buffer.from([0, 0, 0, 0]),
  ]);
  const header = Buffer.alloc(56);
  header.write('NTLMSSP\0', 0, 'latin1');
  header.writeUInt32LE(2, 8);
  header.writeUInt16LE(domainBytes.length, 12);
  header.writeUInt16LE(domainBytes.length, 14);
  header.writeUInt32LE(56, 16);
  header.writeUInt32LE(0x00828201, 20);
  nonce.copy(header, 24);
  header.writeUInt16LE(target.length, 40);
  header.writeUInt16LE(target.length, 42);
  header.writeUInt32LE(56 + domainBytes.length, 44);
  return { message: Buffer.concat([header, domainBytes, target]), nonce };
}

export interface NtlmAuthenticate {
  domain: string;
  user: string;
  lmResponse: Buffer;
}

/** NTLM AUTHENTICATE (type 3): who the client says it is, and its LMv2 response. */
export function parseNtlmAuthenticate(m: Buffer): NtlmAuthenticate {
  const field = (at: number) =>
    m.subarray(m.readUInt32LE(at + 4), m.readUInt32LE(at + 4) + m.readUInt16LE(at));
  return {
    lmResponse: field(12),
    domain: field(28).toString('utf16le'),
    user: field(36).toString('utf16le'),
  };
}

/** LMv2 = HMAC-MD5(NTOWFv2, server nonce ‖ client nonce) ‖ client nonce (MS-NLMP 3.3.2). */
export function ntlmResponseValid(auth: NtlmAuthenticate, password: string, serverNonce: Buffer): boolean {
  if (auth.lmResponse.length !== 24) return false;
  const ntHash = md4(Buffer.from(password, 'utf16le'));
  const clientNonce = auth.lmResponse.subarray(16);
  // MS-NLMP keeps the domain's case; tedious upper-cases it: accept both.
  return [auth.domain, auth.domain.toUpperCase()].some((domain) => {
    const identity = Buffer.from(auth.user.toUpperCase() + domain, 'utf16le');
    const key = createHmac('md5', ntHash).update(identity).digest();
    const expected = createHmac('md5', key)
      .update(Buffer.concat([serverNonce, clientNonce]))
      .digest();
    return expected.equals(auth.lmResponse.subarray(0, 16));
  });
}

function u16(v: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(v);
  return b;
}
