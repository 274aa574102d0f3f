import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportDatabase,
  importScript,
  runsInTransaction,
  ScriptImports,
} from '../../../src/actors/sql-script/index.js';
import { censusDifferences, takeCensus } from '../../../src/actors/sql-script/verify.js';
import { SqlConnection, withSql } from '../../../src/actors/sql-server/index.js';
import { openDb } from '../../../src/persistence/index.js';
import { sampleCatalog } from '../../../src/simulation/simulated-catalog.js';
import { runCli } from '../../support/cli.js';
import { readSim, scriptMove, start, tempState } from '../../support/runs.js';
import { type SimulatedSql, startSql, xphoneDatabase } from '../../support/sql.js';

const DATABASES = ['XPDATA', 'XPVDIR', 'XPSTATS'];

describe('the move with SQL scripts as a run', () => {
  it('exports from the old server, imports every batch once on the target, and verify counts the rows', async () => {
    const state = tempState();
    const run = await start(['--job', 'db-script', '--from', '9', '--target-version', '2016'], state);
    expect(run.code, run.stderr).toBe(0);

    const { scripts, sourceOf, target, expected } = scriptMove(state);
    for (const file of scripts) {
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file, 'utf8').split('\n', 1)[0]).toContain('for SQL Server 2016');
    }

    // The target received exactly the scripts' batches, in order, each once, in its database.
    const applied = target.scripts!.applied.map((a) => a.sql);
    expect(applied).toEqual(expected);
    expect(target.scripts!.applied.filter((a) => /^INSERT INTO \[dbo\]\.\[Users\]/m.test(a.sql))).not.toEqual(
      [],
    );
    for (const a of target.scripts!.applied.filter((x) => /^INSERT INTO/m.test(x.sql)))
      expect(DATABASES).toContain(a.database);
    expect(target.scripts!.marks).toEqual([]);
    // The operator's folders reached CREATE DATABASE.
    expect(applied.find((sql) => sql.includes('CREATE DATABASE [XPVDIR]'))).toContain(
      "FILENAME = N'D:\\SQLData\\XPVDIR.mdf'",
    );
    // Counted per batch committed with its mark: the ones a second run would repeat.
    expect(readSim(state).effects['sql-script.batch']).toBe(applied.filter(runsInTransaction).length);

    // verify's figures are the source's rows, database by database.
    const history = JSON.parse(runCli(['history', '--json', '--state', state]).stdout) as {
      journal: Array<{ kind: string; stepId: string | null; detail: Record<string, unknown> }>;
    };
    const verified = history.journal.find((j) => j.kind === 'step-done' && j.stepId === 'dbscript.verify')!
      .detail.verified as Array<{ database: string; rows: number; tables: number; modules: number }>;
    expect(verified.map((v) => v.database)).toEqual(DATABASES);
    for (const v of verified) {
      const catalog = sourceOf(v.database).catalogs![v.database]!;
      expect(v.rows).toBe(Object.values(catalog.data).reduce((n, rows) => n + rows.length, 0));
      expect(v.tables).toBe(Object.keys(catalog.data).length);
      expect(v.modules).toBe(catalog.queries.modules?.length ?? 0);
    }
  }, 60_000);

  it('refuses a target version no script is written for, with the versions it takes', async () => {
    const state = tempState();
    const run = await start(['--job', 'db-script', '--from', '9', '--target-version', '2012'], state);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--target-version/);
    expect(run.stderr).toMatch(/2014/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('verify: the census of source and target', () => {
  let source: SimulatedSql;
  let target: SimulatedSql;
  const dir = mkdtempSync(join(tmpdir(), 'xpm-move-'));
  const script = join(dir, 'XPDATA.sql');

  beforeAll(async () => {
    source = await startSql('OLDSQL', (m) => {
      m.databases.XPDATA = xphoneDatabase(m, 'XPDATA', 64);
      m.catalogs = { XPDATA: sampleCatalog('XPDATA', m.dataPath)! };
    });
    target = await startSql('NEWSQL');
    await withSql(
      source.access(),
      (c) => exportDatabase(c, { target: 2019, out: script, server: 'OLDSQL' }),
      {
        database: 'XPDATA',
      },
    );
    const store = openDb(join(dir, 'state.db'));
    await importScript(
      (db) => SqlConnection.open(target.access(), db ? { database: db } : {}),
      new ScriptImports(store),
      { file: script, server: 'NEWSQL' },
    );
    store.close();
  }, 60_000);
  afterAll(async () => {
    await source?.stop();
    await target?.stop();
  });

  const census = (sql: SimulatedSql) => withSql(sql.access(), takeCensus, { database: 'XPDATA' });

  it('finds nothing missing after a complete import', async () => {
    const [before, after] = [await census(source), await census(target)];
    expect([...before.tables.entries()]).toEqual([
      ['[dbo].[Users]', 1200],
      ['[dbo].[PhoneLines]', 1500],
    ]);
    expect([...after.tables.entries()]).toEqual([...before.tables.entries()]);
    expect(censusDifferences(before, after)).toEqual([]);
  });

  it('names a table short of rows, a missing table and a missing module', async () => {
    target.sim.update((m) => {
      const db = m.scripts!.created!.xpdata!;
      db.tables[0]!.rows -= 1000; // one INSERT batch lost
      db.tables.splice(1, 1);
      db.modules = db.modules.filter((x) => x.name !== 'FindUserByNumber');
    });
    expect(censusDifferences(await census(source), await census(target))).toEqual([
      'table [dbo].[Users]: 200 rows, source 1200',
      'table [dbo].[PhoneLines] missing',
      'module [dbo].[FindUserByNumber] missing',
    ]);
  });
});
