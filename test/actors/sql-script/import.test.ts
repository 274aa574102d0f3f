import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  importScript,
  runsInTransaction,
  ScriptImports,
  splitScript,
} from '../../../src/actors/sql-script/index.js';
import { SqlConnection } from '../../../src/actors/sql-server/index.js';
import { XpmError } from '../../../src/errors/index.js';
import { openDb } from '../../../src/persistence/index.js';
import { restartServer } from '../../../src/simulation/index.js';
import { CLI, cleanEnv, cliInProcess, runCliAsync } from '../../support/cli.js';
import { type SimulatedSql, startSql, xphoneDatabase } from '../../support/sql.js';

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

/** Dies where `at` says, as a process killed there would: the store keeps the unit in flight. */
const killedAt = (unit: number, point: 'before-commit' | 'after-commit') => ({
  at: (u: number, p: string) => {
    if (u === unit && p === point) throw new Error(`killed at ${unit} ${point}`);
  },
});

describe("import-db across a restart of the SQL Server and with sqlcmd's own rules", () => {
  it('keeps its marks in the database the script fills: a restart (tempdb emptied) between a commit and its checkpoint runs nothing twice', async () => {
    const { file, imports } = fresh();
    await expect(
      importScript(open, imports, { file, server: 'SQLSRV01', ...killedAt(10, 'after-commit') }),
    ).rejects.toThrow('killed at 10');
    expect(applied()).toEqual(expected(file).slice(0, 11));
    // Unit 1 (USE) started in master: its mark is in tempdb. Unit 10 started in XPTEST: there.
    expect(sql.sim.model.scripts!.marks.map((m) => [m.table, m.unit])).toEqual([
      ['tempdb', 1],
      ['XPTEST', 10],
    ]);
    sql.sim.update(restartServer);
    const result = await importScript(open, imports, { file, server: 'SQLSRV01' });
    expect(result).toMatchObject({ resumedAt: 10, settled: 'marked', units: 36 });
    expect(applied()).toEqual(expected(file));
    expect(sql.sim.model.scripts!.marks).toEqual([]); // nothing of the import left in XPTEST
  });

  it('a unit the restart rolled back is sent again, once', async () => {
    const { file, imports } = fresh();
    await expect(
      importScript(open, imports, { file, server: 'SQLSRV01', ...killedAt(10, 'before-commit') }),
    ).rejects.toThrow();
    expect(applied()).toEqual(expected(file).slice(0, 10));
    sql.sim.update(restartServer);
    const result = await importScript(open, imports, { file, server: 'SQLSRV01' });
    expect(result).toMatchObject({ resumedAt: 10, settled: 'rolled-back' });
    expect(applied()).toEqual(expected(file));
  });

  it('a BEGIN TRAN in a procedure body does not take the CREATE PROCEDURE batch out of the transaction', async () => {
    const proc = [
      '-- the body runs when called',
      'CREATE PROCEDURE [dbo].[Move] @id int AS',
      'BEGIN TRAN;',
      "UPDATE [dbo].[t] SET [v] = N'moved' WHERE [id] = @id;",
      'COMMIT;',
    ].join('\r\n');
    expect(runsInTransaction(proc)).toBe(true);
    expect(runsInTransaction('BEGIN TRAN;\r\nUPDATE [dbo].[t] SET [v] = 1;\r\nCOMMIT;')).toBe(false);
    expect(runsInTransaction("SELECT N'CREATE PROCEDURE';\r\nBACKUP LOG [x] TO DISK = N'x'")).toBe(false);
    const text = scriptText(3).replace('GO 3\r\n', `GO 3\r\n${proc}\r\nGO\r\n`);
    const { file, imports } = fresh(text);
    const procUnit = expected(file).indexOf(expected(file).find((b) => b.includes('CREATE PROCEDURE'))!);
    await expect(
      importScript(open, imports, { file, server: 'SQLSRV01', ...killedAt(procUnit, 'after-commit') }),
    ).rejects.toThrow();
    // Marked in its transaction, so the resume knows it committed (unmarked, it would have to ask).
    const result = await importScript(open, imports, { file, server: 'SQLSRV01' });
    expect(result.settled).toBe('marked');
    expect(applied()).toEqual(expected(file));
  });

  it('sends what SQL Server refuses in a transaction (226, 3021, 574) outside one, and the rest in one', async () => {
    const text = [
      'CREATE DATABASE [XPTEST];',
      'GO',
      'ALTER DATABASE [XPTEST] SET RECOVERY SIMPLE; -- not in a transaction: 226',
      'GO',
      'USE [XPTEST];',
      'GO',
      "INSERT INTO [dbo].[t] ([v]) VALUES (N'ALTER DATABASE in a string is data');",
      'GO',
      '',
    ].join('\r\n');
    const { file, imports } = fresh(text);
    await importScript(open, imports, { file, server: 'SQLSRV01' });
    expect(sql.sim.model.scripts!.applied.map((b) => b.failed ?? null)).toEqual([null, null, null, null]);
    // The same statements inside a transaction are refused as a real server refuses them.
    const c = await open('XPTEST');
    try {
      for (const [statement, number] of [
        ['ALTER DATABASE [XPTEST] SET RECOVERY FULL;', 226],
        ["BACKUP LOG [XPTEST] TO DISK = N'x.trn';", 3021],
        ['RECONFIGURE;', 574],
      ] as const) {
        const refused = await c.transaction((t) => t.batch(statement)).catch((e: unknown) => e);
        expect(String(refused)).toContain(`Msg ${number}`);
      }
    } finally {
      await c.close();
    }
  });

  it('checks before the first batch whether it may keep its marks in the database; a writer-only login marks in tempdb', async () => {
    /** XPTEST exists; the login may write rows there (db_datawriter), not create tables. */
    const writerOnly = () =>
      sql.sim.update((m) => {
        m.logins['XPHONE\\writer'] = { windows: true, password: 'pw' };
        m.databases.XPTEST = xphoneDatabase(m, 'XPTEST', 16);
        m.databases.XPTEST.users['XPHONE\\writer'] = { login: 'XPHONE\\writer', roles: ['db_datawriter'] };
      });
    const asWriter = (database: string | undefined) =>
      SqlConnection.open(sql.access({ credentials: { user: 'XPHONE\\writer', password: 'pw' } }), {
        database: database ?? 'XPTEST',
      });
    const rows = [
      'INSERT INTO [dbo].[t] ([id]) VALUES (1);',
      'GO',
      'INSERT INTO [dbo].[t] ([id]) VALUES (2);',
      'GO',
      '',
    ];
    const { file, imports } = fresh(rows.join('\r\n'));
    writerOnly();
    const result = await importScript(asWriter, imports, { file, server: 'SQLSRV01' });
    expect(result.tempdbMarks).toEqual(['XPTEST']);
    expect(applied()).toHaveLength(2);
    // The same login may not create objects there: the server refuses, with the batch's place.
    const ddl = fresh('CREATE TABLE [dbo].[u] ([id] int);\r\nGO\r\n');
    writerOnly();
    const refused = await importScript(asWriter, ddl.imports, { file: ddl.file, server: 'SQLSRV01' }).catch(
      (e: unknown) => e,
    );
    expect((refused as XpmError).params).toMatchObject({ number: 262, line: 1 });
  });

  it('the simulator parses a script batch far enough to refuse what SQL Server refuses before running it', async () => {
    fresh();
    const c = await open(undefined);
    try {
      for (const [batch, number, line] of [
        ["SELECT N'never closed;\nGO", 105, 1],
        ['SELECT 1 /* open\n', 113, 1],
        ['SELECT (1 + 2;', 102, 1],
        ['SELECT 1);', 102, 1],
        ['SET ANSI_NULLS ON;\nCREATE PROCEDURE [dbo].[p] AS SELECT 1;', 111, 2],
        ['CREATE XML INDEX [x] ON [dbo].[t] ([c] ASC);', 102, 1],
      ] as const) {
        const e = (await c.batch(batch).catch((error: unknown) => error)) as {
          failures?: Array<{ number: number; line: number }>;
        };
        expect(e.failures?.[0], batch).toMatchObject({ number, line });
      }
      // What is well-formed passes: a module first in its batch (after a comment), strings with ( and '.
      await c.batch("-- a comment\nCREATE PROCEDURE [dbo].[q] AS SELECT N'(it''s';");
      expect(applied()).toHaveLength(1);
    } finally {
      await c.close();
    }
  });

  it(':on error ignore keeps what a failed batch did, as sqlcmd does, and goes on', async () => {
    const text = [
      'CREATE DATABASE [XPTEST];',
      'GO',
      'USE [XPTEST];',
      'GO',
      ':on error ignore',
      'INSERT INTO [dbo].[t] ([id]) VALUES (1);\r\nINSERT INTO [dbo].[t] ([id]) VALUES (1);\r\nINSERT INTO [dbo].[t] ([id]) VALUES (2);',
      'GO',
      'SET XACT_ABORT ON;\r\nINSERT INTO [dbo].[t] ([id]) VALUES (3);\r\nINSERT INTO [dbo].[t] ([id]) VALUES (3);',
      'GO',
      'INSERT INTO [dbo].[t] ([id]) VALUES (4);',
      'GO',
      '',
    ].join('\r\n');
    const { file, imports } = fresh(text);
    sql.sim.update((m) => {
      // A duplicate key ends only its statement; under XACT_ABORT ON it ends the transaction.
      m.scripts!.reject.push(
        {
          match: 'VALUES \\(1\\);\\s+INSERT',
          number: 2627,
          line: 2,
          message: 'Violation of PRIMARY KEY constraint.',
        },
        {
          match: 'XACT_ABORT ON',
          number: 2627,
          line: 3,
          message: 'Violation of PRIMARY KEY constraint.',
          aborts: 'transaction',
        },
      );
    });
    const result = await importScript(open, imports, { file, server: 'SQLSRV01' });
    expect(result.ignored.map((f) => [f.batch, f.line, f.number])).toEqual([
      [3, 7, 2627],
      [4, 12, 2627],
    ]);
    const batches = sql.sim.model.scripts!.applied;
    // Each batch ran once and stayed: the first committed with its mark, the second (its
    // transaction gone with XACT_ABORT) again without one, as sqlcmd's autocommit would have.
    expect(batches.map((b) => [b.sql.split(/\r?\n/)[0], b.failed ?? null])).toEqual([
      ['CREATE DATABASE [XPTEST];', null],
      ['USE [XPTEST];', null],
      ['INSERT INTO [dbo].[t] ([id]) VALUES (1);', 2627],
      ['SET XACT_ABORT ON;', 2627],
      ['INSERT INTO [dbo].[t] ([id]) VALUES (4);', null],
    ]);
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

  it('--dry-run --json lists the batches with startLine and repeat without connecting', async () => {
    const { file } = fresh();
    const r = await cliInProcess(['import-db', '--input', file, '--dry-run', '--json', '--lang', 'en']);
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

  it('a script error is reported in German or English with file and line, no stack trace', async () => {
    const file = join(dir, 'broken.sql');
    writeFileSync(file, "SELECT 1\nGO\nSELECT N'open\n");
    const r = await cliInProcess(['import-db', '--input', file, '--dry-run', '--lang', 'de']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('E_SCRIPT_UNTERMINATED');
    expect(r.stderr).toContain(`${file}:3`);
    expect(r.stderr).toContain('nie geschlossen');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
