import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { type CsvTarget, checkUsersCsv, convertCsv } from '../../src/diagnose/index.js';
import { cliInProcess } from '../support/cli.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/users-csv/', import.meta.url));
const read = (name: string) => readFileSync(join(FIXTURES, name));
/** `convertCsv` into memory. */
function converted(source: Uint8Array, target: CsvTarget): { bytes: Buffer; unmappable: number[] } {
  const parts: Uint8Array[] = [];
  const { unmappable } = convertCsv(source, target, (b) => parts.push(Buffer.from(b)));
  return { bytes: Buffer.concat(parts), unmappable };
}

describe('users CSV for the V9 Text-Connector', () => {
  test.each([
    ['valid-semicolon.cp1252.csv', 'windows-1252', ';', 3],
    ['valid-tab.utf16le.csv', 'utf-16le', '\t', 2],
    ['valid-space.csv', 'utf-8', ' ', 1],
  ])(
    '%s is valid: columns in any order, comments, quotes; encoding and separator detected',
    (name, encoding, separator, rows) => {
      const report = checkUsersCsv(read(name), name);
      expect(report).toMatchObject({ encoding, separator, rows, problems: [] });
    },
  );

  test('every problem with its line', () => {
    expect(checkUsersCsv(read('broken.csv')).problems).toEqual([
      { line: 3, code: 'CSV_EMPTY_FIELD', detail: 'firstname' },
      expect.objectContaining({
        line: 4,
        code: 'CSV_DUPLICATE',
        params: { column: 'ID', value: '4001', first: 2 },
      }),
      expect.objectContaining({
        line: 5,
        code: 'CSV_DUPLICATE',
        detail: 'account "xphone\\max" as in line 2',
      }),
      expect.objectContaining({ line: 6, code: 'CSV_FIELD_COUNT', params: { found: 3, expected: 4 } }),
      { line: 6, code: 'CSV_EMPTY_FIELD', detail: 'account' },
      { line: 7, code: 'CSV_QUOTE', detail: 'unterminated quote' },
      expect.objectContaining({ line: 7, code: 'CSV_FIELD_COUNT', detail: '2 fields, header has 4' }),
      { line: 7, code: 'CSV_EMPTY_FIELD', detail: 'name' },
      { line: 7, code: 'CSV_EMPTY_FIELD', detail: 'account' },
    ]);
    expect(checkUsersCsv(read('no-account-column.csv')).problems).toEqual([
      { line: 1, code: 'CSV_MISSING_COLUMN', detail: 'account' },
    ]);
  });

  test('re-encoding keeps the text; Windows-1252 reports what it cannot hold', () => {
    const cp = read('valid-semicolon.cp1252.csv');
    const utf8 = converted(cp, 'utf-8-bom');
    expect([...utf8.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(utf8.bytes.toString('utf8')).toContain('Müller;Jürgen');
    expect(checkUsersCsv(utf8.bytes).problems).toEqual([]);
    expect(converted(utf8.bytes, 'windows-1252').bytes.equals(cp)).toBe(true);
    const asian = converted(read('valid-tab.utf16le.csv'), 'windows-1252');
    expect(asian.unmappable).toEqual([3]);
  });

  test('CLI: exit 1 with German line-numbered problems; --convert-to writes the file; bad input exit 2', async () => {
    const broken = await cliInProcess(['users-csv', join(FIXTURES, 'broken.csv'), '--lang', 'de']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('Zeile 3: firstname ist leer');
    expect(broken.stdout).toContain('Zeile 4: ID "4001" doppelt (wie in Zeile 2)');
    expect(broken.stdout).toContain('Zeile 6: 3 Felder, die Kopfzeile hat 4');
    const out = join(mkdtempSync(join(tmpdir(), 'xpm-csv-')), 'users.csv');
    const ok = await cliInProcess([
      'users-csv',
      join(FIXTURES, 'valid-tab.utf16le.csv'),
      '--convert-to',
      'utf-8-bom',
      '--out',
      out,
      '--json',
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      encoding: 'utf-16le',
      rows: 2,
      problems: [],
      converted: { file: out },
    });
    expect(readFileSync(out, 'utf8')).toBe(
      '\uFEFFID\tfirstname\tname\taccount\r\n2001\tÅsa\tLindström\tXPHONE\\alind\r\n2002\t電話\t太郎\tXPHONE\\taro\r\n',
    );
    const bad = await cliInProcess(['users-csv', join(FIXTURES, 'nope.csv')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('E_DIAG_PATH');
    expect(
      (
        await cliInProcess([
          'users-csv',
          join(FIXTURES, 'broken.csv'),
          '--convert-to',
          'ebcdic',
          '--out',
          out,
        ])
      ).code,
    ).toBe(2);
  });
});
