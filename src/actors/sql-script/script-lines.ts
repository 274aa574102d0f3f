import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { XpmError } from '../../errors/index.js';
import { type LogEncoding, sniffEncoding } from '../../formats/index.js';

/** What `--encoding` may name: sqlcmd's `-f 65001 | 1200 | 1252`. */
export const SCRIPT_ENCODINGS = ['utf-8', 'utf-16le', 'windows-1252'] as const;
export type ScriptEncoding = (typeof SCRIPT_ENCODINGS)[number];

/**
 * The longest line read, in characters. A line is held whole until its break, so this bounds
 * the memory of a script without line breaks. SSMS and `export-db` write a row per line; a
 * line of 16 Mi characters is a 8 MB varbinary as hex, far beyond what XPhone stores in a row.
 */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

export interface ScriptLine {
  text: string;
  no: number;
  /** Bytes of the file read up to the end of this line, with its line break. */
  bytes: number;
}

const CHUNK = 1 << 20;

/**
 * The lines of a script, read in chunks. The encoding is the one asked for, else the BOM's,
 * else UTF-16 without BOM (NULs in every other byte), else UTF-8 if the first MiB is valid,
 * else Windows-1252 (SSMS's "ANSI"). Bytes the encoding cannot decode are refused with the
 * file and line, never replaced: U+FFFD sent to the server would be a silent data change.
 */
export function* scriptLines(
  file: string,
  options: { encoding?: ScriptEncoding; onRead?: (read: number, total: number) => void } = {},
): Generator<ScriptLine> {
  let fd: number;
  let total: number;
  try {
    fd = openSync(file, 'r');
    const info = fstatSync(fd);
    if (info.isDirectory()) {
      closeSync(fd);
      throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    }
    total = info.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new XpmError('E_SCRIPT_READ', { file, reason: code ?? (error as Error).message });
  }
  try {
    const buffer = Buffer.alloc(CHUNK);
    let read = readSync(fd, buffer, 0, CHUNK, null);
    const { encoding, bom } = encodingOf(buffer.subarray(0, read), file, options.encoding);
    const decoder = new TextDecoder(encoding, { fatal: true });
    const size = sizer(encoding);
    const newline = size('\n');
    let start = bom;
    let parts: string[] = [];
    let partChars = 0;
    let no = 0;
    let consumed = bom;
    const decode = (bytes: Uint8Array, stream: boolean) => {
      try {
        return decoder.decode(bytes, { stream });
      } catch {
        // The line of the first byte that does not decode: newlines before the replacement.
        const lenient = new TextDecoder(encoding).decode(bytes);
        const bad = lenient.indexOf('\uFFFD');
        const before = lenient.slice(0, bad < 0 ? lenient.length : bad);
        const line = no + 1 + before.split('\n').length - 1;
        throw new XpmError('E_SCRIPT_ENCODING', { file, line, encoding });
      }
    };
    const line = (tail: string, broken: boolean): ScriptLine => {
      const raw = parts.length === 0 ? tail : parts.join('') + tail;
      parts = [];
      partChars = 0;
      no += 1;
      consumed += size(raw) + (broken ? newline : 0);
      return { text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, no, bytes: consumed };
    };
    while (read > 0) {
      const text = decode(buffer.subarray(start, read), true);
      start = 0;
      let from = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        if (partChars + nl - from > MAX_LINE_CHARS) tooLong(file, no + 1);
        const done = line(text.slice(from, nl), true);
        from = nl + 1;
        yield done;
      }
      if (from < text.length) {
        partChars += text.length - from;
        if (partChars > MAX_LINE_CHARS) tooLong(file, no + 1);
        parts.push(text.slice(from));
      }
      options.onRead?.(Math.min(consumed, total), total);
      read = readSync(fd, buffer, 0, CHUNK, null);
    }
    const rest = decode(new Uint8Array(0), false);
    if (partChars > 0 || rest !== '') yield line(rest, false);
  } finally {
    closeSync(fd);
  }
}

function tooLong(file: string, line: number): never {
  throw new XpmError('E_SCRIPT_LINE_TOO_LONG', { file, line, max: MAX_LINE_CHARS });
}

function encodingOf(
  head: Uint8Array,
  file: string,
  asked: ScriptEncoding | undefined,
): { encoding: LogEncoding; bom: number } {
  const sniffed = sniffEncoding(head);
  if (asked) {
    // A BOM that agrees is skipped; one that disagrees means the flag is wrong.
    if (sniffed !== 'binary' && sniffed.bom > 0) {
      if (sniffed.encoding !== asked)
        throw new XpmError('E_SCRIPT_ENCODING_BOM', { file, asked, bom: sniffed.encoding });
      return sniffed;
    }
    return { encoding: asked, bom: 0 };
  }
  if (sniffed === 'binary') throw new XpmError('E_SCRIPT_READ', { file, reason: 'binary' });
  return sniffed;
}

/** Bytes a decoded text took in the file (for progress). */
function sizer(encoding: LogEncoding): (text: string) => number {
  if (encoding === 'utf-8') return (t) => Buffer.byteLength(t);
  if (encoding === 'windows-1252') return (t) => t.length;
  return (t) => t.length * 2;
}
