/**
 * MD4 (RFC 1320): NTLM's NT hash needs it and Node's OpenSSL 3 no longer offers it. Used only to
 * check NTLM responses in the simulator.
 */
export function md4(data: Buffer): Buffer {
  const bitLength = BigInt(data.length) * 8n;
  const padded = Buffer.alloc(Math.ceil((data.length + 9) / 64) * 64);
  data.copy(padded);
  padded[data.length] = 0x80;
  padded.writeBigUInt64LE(bitLength, padded.length - 8);

  let [a, b, c, d] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  const rotl = (x: number, s: number) => (x << s) | (x >>> (32 - s));
  const f = (x: number, y: number, z: number) => (x & y) | (~x & z);
  const g = (x: number, y: number, z: number) => (x & y) | (x & z) | (y & z);
  const h = (x: number, y: number, z: number) => x ^ y ^ z;

  for (let block = 0; block < padded.length; block += 64) {
    const x = Array.from({ length: 16 }, (_, i) => padded.readUInt32LE(block + i * 4));
    const [aa, bb, cc, dd] = [a, b, c, d];
    const round = (
      fn: (x: number, y: number, z: number) => number,
      k: number[],
      s: number[],
      add: number,
    ) => {
      for (let i = 0; i < 16; i++) {
        const t = (a + fn(b, c, d) + x[k[i]!]! + add) | 0;
        const rotated = rotl(t, s[i % 4]!);
        [a, b, c, d] = [d, rotated, b, c];
      }
    };
    round(f, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], [3, 7, 11, 19], 0);
    round(g, [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15], [3, 5, 9, 13], 0x5a827999);
    round(h, [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15], [3, 9, 11, 15], 0x6ed9eba1);
    a = (a + aa) | 0;
    b = (b + bb) | 0;
    c = (c + cc) | 0;
    d = (d + dd) | 0;
  }
  const out = Buffer.alloc(16);
  for (const [i, v] of [a, b, c, d].entries()) out.writeInt32LE(v, i * 4);
  return out;
}
