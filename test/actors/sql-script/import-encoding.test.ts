import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  importScript,
  MAX_LINE_CHARS,
  ScriptImports,
  splitScript,
} from '../../../src/actors/sql-script/index.js';
import { SqlConnection } from '../../../src/actors/sql-server/index.js';
import { XpmError } from '../../../src/errors/index.js';
import { openDb } from '../../../src/persistence/index.js';
import { cliInProcess, runCli } from '../../support/cli.js';
import { failure } from '../../support/errors.js';
import { type SimulatedSql, startSql } from '../../support/sql.js';

// Issue 23, item 3: what an SSMS "ANSI" or "Unicode" script carries reaches the server as it
// was written, or the import is refused with file and line. Never U+FFFD.
const NAME = 'Müller Straße €';
/** Windows-1252 bytes of a text (Latin-1 plus the euro sign at 0x80, all these tests need). */
const cp1252 = (text: string) => Buffer.from([...text].map((ch) => (ch === '€' ? 0x80 : ch.charCodeAt(0))));
const script = (name: string) =>
  `CREATE TABLE [dbo].[t] ([v] nvarchar(50) NULL);\r\nGO\r\nINSERT INTO [dbo].[t] ([v]) VALUES (N'${name}');\r\nGO\r\n`;

let sql: SimulatedSql;
let dir: string;
let n = 0;
beforeAll(async () => {
  sql = await startSql('SQLSRV01', (m) => {
    m.scripts = { applied: [], marks: [], reject: [] };
  });
  dir = mkdtempSync(join(tmpdir(), 'xpm-encoding-'));
});
afterAll(() => sql.stop());

function file(bytes: Uint8Array): string {
  const path = join(dir, `script${n++}.sql`);
  writeFileSync(path, bytes);
  return path;
}
const open = (database: string | undefined) => SqlConnection.open(sql.access(), database ? { database } : {});
async function imported(path: string, encoding?: 'utf-8' | 'windows-1252' | 'utf-16le'): Promise<string[]> {
  sql.sim.update((m) => {
    m.scripts = { applied: [], marks: [], reject: [] };
  });
  const imports = new ScriptImports(openDb(join(dir, `state${n++}.db`)));
  await importScript(open, imports, { file: path, server: 'SQLSRV01', ...(encoding ? { encoding } : {}) });
  return sql.sim.model.scripts!.applied.map((a) => a.sql);
}

describe('import-db reads the script in its encoding', () => {
  it('a Windows-1252 script (SSMS "ANSI") reaches the server with its umlauts and euro sign', async () => {
    const sent = await imported(file(cp1252(script(NAME))));
    expect(sent[1]).toBe(`INSERT INTO [dbo].[t] ([v]) VALUES (N'${NAME}');`);
    expect(sent.join('')).not.toContain('\uFFFD');
  });

  it('UTF-16 LE without BOM is split into its batches, not sent as one NUL-filled batch', async () => {
    const sent = await imported(file(Buffer.from(script(NAME), 'utf16le')));
    expect(sent).toHaveLength(2);
    expect(sent[1]).toContain(`N'${NAME}'`);
    expect(sent.join('')).not.toContain('\u0000');
  });

  it('UTF-16 LE with BOM and UTF-8 with BOM still work; --encoding windows-1252 is taken when asked', async () => {
    const bom16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(script(NAME), 'utf16le')]);
    expect((await imported(file(bom16)))[1]).toContain(`N'${NAME}'`);
    const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(script(NAME))]);
    expect((await imported(file(bom8)))[1]).toContain(`N'${NAME}'`);
    // Valid UTF-8 read as 1252 on request: the user asked for it, so "Ã¼" is what is meant.
    expect((await imported(file(cp1252(script('Grüße'))), 'windows-1252'))[1]).toContain("N'Grüße'");
  });

  it('--encoding utf-8 on a Windows-1252 script is refused with the line of the first bad byte; nothing is sent', async () => {
    const path = file(Buffer.concat([Buffer.from('SELECT 1;\nGO\n-- a comment\n'), cp1252(script(NAME))]));
    sql.sim.update((m) => {
      m.scripts = { applied: [], marks: [], reject: [] };
    });
    const imports = new ScriptImports(openDb(join(dir, `state${n++}.db`)));
    const error = await failure(
      importScript(open, imports, { file: path, server: 'SQLSRV01', encoding: 'utf-8' }),
    );
    expect(error.code).toBe('E_SCRIPT_ENCODING');
    expect(error.params).toMatchObject({ file: path, line: 6, encoding: 'utf-8' });
    // A chunk is decoded before any of its lines is used: here not even the first batch went.
    expect(sql.sim.model.scripts!.applied).toEqual([]);
  });

  it('a script that is UTF-8 in its first MiB and has a Windows-1252 byte later is refused at that line', () => {
    const head = `${'-- padding line to get past the sniffed first MiB\n'.repeat(30_000)}GO\n`;
    const path = file(Buffer.concat([Buffer.from(head), cp1252(script(NAME))]));
    let error: unknown;
    try {
      [...splitScript(path)];
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XpmError);
    expect((error as XpmError).params).toMatchObject({ line: 30_004 });
  });

  it('a BOM that contradicts --encoding is refused', () => {
    const path = file(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(script(NAME), 'utf16le')]));
    expect(() => [...splitScript(path, { encoding: 'utf-8' })]).toThrow(
      expect.objectContaining({ code: 'E_SCRIPT_ENCODING_BOM' }),
    );
  });

  it('the CLI refuses an unknown --encoding and reports a bad byte in German with file and line', async () => {
    const path = file(cp1252(script(NAME)));
    const unknown = await cliInProcess([
      'import-db',
      '--input',
      path,
      '--dry-run',
      '--encoding',
      'latin9',
      '--lang',
      'en',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--encoding');
    const bad = await cliInProcess([
      'import-db',
      '--input',
      path,
      '--dry-run',
      '--encoding',
      'utf-8',
      '--lang',
      'de',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('E_SCRIPT_ENCODING');
    expect(bad.stderr).toContain(`${path}:3`);
    expect(bad.stderr).toContain('--encoding windows-1252');
    const ok = await cliInProcess(['import-db', '--input', path, '--dry-run', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
  });
});

describe('import-db bounds what it holds in memory', () => {
  it(`a line longer than ${MAX_LINE_CHARS} characters is refused with its file and line`, async () => {
    const path = join(dir, 'long.sql');
    writeFileSync(path, `SELECT 1;\nSELECT '${'x'.repeat(MAX_LINE_CHARS + 10)}';\n`);
    const r = await cliInProcess(['import-db', '--input', path, '--dry-run', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('E_SCRIPT_LINE_TOO_LONG');
    expect(r.stderr).toContain(`${path}:2`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it(':r naming a folder is refused as sqlcmd would, not an internal error', async () => {
    const sub = join(dir, 'parts');
    mkdirSync(sub, { recursive: true });
    const path = join(dir, 'include-folder.sql');
    writeFileSync(path, 'SELECT 1;\nGO\n:r parts\n');
    const r = await cliInProcess([
      'import-db',
      '--input',
      path,
      '--include-dir',
      dir,
      '--dry-run',
      '--lang',
      'en',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('E_SCRIPT_INCLUDE_FOLDER');
    expect(r.stderr).toContain(`${path}:3`);
  });

  it(':r is read from the folder import-db was started in, as sqlcmd reads it; the error names both folders', async () => {
    const path = join(dir, 'with-include.sql');
    writeFileSync(join(dir, 'rows.sql'), 'SELECT 2;\n');
    writeFileSync(path, 'SELECT 1;\nGO\n:r rows.sql\nGO\n');
    const started = runCli(['import-db', '--input', path, '--dry-run', '--json'], { cwd: dir });
    expect(started.code, started.stderr).toBe(0);
    expect(JSON.parse(started.stdout).batches).toHaveLength(2);
    const elsewhere = await cliInProcess(['import-db', '--input', path, '--dry-run', '--lang', 'de']);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain('E_SCRIPT_INCLUDE_DIR');
    expect(elsewhere.stderr).toContain(`--include-dir "${dir}"`);
  });
});
