import { XpmError } from '../../errors/index.js';

/** The encodings atlas.xml is found in; a file is written back in the one it was read in. */
export type AtlasEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le-bom' | 'utf-16be-bom' | 'utf-16le';

const BOM_UTF8 = Buffer.from([0xef, 0xbb, 0xbf]);

/** Decodes the file's bytes; refuses bytes that would not come back the same when written. */
export function decode(bytes: Buffer, file: string): { text: string; encoding: AtlasEncoding } {
  const encoding = detect(bytes);
  let text: string;
  try {
    text = decodeAs(bytes, encoding);
  } catch {
    throw new XpmError('E_ATLAS_ENCODING', { file, encoding });
  }
  if (!encode(text, encoding).equals(bytes)) throw new XpmError('E_ATLAS_ENCODING', { file, encoding });
  return { text, encoding };
}

export function encode(text: string, encoding: AtlasEncoding): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([BOM_UTF8, Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.from(text, 'utf16le');
    case 'utf-16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be-bom':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  }
}

function detect(bytes: Buffer): AtlasEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le-bom';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be-bom';
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return 'utf-16le'; // "<" without a BOM
  return 'utf-8';
}

function decodeAs(bytes: Buffer, encoding: AtlasEncoding): string {
  const fatal = (label: string, body: Uint8Array) =>
    new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(body);
  switch (encoding) {
    case 'utf-8':
      return fatal('utf-8', bytes);
    case 'utf-8-bom':
      return fatal('utf-8', bytes.subarray(3));
    case 'utf-16le':
      return fatal('utf-16le', bytes);
    case 'utf-16le-bom':
      return fatal('utf-16le', bytes.subarray(2));
    case 'utf-16be-bom':
      return fatal('utf-16be', bytes.subarray(2));
  }
}
