import { statSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import type { LogEncoding } from './encoding.js';
import { type SourceLine, TextReader, type TextSource } from './text-source.js';

/** Columns the V9 Text-Connector needs filled in every row. */
export const REQUIRED_COLUMNS = ['ID', 'firstname', 'name', 'account'] as const;

/** Separators in the order they are tried on the header line. */
const SEPARATORS = ['\t', ';', ',', ' '] as const;

export interface CsvProblem {
  /** 1-based line in the file. */
  line: number;
  code:
    | 'CSV_NO_HEADER'
    | 'CSV_MISSING_COLUMN'
    | 'CSV_FIELD_COUNT'
    | 'CSV_EMPTY_FIELD'
    | 'CSV_DUPLICATE'
    | 'CSV_QUOTE'
    | 'CSV_LINE_TOO_LONG';
  detail: string;
  /** For the message in the reader's language. */
  params?: Record<string, string | number>;
}

export interface CsvReport {
  encoding: LogEncoding;
  bom: boolean;
  separator: string | null;
  columns: string[];
  rows: number;
  /** The first MAX_CSV_PROBLEMS problems, by line. */
  problems: CsvProblem[];
  /** All problems found, listed or not. */
  problemCount: number;
}

/** Problems listed in a report: a broken 500 MB file must not become a 500 MB report. */
export const MAX_CSV_PROBLEMS = 1000;
/** A user row longer than this is no user row; it is reported, not split into fields. */
const MAX_ROW_CHARS = 64 * 1024;

type Key = 'id' | 'account';
const KEYS: readonly Key[] = ['id', 'account'];

/**
 * Checks a users CSV for the Text-Connector: the first non-comment line names the columns (any
 * order); tab, semicolon, comma or space separate; `#` lines are comments; ID, firstname, name
 * and account must not be empty; IDs and accounts must be unique. Every problem has its line.
 *
 * The file is streamed. Uniqueness takes a second pass only when a value may repeat: the first
 * pass puts every ID and account into a Bloom filter and keeps just the values it may have seen
 * before; the second pass finds each of those values' first line exactly.
 */
export function checkUsersCsv(source: TextSource, file = 'users.csv'): CsvReport {
  const reader = new TextReader(source, file);
  const report: CsvReport = {
    encoding: reader.encoding,
    bom: reader.bom,
    separator: null,
    columns: [],
    rows: 0,
    problems: [],
    problemCount: 0,
  };
  const found = new Problems();
  let layout: Layout | undefined;
  const bits = sizeOf(source);
  const filters = { id: new BloomFilter(bits), account: new BloomFilter(bits) };
  const candidates = { id: new Set<string>(), account: new Set<string>() };
  for (const row of contentLines(reader)) {
    if (!layout) {
      layout = headerOf(row.text, row.no, found);
      report.separator = layout.separator;
      report.columns = layout.columns;
      continue;
    }
    report.rows += 1;
    const values = checkRow(row, layout, found);
    for (const key of KEYS) {
      const value = values[key];
      if (value && filters[key].addSeen(value)) candidates[key].add(value);
    }
  }
  if (!layout) {
    found.add({ line: 1, code: 'CSV_NO_HEADER', detail: 'no header line' });
    return { ...report, problems: found.list(), problemCount: found.count };
  }
  const duplicates = new Problems();
  if (candidates.id.size + candidates.account.size > 0) {
    const firstLine = { id: new Map<string, number>(), account: new Map<string, number>() };
    let header = true;
    for (const row of contentLines(new TextReader(source, file))) {
      if (header) {
        header = false;
        continue;
      }
      const values = row.cut ? undefined : keysOf(splitFields(row.text, layout.separator).fields, layout);
      for (const key of KEYS) {
        const value = values?.[key];
        if (!value || !candidates[key].has(value)) continue;
        const first = firstLine[key].get(value);
        if (first === undefined) firstLine[key].set(value, row.no);
        else
          duplicates.add({
            line: row.no,
            code: 'CSV_DUPLICATE',
            detail: `${key === 'id' ? 'ID' : 'account'} "${value}" as in line ${first}`,
            params: { column: key === 'id' ? 'ID' : 'account', value, first },
          });
      }
    }
  }
  const problems = [...found.list(), ...duplicates.list()]
    .map((p, order) => ({ p, order }))
    .sort((a, b) => a.p.line - b.p.line || a.order - b.order)
    .slice(0, MAX_CSV_PROBLEMS)
    .map(({ p }) => p);
  return { ...report, problems, problemCount: found.count + duplicates.count };
}

/** The lines that are neither blank nor `#` comments. */
function* contentLines(reader: TextReader): Generator<SourceLine> {
  for (const line of reader.lines(MAX_ROW_CHARS + 1))
    if (line.text.trim() !== '' && !line.text.trimStart().startsWith('#')) yield line;
}

interface Layout {
  separator: string;
  columns: string[];
  index: Map<string, number>;
}

/** The separator that makes the header hold the most required columns. */
function headerOf(text: string, line: number, found: Problems): Layout {
  const wanted = REQUIRED_COLUMNS.map((c) => c.toLowerCase());
  const best = SEPARATORS.map((sep) => {
    const cols = splitFields(text, sep).fields.map((c) => c.trim());
    return { sep, cols, hits: cols.filter((c) => wanted.includes(c.toLowerCase())).length };
  }).sort((a, b) => b.hits - a.hits)[0]!;
  const index = new Map(best.cols.map((c, i) => [c.toLowerCase(), i]));
  for (const column of REQUIRED_COLUMNS)
    if (!index.has(column.toLowerCase())) found.add({ line, code: 'CSV_MISSING_COLUMN', detail: column });
  return { separator: best.sep, columns: best.cols, index };
}

/** A row's own problems; its ID and account (trimmed, lower case) for the uniqueness check. */
function checkRow(row: SourceLine, layout: Layout, found: Problems): Partial<Record<Key, string>> {
  if (row.cut) {
    found.add({
      line: row.no,
      code: 'CSV_LINE_TOO_LONG',
      detail: `longer than ${MAX_ROW_CHARS} characters`,
      params: { max: MAX_ROW_CHARS },
    });
    return {};
  }
  const { fields, unterminated } = splitFields(row.text, layout.separator);
  if (unterminated) found.add({ line: row.no, code: 'CSV_QUOTE', detail: 'unterminated quote' });
  if (fields.length !== layout.columns.length)
    found.add({
      line: row.no,
      code: 'CSV_FIELD_COUNT',
      detail: `${fields.length} fields, header has ${layout.columns.length}`,
      params: { found: fields.length, expected: layout.columns.length },
    });
  for (const column of REQUIRED_COLUMNS) {
    const at = layout.index.get(column.toLowerCase());
    if (at !== undefined && (fields[at] ?? '').trim() === '')
      found.add({ line: row.no, code: 'CSV_EMPTY_FIELD', detail: column });
  }
  return keysOf(fields, layout);
}

function keysOf(fields: string[], layout: Layout): Partial<Record<Key, string>> {
  const values: Partial<Record<Key, string>> = {};
  for (const key of KEYS) {
    const at = layout.index.get(key);
    const value = at === undefined ? '' : (fields[at] ?? '').trim().toLowerCase();
    if (value) values[key] = value;
  }
  return values;
}

/** Problems in line order: the first MAX_CSV_PROBLEMS kept, all counted. */
class Problems {
  private readonly kept: CsvProblem[] = [];
  count = 0;

  add(problem: CsvProblem): void {
    this.count += 1;
    if (this.kept.length < MAX_CSV_PROBLEMS) this.kept.push(problem);
  }

  list(): CsvProblem[] {
    return this.kept;
  }
}

/** Bits for a source's filter: one per byte of the file, between 64 Kibit and 64 Mibit (8 MB). */
const sizeOf = (source: TextSource) => {
  const bytes = typeof source === 'string' ? fileSize(source) : source.length;
  return Math.min(2 ** 26, Math.max(2 ** 16, 2 ** Math.ceil(Math.log2(Math.max(1, bytes)))));
};

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0; // the reader reports the unreadable file
  }
}

/**
 * A Bloom filter over strings: `addSeen` says whether the value may have been added before
 * (false positives only, at 1 bit per file byte about 1 in 10⁴ on a real users file) and adds it.
 */
class BloomFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  constructor(size: number) {
    this.bits = new Uint32Array(size / 32);
    this.mask = size - 1;
  }

  addSeen(value: string): boolean {
    // Two FNV-1a style hashes, combined into seven probes (Kirsch–Mitzenmacher).
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    let seen = true;
    for (let k = 0; k < 7; k++) {
      const bit = (h1 + Math.imul(k, h2 | 1)) & this.mask;
      const word = bit >>> 5;
      const flag = 1 << (bit & 31);
      if ((this.bits[word]! & flag) === 0) {
        seen = false;
        this.bits[word]! |= flag;
      }
    }
    return seen;
  }
}

/** One line's fields; double quotes group (a doubled quote is a quote). Runs of spaces are one separator. */
function splitFields(line: string, sep: string): { fields: string[]; unterminated: boolean } {
  // Most rows: no quotes, no space runs. One split, no string built a character at a time.
  if (sep !== ' ' && !line.includes('"')) return { fields: line.split(sep), unterminated: false };
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === sep) {
      if (sep === ' ' && field === '' && fields.length > 0 && line[i - 1] === ' ') continue;
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return { fields, unterminated: quoted };
}

/** What the file becomes for the connector: UTF-8 with BOM (assumed; configurable by the caller). */
export type CsvTarget = 'utf-8-bom' | 'utf-16le' | 'windows-1252';

/**
 * The text in another encoding, written piece by piece to `write`; characters Windows-1252
 * cannot hold become "?" and are reported by line (the first MAX_CSV_PROBLEMS lines).
 */
export function convertCsv(
  source: TextSource,
  target: CsvTarget,
  write: (bytes: Uint8Array) => void,
  file = 'users.csv',
): { unmappable: number[] } {
  const reader = new TextReader(source, file);
  if (target === 'utf-8-bom') write(Uint8Array.of(0xef, 0xbb, 0xbf));
  if (target === 'utf-16le') write(Uint8Array.of(0xff, 0xfe));
  const unmappable: number[] = [];
  let line = 1;
  for (const piece of reader.pieces()) {
    if (target === 'utf-8-bom') write(Buffer.from(piece, 'utf8'));
    else if (target === 'utf-16le') write(Buffer.from(piece, 'utf16le'));
    else {
      const out = Buffer.alloc(piece.length);
      let n = 0;
      for (const ch of piece) {
        const byte = CP1252.get(ch);
        if (byte === undefined) {
          if (unmappable.at(-1) !== line && unmappable.length < MAX_CSV_PROBLEMS) unmappable.push(line);
          out[n++] = 0x3f; // '?'
        } else out[n++] = byte;
        if (ch === '\n') line += 1;
      }
      write(out.subarray(0, n));
    }
  }
  return { unmappable };
}

/** Windows-1252 as a character → byte map, built from the decoder itself. */
const CP1252 = (() => {
  const map = new Map<string, number>();
  const decoder = new TextDecoder('windows-1252');
  for (let b = 0; b < 256; b++) {
    const ch = decoder.decode(Uint8Array.of(b));
    if (ch !== '\uFFFD' && !map.has(ch)) map.set(ch, b);
  }
  return map;
})();
