import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locate, runsInTransaction, splitScript } from '../../../src/actors/sql-script/index.js';
import { XpmError } from '../../../src/errors/index.js';

const dir = mkdtempSync(join(tmpdir(), 'xpm-split-'));
let n = 0;
function script(text: string, name = `s${n++}.sql`, encoding: 'utf8' | 'utf16le' = 'utf8'): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    encoding === 'utf16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) : text,
  );
  return file;
}
const split = (file: string, vars?: Record<string, string>) => [...splitScript(file, vars ? { vars } : {})];
function failure(run: () => unknown): XpmError {
  try {
    run();
  } catch (error) {
    if (error instanceof XpmError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('the SQLCMD splitter', () => {
  it('splits at GO lines only outside strings and comments, with GO n and the first line of each batch', () => {
    const file = script(
      [
        'SET NOCOUNT ON;', // 1
        'go', // 2
        '', // 3
        "INSERT t VALUES (N'line one", // 4
        'GO', // 5: inside the string
        "it''s line three');", // 6
        '  GO 3  -- three times', // 7
        '/* a comment', // 8
        'GO', // 9: inside the comment
        '/* nested */ still comment */', // 10
        'SELECT [GO', // 11
        'GO] FROM x -- GO', // 12
        'GO', // 13
        '   ', // 14
        'GO', // 15: a blank batch is not sent
        'SELECT 2', // 16: no GO at the end
      ].join('\n'),
    );
    const batches = split(file);
    expect(batches.map((b) => [b.startLine, b.repeat, b.text])).toEqual([
      [1, 1, 'SET NOCOUNT ON;'],
      [4, 3, "INSERT t VALUES (N'line one\nGO\nit''s line three');"],
      [8, 1, '/* a comment\nGO\n/* nested */ still comment */\nSELECT [GO\nGO] FROM x -- GO'],
      [16, 1, 'SELECT 2'],
    ]);
    expect(batches.map((b) => b.index)).toEqual([0, 1, 2, 3]);
    expect(batches.at(-1)!.offset).toBe(statSync(file).size);
  });

  it('substitutes $(var) from :setvar, and --var wins over :setvar; quotes in values are doubled', () => {
    const file = script(
      [
        ':setvar DatabaseName "XPDATA"',
        ':setvar DataPath "C:\\Data\\"',
        ':setvar Quote "say ""hi"""',
        "CREATE DATABASE [$(DatabaseName)] ON (FILENAME = N'$(DataPath)$(DatabaseName).mdf') -- $(Quote)",
        'GO',
      ].join('\r\n'),
    );
    expect(split(file)[0]!.text).toBe(
      `CREATE DATABASE [XPDATA] ON (FILENAME = N'C:\\Data\\XPDATA.mdf') -- say "hi"`,
    );
    expect(split(file, { datapath: 'D:\\SQL\\' })[0]!.text).toContain("N'D:\\SQL\\XPDATA.mdf'");
    const undefinedVar = failure(() => split(script("SELECT 1\nSELECT N'$(Missing)'\nGO")));
    expect(undefinedVar.code).toBe('E_SCRIPT_VARIABLE');
    expect(undefinedVar.params).toMatchObject({ line: 2, detail: 'Missing' });
  });

  it('reads :r includes from the start folder, as sqlcmd does; a batch may span files and lines map back', () => {
    mkdirSync(join(dir, 'parts'), { recursive: true });
    script(['INSERT t VALUES (2);', 'INSERT t VALUES (3);'].join('\n'), 'parts/rows.sql');
    const main = script(
      ['INSERT t VALUES (1);', ':r parts/rows.sql', 'INSERT t VALUES (4);', 'GO'].join('\n'),
    );
    const [batch] = [...splitScript(main, { includeDir: dir })];
    expect(batch!.text).toBe(
      'INSERT t VALUES (1);\nINSERT t VALUES (2);\nINSERT t VALUES (3);\nINSERT t VALUES (4);',
    );
    expect(locate(batch!, 1)).toEqual({ file: main, line: 1 });
    expect(locate(batch!, 3)).toEqual({ file: join(dir, 'parts/rows.sql'), line: 2 });
    expect(locate(batch!, 4)).toEqual({ file: main, line: 3 });

    // sqlcmd reads a relative :r from the folder it was started in, not the script's: started
    // elsewhere, the include beside the script is not taken silently, and the error says where.
    const elsewhere = mkdtempSync(join(tmpdir(), 'xpm-cwd-'));
    const wrongStart = failure(() => [...splitScript(main, { includeDir: elsewhere })]);
    expect(wrongStart.code).toBe('E_SCRIPT_INCLUDE_DIR');
    expect(wrongStart.params).toMatchObject({
      line: 2,
      detail: 'parts/rows.sql',
      dir: elsewhere,
      beside: dir,
    });
    // A nested include is read from the start folder too (not from parts/).
    script(':r parts/rows.sql\n', 'parts/nested.sql');
    const nested = script(':r parts/nested.sql\nGO\n');
    expect([...splitScript(nested, { includeDir: dir })][0]!.text).toBe(
      'INSERT t VALUES (2);\nINSERT t VALUES (3);',
    );

    const missing = failure(() => [
      ...splitScript(script('SELECT 1\nGO\n:r "nope.sql"\n'), { includeDir: dir }),
    ]);
    expect([missing.code, missing.params.line, missing.params.detail, missing.params.dir]).toEqual([
      'E_SCRIPT_INCLUDE',
      3,
      'nope.sql',
      dir,
    ]);
    const selfFile = join(dir, 'self.sql');
    script(':r self.sql\n', 'self.sql');
    expect(failure(() => [...splitScript(selfFile, { includeDir: dir })]).code).toBe('E_SCRIPT_INCLUDE');
  });

  it('attaches :on error to the batches that follow; exit is the default', () => {
    const file = script('SELECT 1\nGO\n:on error ignore\nSELECT 2\nGO\n:ON ERROR EXIT\nSELECT 3\n');
    expect(split(file).map((b) => b.onError)).toEqual(['exit', 'ignore', 'exit']);
  });

  it('names the file and line where an unterminated string, identifier or comment begins', () => {
    const cases: Array<[string, number, string]> = [
      ["SELECT 1\nGO\nSELECT N'open\nGO\nSELECT 2\n", 3, "'"],
      ['SELECT 1\n/* open /* nested */\nGO\n', 2, '/*'],
      ['SELECT [open\n', 1, '['],
    ];
    for (const [text, line, detail] of cases) {
      const error = failure(() => split(script(text)));
      expect([error.code, error.params.line, error.params.detail]).toEqual([
        'E_SCRIPT_UNTERMINATED',
        line,
        detail,
      ]);
    }
  });

  it('refuses SQLCMD commands it does not run, and bad GO counts, with file and line', () => {
    for (const [text, code, line] of [
      ['SELECT 1\nGO\n:connect other\n', 'E_SCRIPT_COMMAND', 3],
      ['!!del *.*\n', 'E_SCRIPT_COMMAND', 1],
      ['SELECT 1\nGO 0\n', 'E_SCRIPT_SYNTAX', 2],
      [':setvar\n', 'E_SCRIPT_SYNTAX', 1],
    ] as const) {
      const error = failure(() => split(script(text)));
      expect([error.code, error.params.line]).toEqual([code, line]);
    }
  });

  it('reads UTF-16 LE with BOM (SSMS "Unicode") and CRLF like UTF-8', () => {
    const text = "SELECT N'Grüße – 日本'\r\nGO 2\r\n:r inc16.sql\r\nGO\r\n";
    script("PRINT N'included ✓'\r\n", 'inc16.sql', 'utf16le');
    const file = script(text, 'u16.sql', 'utf16le');
    const batches = [...splitScript(file, { includeDir: dir })];
    expect(batches.map((b) => [b.text, b.repeat, b.startLine])).toEqual([
      ["SELECT N'Grüße – 日本'", 2, 1],
      ["PRINT N'included ✓'", 1, 1],
    ]);
    expect(batches.at(-1)!.offset).toBe(statSync(file).size);
  });

  it('keeps CREATE DATABASE, BACKUP and transaction control out of the import transaction', () => {
    expect(runsInTransaction("INSERT t VALUES (N'CREATE DATABASE x') -- ROLLBACK")).toBe(true);
    expect(runsInTransaction('CREATE PROCEDURE p AS /* BACKUP */ SELECT 1')).toBe(true);
    expect(runsInTransaction("IF DB_ID(N'x') IS NULL\nCREATE DATABASE [x]")).toBe(false);
    expect(runsInTransaction('ALTER DATABASE [x] SET COMPATIBILITY_LEVEL = 120')).toBe(false);
    expect(runsInTransaction('BEGIN TRAN; UPDATE t SET a = 1; COMMIT')).toBe(false);
  });
});
