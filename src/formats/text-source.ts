import { closeSync, openSync, readSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { XpmError } from '../errors/index.js';
import { detectEncoding, type LogEncoding } from './encoding.js';

/** A text to read: a file's path, or its bytes already in memory. */
export type TextSource = string | Uint8Array;

const CHUNK = 1 << 18;

export interface SourceLine {
  /** Without its line break; cut to the reader's limit. */
  text: string;
  /** 1-based. */
  no: number;
  /** The line was longer than the limit (the rest is not kept). */
  cut: boolean;
}

/** Raw chunks of the source: a file is read 256 KiB at a time, never whole. */
function* chunksOf(source: TextSource, name: string): Generator<Uint8Array> {
  if (typeof source !== 'string') {
    for (let at = 0; at < source.length; at += CHUNK) yield source.subarray(at, at + CHUNK);
    return;
  }
  let fd: number;
  try {
    fd = openSync(source, 'r');
  } catch (error) {
    throw new XpmError('E_DIAG_PATH', { path: name, detail: (error as NodeJS.ErrnoException).code ?? '' });
  }
  try {
    const buffer = Buffer.alloc(CHUNK);
    for (;;) {
      let read: number;
      try {
        read = readSync(fd, buffer, 0, CHUNK, null);
      } catch (error) {
        throw new XpmError('E_DIAG_PATH', {
          path: name,
          detail: (error as NodeJS.ErrnoException).code ?? '',
        });
      }
      if (read === 0) return;
      // A copy: the caller may keep a chunk while the buffer is refilled.
      yield Uint8Array.prototype.slice.call(buffer, 0, read);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * A text file read as a stream: the encoding is detected from its first 256 KiB (BOM, UTF-16
 * without BOM, UTF-8, else Windows-1252), then text comes piece by piece. Memory stays at a
 * chunk and one (cut) line, whatever the size of the file or of its lines.
 */
export class TextReader {
  readonly encoding: LogEncoding;
  readonly bom: boolean;
  private readonly first: Uint8Array;
  private readonly rest: Generator<Uint8Array>;

  constructor(
    source: TextSource,
    readonly name: string,
  ) {
    this.rest = chunksOf(source, name);
    this.first = this.rest.next().value ?? new Uint8Array(0);
    const detected = detectEncoding(this.first, name);
    this.encoding = detected.encoding;
    this.bom = detected.bom > 0;
    this.first = this.first.subarray(detected.bom);
  }

  /** The decoded text in pieces (each piece once: a reader is read once). */
  *pieces(): Generator<string> {
    const decoder = new TextDecoder(this.encoding);
    yield decoder.decode(this.first, { stream: true });
    for (const chunk of this.rest) yield decoder.decode(chunk, { stream: true });
    yield decoder.decode();
  }

  /** Lines split at `\n` (a `\r` before it dropped), each kept up to `maxChars`. */
  *lines(maxChars: number): Generator<SourceLine> {
    let parts: string[] = [];
    let kept = 0;
    let cut = false;
    let open = false;
    let no = 0;
    const take = (): SourceLine => {
      let text = parts.length === 1 ? parts[0]! : parts.join('');
      if (text.endsWith('\r') && !cut) text = text.slice(0, -1);
      const line = { text, no: ++no, cut };
      parts = [];
      kept = 0;
      cut = false;
      open = false;
      return line;
    };
    const add = (piece: string, from: number, to: number) => {
      open = true;
      const room = maxChars - kept;
      if (to - from > room) cut = true;
      if (room <= 0 || to === from) return;
      const part = piece.slice(from, Math.min(to, from + room));
      parts.push(part);
      kept += part.length;
    };
    for (const piece of this.pieces()) {
      let from = 0;
      for (let nl = piece.indexOf('\n'); nl >= 0; nl = piece.indexOf('\n', from)) {
        add(piece, from, nl);
        from = nl + 1;
        yield take();
      }
      if (from < piece.length) add(piece, from, piece.length);
    }
    if (open) yield take();
  }
}
