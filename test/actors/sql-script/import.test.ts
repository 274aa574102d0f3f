import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importScript, ScriptImports, splitScript } from '../../../src/actors/sql-script/index.js';
import { SqlConnection } from '../../../src/actors/sql-server/index.js';
import { XpmError } from '../../../src/errors/index.js';
import { openDb } from '../../../src/persistence/index.js';
import { CLI, cleanEnv, runCli, runCliAsync } from '../../support/cli.js';
import { type SimulatedSql, startSql } from '../../support/sql.js';

/** A script like export-db writes: database, USE, a table, 30 data batches, one `GO 3`. */
function scriptText(rows = 30): string {
  const lines = [
    '-- test import',
    ':setvar DatabaseName "XPTEST"',
    "IF DB_ID(N'$(DatabaseName)') IS NULL",
    'CREATE DATABASE [$(DatabaseName)];',
    'GO',
    'USE [$(DatabaseName)];',
    'GO',
    'CREATE TABLE [dbo].[t] ([id] int NOT NULL PRIMARY KEY, [v] nvarchar(50) NULL);',
    'GO',
  ];
  for (let i = 1; i <= rows; i++)
    lines.push(
      'SET NOCOUNT ON;',
      `INSERT INTO [dbo].[t] ([id], [v]) VALUES (${i}, N'row ${i}'),`,
      `(${1000 + i}, N'GO');`,
      'GO',
    );
  lines.push("INSERT INTO [dbo].[log] ([m]) VALUES (N'three times');", 'GO 3');
  return `${lines.join('\r\n')}\r\n`;
}

/** What the server must have applied: every batch's text, `repeat` times, in order. */
const expected = (file: string) =>
  [...splitScript(file)].flatMap((b) => Array<string>(b.repeat).fill(b.text));

let sql: SimulatedSql;
let dir: string;
let n = 0;

beforeAll(async () => {
  sql = await startSql('SQLSRV01', (m) => {
    m.scripts = { applied: [], marks: [], reject: [] };
  });
  dir = mkdtempSync(join(tmpdir(), 'xpm-import-'));
});
afterAll(() => sql.stop());

function fresh(text = scriptText()) {
  sql.sim.update((m) => {
    m.scripts = { applied: [], marks: [], reject: [] };
    delete m.databases.XPTEST;
    m.faults = [];
  });
  const file = join(dir, `script${n++}.sql`);
  writeFileSync(file, text);
  const db = openDb(join(dir, `state${n}.db`));
  return { file, imports: new ScriptImports(db), state: join(dir, `state${n}.db`) };
}
const open = (database: string | undefined) => SqlConnection.open(sql.access(), database ? { database } : {});
const applied = () => sql.sim.model.scripts!.applied.map((a) => a.sql);

describe('import-db against the simulated SQL Server', () => {
  it('sends exactly the batches of the script, each GO n time, in the database the script chose', async () => {
    const { file, imports } = fresh();
    const result = await importScript(open, imports, { file, server: 'SQLSRV01' });
    expect(applied()).toEqual(expected(file));
    expect(result).toMatchObject({ batches: 34, units: 36, resumedAt: 0, alreadyDone: false });
    const scripts = sql.sim.model.scripts!;
    expect(scripts.applied[0]!.database).toBe('master');
    expect(new Set(scripts.applied.slice(1).map((a) => a.database))).toEqual(new Set(['XPTEST']));
    expect(scripts.marks).toEqual([]); // cleared at the end
    // The same command again: nothing to do, nothing sent.
    const again = await importScript(open, imports, { file, server: 'SQLSRV01' });
    expect(again.alreadyDone).toBe(true);
    expect(applied()).toHaveLength(36);
  });

  it('stops at a refused batch with its file and line, rolled back; after the fix it continues there', async () => {
    const { file, imports } = fresh();
    sql.sim.update((m) => {
      m.scripts!.reject.push({
        match: 'VALUES \\(7,',
        number: 547,
        line: 2,
        message: 'The INSERT statement conflicted.',
      });
    });
    const error = await importScript(open, imports, { file, server: 'SQLSRV01' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XpmError);
    const batch7 = [...splitScript(file)].find((b) => b.text.includes('VALUES (7,'))!;
    expect((error as XpmError).code).toBe('E_IMPORT_BATCH_FAILED');
    expect((error as XpmError).params).toMatchObject({
      file,
      line: batch7.startLine + 1,
      number: 547,
      batch: batch7.index + 1,
    });
    expect(applied()).toEqual(expected(file).slice(0, batch7.index));
    expect(imports.list()[0]).toMatchObject({ status: 'failed', unitsDone: batch7.index, inFlight: false });

    sql.sim.update((m) => {
      m.scripts!.reject = [];
    });
    const result = await importScript(open, imports, { file, server: 'SQLSRV01' });
    expect(result.resumedAt).toBe(batch7.index);
    expect(applied()).toEqual(expected(file));
  });

  it('refuses to continue a script whose imported part changed', async () => {
    const { file, imports } = fresh();
    sql.sim.update((m) => {
      m.scripts!.reject.push({
        match: 'VALUES \\(20,',
        number: 2627,
        line: 1,
        message: 'Violation of PRIMARY KEY.',
      });
    });
    await expect(importScript(open, imports, { file, server: 'SQLSRV01' })).rejects.toThrow();
    writeFileSync(file, readFileSync(file, 'utf8').replace("N'row 3'", "N'row three'"));
    const error = await importScript(open, imports, { file, server: 'SQLSRV01' }).catch((e: unknown) => e);
    expect((error as XpmError).code).toBe('E_IMPORT_SCRIPT_CHANGED');
  });
});

describe('import-db killed with SIGKILL', () => {
  // The SQL login through the environment: a password in --server is refused.
  const server = () => `Server=127.0.0.1,${sql.sim.port}`;
  const login = (extra: NodeJS.ProcessEnv = {}) =>
    cleanEnv({ XPMIGRATE_SQL_USER: 'sa', XPMIGRATE_SQL_PASSWORD: 'Sa-Passw0rd!', ...extra });
  const args = (file: string, state: string) => [
    'import-db',
    '--server',
    server(),
    '--input',
    file,
    '--state',
    state,
    '--json',
  ];

  for (const [point, settled] of [
    ['after-commit', 'marked'],
    ['before-commit', 'rolled-back'],
  ] as const) {
    it(`at unit 10 ${point}: the resumed import settles it as ${settled} and runs no batch twice`, async () => {
      const { file, state } = fresh();
      const killed = await runCliAsync(args(file, state), {
        env: login({ XPMIGRATE_FAULT: `import-db@10:${point}` }),
      });
      expect(killed.signal).toBe('SIGKILL');
      expect(applied()).toEqual(expected(file).slice(0, point === 'after-commit' ? 11 : 10));

      const resumed = await runCliAsync(args(file, state), { env: login() });
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(JSON.parse(resumed.stdout)).toMatchObject({ resumedAt: 10, settled, units: 36 });
      expect(applied()).toEqual(expected(file));
    });
  }

  it('at a random moment while batches run: resumed, every batch exactly once', async () => {
    const { file, state } = fresh(scriptText(60));
    sql.sim.update((m) => {
      m.faults.push({ kind: 'delay', match: 'INSERT', ms: 15 });
    });
    const child: ChildProcess = spawn(process.execPath, [CLI, ...args(file, state)], {
      env: login(),
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_, signal) => r(signal)));
    const deadline = Date.now() + 30_000;
    while ((sql.sim.model.scripts?.applied.length ?? 0) < 25 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const before = applied().length;
    expect(before).toBeGreaterThanOrEqual(25);
    expect(before).toBeLessThan(expected(file).length);

    const resumed = await runCliAsync(args(file, state), { env: login() });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(applied()).toEqual(expected(file));
  });

  it('--dry-run --json lists the batches with startLine and repeat without connecting', () => {
    const { file } = fresh();
    const r = runCli(['import-db', '--input', file, '--dry-run', '--json', '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    const listed = JSON.parse(r.stdout) as {
      batches: Array<{ startLine: number; repeat: number }>;
      units: number;
    };
    expect(listed.batches).toHaveLength(34);
    expect(listed.batches.slice(0, 4).map((b) => b.startLine)).toEqual([1, 6, 8, 10]);
    expect(listed.batches.at(-1)!.repeat).toBe(3);
    expect(listed.units).toBe(36);
    expect(applied()).toEqual([]);
  });

  it('a script error is reported in German or English with file and line, no stack trace', () => {
    const file = join(dir, 'broken.sql');
    writeFileSync(file, "SELECT 1\nGO\nSELECT N'open\n");
    const r = runCli(['import-db', '--input', file, '--dry-run', '--lang', 'de']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('E_SCRIPT_UNTERMINATED');
    expect(r.stderr).toContain(`${file}:3`);
    expect(r.stderr).toContain('nie geschlossen');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
