import { TextDecoder } from 'node:util';
import { detectEncoding, type LogEncoding } from './encoding.js';

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
    | 'CSV_QUOTE';
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
  problems: CsvProblem[];
}

/**
 * Checks a users CSV for the Text-Connector: the first non-comment line names the columns (any
 * order); tab, semicolon, comma or space separate; `#` lines are comments; ID, firstname, name
 * and account must not be empty; IDs and accounts must be unique. Every problem has its line.
 */
export function checkUsersCsv(bytes: Uint8Array, file = 'users.csv'): CsvReport {
  const { encoding, bom } = detectEncoding(bytes, file);
  const text = new TextDecoder(encoding).decode(bytes.subarray(bom));
  const lines = text.split(/\r?\n/);
  const report: CsvReport = { encoding, bom: bom > 0, separator: null, columns: [], rows: 0, problems: [] };
  const content = lines
    .map((raw, i) => ({ raw, line: i + 1 }))
    .filter((l) => l.raw.trim() !== '' && !l.raw.trimStart().startsWith('#'));
  const header = content.shift();
  if (!header) {
    report.problems.push({ line: 1, code: 'CSV_NO_HEADER', detail: 'no header line' });
    return report;
  }
  const wanted = REQUIRED_COLUMNS.map((c) => c.toLowerCase());
  // The separator that makes the header hold the most required columns.
  const best = SEPARATORS.map((sep) => {
    const cols = splitFields(header.raw, sep).fields.map((c) => c.trim());
    return { sep, cols, hits: cols.filter((c) => wanted.includes(c.toLowerCase())).length };
  }).sort((a, b) => b.hits - a.hits)[0]!;
  report.separator = best.sep;
  report.columns = best.cols;
  const index = new Map(best.cols.map((c, i) => [c.toLowerCase(), i]));
  for (const column of REQUIRED_COLUMNS) {
    if (!index.has(column.toLowerCase()))
      report.problems.push({ line: header.line, code: 'CSV_MISSING_COLUMN', detail: column });
  }
  const seen = { id: new Map<string, number>(), account: new Map<string, number>() };
  for (const row of content) {
    report.rows += 1;
    const { fields, unterminated } = splitFields(row.raw, best.sep);
    if (unterminated)
      report.problems.push({ line: row.line, code: 'CSV_QUOTE', detail: 'unterminated quote' });
    if (fields.length !== best.cols.length)
      report.problems.push({
        line: row.line,
        code: 'CSV_FIELD_COUNT',
        detail: `${fields.length} fields, header has ${best.cols.length}`,
        params: { found: fields.length, expected: best.cols.length },
      });
    for (const column of REQUIRED_COLUMNS) {
      const at = index.get(column.toLowerCase());
      if (at !== undefined && (fields[at] ?? '').trim() === '')
        report.problems.push({ line: row.line, code: 'CSV_EMPTY_FIELD', detail: column });
    }
    for (const key of ['id', 'account'] as const) {
      const at = index.get(key);
      const value = at === undefined ? '' : (fields[at] ?? '').trim().toLowerCase();
      if (!value) continue;
      const first = seen[key].get(value);
      if (first !== undefined)
        report.problems.push({
          line: row.line,
          code: 'CSV_DUPLICATE',
          detail: `${key === 'id' ? 'ID' : 'account'} "${value}" as in line ${first}`,
          params: { column: key === 'id' ? 'ID' : 'account', value, first },
        });
      else seen[key].set(value, row.line);
    }
  }
  return report;
}

/** One line's fields; double quotes group (a doubled quote is a quote). Runs of spaces are one separator. */
function splitFields(line: string, sep: string): { fields: string[]; unterminated: boolean } {
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

/** The text in another encoding; characters Windows-1252 cannot hold are reported by line. */
export function convertCsv(
  bytes: Uint8Array,
  target: CsvTarget,
  file = 'users.csv',
): { bytes: Buffer; unmappable: number[] } {
  const { encoding, bom } = detectEncoding(bytes, file);
  const text = new TextDecoder(encoding).decode(bytes.subarray(bom));
  if (target === 'utf-8-bom')
    return {
      bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
      unmappable: [],
    };
  if (target === 'utf-16le')
    return {
      bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      unmappable: [],
    };
  const unmappable: number[] = [];
  const out: number[] = [];
  text.split('\n').forEach((lineText, i) => {
    if (i > 0) out.push(0x0a);
    for (const ch of lineText) {
      const byte = CP1252.get(ch);
      if (byte === undefined) {
        if (!unmappable.includes(i + 1)) unmappable.push(i + 1);
        out.push(0x3f); // '?'
      } else out.push(byte);
    }
  });
  return { bytes: Buffer.from(out), unmappable };
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
