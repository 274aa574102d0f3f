import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  dataQuery,
  exportDatabase,
  importScript,
  readCatalog,
  ScriptImports,
  SESSION_OPTIONS,
  splitScript,
} from '../../../src/actors/sql-script/index.js';
import { SqlConnection, withSql } from '../../../src/actors/sql-server/index.js';
import { XpmError } from '../../../src/errors/index.js';
import { openDb } from '../../../src/persistence/index.js';
import type { CatalogRow, SqlCatalog } from '../../../src/simulation/index.js';
import { catalogColumn, primaryKeyIndex } from '../../../src/simulation/simulated-catalog.js';
import { cleanEnv, runCliAsync } from '../../support/cli.js';
import { type SimulatedSql, startSql, xphoneDatabase } from '../../support/sql.js';

const GOLDEN = new URL('./golden/', import.meta.url);
const hexOf = (value: number, bytes: 4 | 8) => {
  const b = Buffer.alloc(bytes);
  if (bytes === 8) b.writeDoubleBE(value);
  else b.writeFloatBE(value);
  return `0x${b.toString('hex').toUpperCase()}`;
};

const col = catalogColumn;

const EVERY = '[dbo].[Every Type]';
const HOSTILE = '[sales].[Order]]s]';

/** Every column type, hostile names and values, every object kind. */
function fixture(): SqlCatalog {
  const columns: CatalogRow[] = [
    col(101, 1, 'id', 'int', { nullable: false, isIdentity: true, seed: '1', increment: '1' }),
    col(101, 2, 'c_char', 'char', { maxLength: 10, collation: 'Latin1_General_CI_AS' }),
    col(101, 3, 'c_varchar', 'varchar', { maxLength: -1, collation: 'Latin1_General_CI_AS' }),
    col(101, 4, 'c_text', 'text', { collation: 'Latin1_General_CI_AS' }),
    col(101, 5, 'c_nchar', 'nchar', { maxLength: 10, collation: 'Latin1_General_CI_AS' }),
    col(101, 6, 'c_nvarchar', 'nvarchar', { maxLength: 200, collation: 'Latin1_General_100_CI_AS_SC' }),
    col(101, 7, 'c_ntext', 'ntext', { collation: 'Latin1_General_CI_AS' }),
    col(101, 8, 'c_xml', 'xml'),
    col(101, 9, 'c_binary', 'binary', { maxLength: 4 }),
    col(101, 10, 'c_varbinary', 'varbinary', { maxLength: -1 }),
    col(101, 11, 'c_image', 'image'),
    col(101, 12, 'c_bit', 'bit'),
    col(101, 13, 'c_tinyint', 'tinyint'),
    col(101, 14, 'c_smallint', 'smallint'),
    col(101, 15, 'c_bigint', 'bigint'),
    col(101, 16, 'c_decimal', 'decimal', { precision: 38, scale: 10 }),
    col(101, 17, 'c_numeric', 'numeric', { precision: 5, scale: 2 }),
    col(101, 18, 'c_money', 'money'),
    col(101, 19, 'c_smallmoney', 'smallmoney'),
    col(101, 20, 'c_float', 'float'),
    col(101, 21, 'c_real', 'real', { precision: 24 }),
    col(101, 22, 'c_date', 'date'),
    col(101, 23, 'c_datetime', 'datetime'),
    col(101, 24, 'c_datetime2', 'datetime2', { scale: 7 }),
    col(101, 25, 'c_smalldatetime', 'smalldatetime'),
    col(101, 26, 'c_dto', 'datetimeoffset', { scale: 7 }),
    col(101, 27, 'c_time', 'time', { scale: 3 }),
    col(101, 28, 'c_guid', 'uniqueidentifier', {
      nullable: false,
      rowGuid: true,
      defaultName: 'DF_Every_guid',
      defaultDefinition: '(newsequentialid())',
    }),
    col(101, 29, 'c_hier', 'hierarchyid'),
    col(101, 30, 'c_geo', 'geography'),
    col(101, 31, 'c_rv', 'timestamp', { nullable: false }),
    col(101, 32, 'c_computed', 'int', { computed: '([c_tinyint]*(2))', persisted: true }),
    col(101, 33, 'c_sparse', 'int', { sparse: true }),
    col(102, 1, 'id', 'bigint', { nullable: false }),
    col(102, 2, 'every_id', 'int'),
    col(102, 3, `it's "quoted"`, 'nvarchar', { collation: 'Latin1_General_CI_AS' }),
    col(102, 4, 'Grüße_日本]', 'float', { defaultName: 'DF_Order]s_x', defaultDefinition: '((1.5))' }),
  ];
  const hostileText = `it's "GO"\nGO\n:r evil.sql\n$(DataPath) ]] [x] -- /* Grüße 日本 🙂 \u0000 end\ttab`;
  const everyRow = [
    '1',
    'chars     ',
    'ASCII only',
    'old text',
    'Äöü  ',
    hostileText,
    'ntext ✓',
    '<a b="1">x &amp; y</a>',
    '0x00FF10AB',
    '0x',
    '0xDEADBEEF',
    '1',
    '255',
    '-32768',
    '-9223372036854775808',
    '1234567890123456789012345678.0123456789',
    '-123.45',
    '-922337203685477.5808',
    '214748.3647',
    hexOf(0.1, 8),
    hexOf(Math.fround(3.4e38), 4),
    '0001-01-01',
    '1753-01-01T00:00:00.003',
    '9999-12-31T23:59:59.9999999',
    '2024-02-29T23:59:00',
    '2024-06-30T12:34:56.1234567+05:45',
    '23:59:59.997',
    '6F9619FF-8B86-D011-B42D-00C04FD430C8',
    '0x5AC0',
    '0xE610000001148716D9CEF7D34740D7A3703D0A975EC0',
    '0',
  ];
  const nullRow = ['2', ...Array<null>(30).fill(null), '0'];
  nullRow[27] = 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11';
  const queries: Record<string, CatalogRow[]> = {
    database: [{ name: 'XPDATA', collation: 'Latin1_General_CI_AS', compatibilityLevel: 150 }],
    files: [
      {
        name: 'XPDATA',
        physicalName: 'C:\\SQL\\DATA\\XPDATA.mdf',
        type: 'ROWS',
        size: 1024,
        growth: 8192,
        percentGrowth: false,
      },
      {
        name: 'XPDATA_log',
        physicalName: 'L:\\LOG\\XPDATA_log.ldf',
        type: 'LOG',
        size: 256,
        growth: 10,
        percentGrowth: true,
      },
    ],
    schemas: [{ name: 'sales' }, { name: "we'ird]" }],
    tables: [
      { id: 101, schemaName: 'dbo', name: 'Every Type', temporalType: 0, memoryOptimized: 0, rowCount: 2 },
      { id: 102, schemaName: 'sales', name: 'Order]s', temporalType: 0, memoryOptimized: 0, rowCount: 3 },
    ],
    columns,
    indexes: [
      {
        tableId: 101,
        id: 1,
        name: 'PK_Every',
        type: 'CLUSTERED',
        primaryKey: true,
        uniqueConstraint: false,
        isUnique: true,
        filter: null,
        fillFactor: 90,
        ignoreDupKey: false,
      },
      {
        tableId: 102,
        id: 1,
        name: 'IX_Order]s_every',
        type: 'CLUSTERED',
        primaryKey: false,
        uniqueConstraint: false,
        isUnique: false,
        filter: null,
        fillFactor: 0,
        ignoreDupKey: false,
      },
      { ...primaryKeyIndex(102, 'PK_Order]s'), id: 2, type: 'NONCLUSTERED' },
      {
        tableId: 102,
        id: 3,
        name: 'UQ_quoted',
        type: 'NONCLUSTERED',
        primaryKey: false,
        uniqueConstraint: true,
        isUnique: true,
        filter: null,
        fillFactor: 0,
        ignoreDupKey: false,
      },
      {
        tableId: 102,
        id: 4,
        name: 'IX_filtered',
        type: 'NONCLUSTERED',
        primaryKey: false,
        uniqueConstraint: false,
        isUnique: true,
        filter: '([every_id] IS NOT NULL)',
        fillFactor: 0,
        ignoreDupKey: true,
      },
    ],
    indexColumns: [
      { tableId: 101, indexId: 1, name: 'id', descending: false, included: false },
      { tableId: 102, indexId: 1, name: 'every_id', descending: false, included: false },
      { tableId: 102, indexId: 2, name: 'id', descending: false, included: false },
      { tableId: 102, indexId: 3, name: `it's "quoted"`, descending: false, included: false },
      { tableId: 102, indexId: 4, name: 'every_id', descending: true, included: false },
      { tableId: 102, indexId: 4, name: 'Grüße_日本]', descending: false, included: true },
    ],
    foreignKeys: [
      {
        id: 201,
        tableId: 102,
        name: 'FK_Order]s_Every',
        refSchema: 'dbo',
        refTable: 'Every Type',
        onDelete: 'CASCADE',
        onUpdate: 'NO_ACTION',
        disabled: false,
        notTrusted: false,
      },
    ],
    foreignKeyColumns: [{ foreignKeyId: 201, name: 'every_id', refName: 'id' }],
    checks: [
      { tableId: 102, name: 'CK_positive', definition: '([id]>(0))', disabled: false, notTrusted: false },
      {
        tableId: 102,
        name: 'CK_off',
        definition: "([it's \"quoted\"]<>N'x')",
        disabled: true,
        notTrusted: true,
      },
    ],
    modules: [
      {
        id: 301,
        schemaName: 'sales',
        name: 'vOrders',
        type: 'V',
        definition: 'CREATE VIEW [sales].[vOrders] AS\nSELECT id FROM [sales].[Order]]s]\n',
        ansiNulls: true,
        quotedIdentifier: true,
      },
      {
        id: 302,
        schemaName: 'dbo',
        name: 'fDouble',
        type: 'FN',
        definition: 'CREATE FUNCTION dbo.fDouble (@x int) RETURNS int AS\nBEGIN RETURN @x * 2 END',
        ansiNulls: true,
        quotedIdentifier: true,
      },
      {
        id: 303,
        schemaName: 'dbo',
        name: 'pReport',
        type: 'P',
        definition: "CREATE PROCEDURE dbo.pReport AS\nSELECT N'cost: $(Price)';\nGO\n",
        ansiNulls: true,
        quotedIdentifier: true,
      },
      {
        id: 304,
        schemaName: 'sales',
        name: 'trOrders',
        type: 'TR',
        definition: 'CREATE TRIGGER sales.trOrders ON [sales].[Order]]s] AFTER INSERT AS\nSET NOCOUNT ON;',
        ansiNulls: false,
        quotedIdentifier: true,
      },
    ],
    unscripted: [
      {
        sequences: 0,
        synonyms: 0,
        userTypes: 0,
        xmlSchemaCollections: 0,
        partitionFunctions: 0,
        fulltextIndexes: 0,
        assemblies: 0,
        databaseTriggers: 0,
      },
    ],
  };
  return {
    queries,
    data: {
      [EVERY]: [everyRow, nullRow],
      [HOSTILE]: [
        ['1', '1', "O'Brien", hexOf(1e-300, 8)],
        ['2', '1', 'GO', hexOf(-0.30000000000000004, 8)],
        ['3', null, null, null],
      ],
    },
  };
}

let sql: SimulatedSql;
let dir: string;
let version: string;
beforeAll(async () => {
  sql = await startSql('SQLSRV01', (m) => {
    m.databases.XPDATA = xphoneDatabase(m, 'XPDATA', 64);
    m.catalogs = { XPDATA: fixture() };
  });
  dir = mkdtempSync(join(tmpdir(), 'xpm-export-'));
  version = sql.sim.model.version;
});
afterAll(() => sql.stop());
// A test that changes the source server's catalog or version gets the fixture back afterwards.
afterEach(() =>
  sql.sim.update((m) => {
    m.catalogs = { XPDATA: fixture() };
    m.version = version;
  }),
);

const source = () => SqlConnection.open(sql.access(), { database: 'XPDATA' });
async function exportTo(target: 2014 | 2022, extra: Partial<Parameters<typeof exportDatabase>[1]> = {}) {
  const out = join(dir, `export-${target}.sql`);
  const c = await source();
  try {
    const result = await exportDatabase(c, {
      target,
      out,
      server: 'SQLSRV01',
      at: '2026-11-29T00:00:00.000Z',
      ...extra,
    });
    return { out, result, text: readFileSync(out, 'utf8') };
  } finally {
    await c.close();
  }
}

/** Imports a script into a fresh simulated server (D:\\Data\\ and L:\\LOG\\ there): the server, and the units run. */
async function importedInto(name: string, out: string): Promise<{ target: SimulatedSql; units: number }> {
  const target = await startSql(name, (m) => {
    m.scripts = { applied: [], marks: [], reject: [] };
    m.folders = ['D:\\Data\\', 'L:\\LOG\\'];
  });
  try {
    const open = (database: string | undefined) =>
      SqlConnection.open(target.access(), database ? { database } : {});
    const result = await importScript(open, new ScriptImports(openDb(join(dir, `${name}.db`))), {
      file: out,
      server: name,
      vars: { DataPath: 'D:\\Data\\' },
    });
    return { target, units: result.units };
  } catch (error) {
    await target.stop();
    throw error;
  }
}

type Facts = { engineEdition: number; version: string };

/**
 * An export for `target` (the target server's facts when given): "block: …" with the findings it
 * refused on, else the severities of its findings of `code`, or "none".
 */
async function exportVerdict(target: 2014 | 2016 | 2019, code: string, facts?: Facts): Promise<string> {
  const c = await source();
  try {
    const r = await exportDatabase(c, {
      target,
      out: join(dir, `${code}-${target}.sql`),
      server: 'SQLSRV01',
      ...(facts ? { facts: { filestreamLevel: 2, ...facts } } : {}),
    }).catch((e: unknown) => e);
    if (r instanceof XpmError) return `block: ${String(r.params.findings)}`;
    const severities = (r as { findings: Array<{ code: string; severity: string }> }).findings
      .filter((f) => f.code === code)
      .map((f) => f.severity);
    return severities.join() || 'none';
  } finally {
    await c.close();
  }
}

describe('export-db', () => {
  it('writes the golden script for SQL Server 2014: every type, every object kind, hostile names and values', async () => {
    const { text, result } = await exportTo(2014);
    const golden = new URL('export-2014.sql', GOLDEN);
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, 'utf8'));
    expect(result).toMatchObject({ tables: 2, rows: 5, inserts: 2 });
    expect(result.findings.map((f) => [f.severity, f.code, f.object])).toEqual([
      ['warn', 'compatibility', 'XPDATA'],
      ['warn', 'not-carried-rowversion', '[dbo].[Every Type]'],
    ]);
    // Nothing the 2014 target lacks.
    expect(text).not.toMatch(/CREATE OR ALTER|IF EXISTS/i);
    expect(text).toContain('SET COMPATIBILITY_LEVEL = 120;');
  });

  it('asks for every value in an exact text form, in key order', async () => {
    const c = await source();
    try {
      const catalog = await readCatalog(c);
      const golden = new URL('data-queries.sql', GOLDEN);
      const text = `${catalog.tables.map(dataQuery).join('\n')}\n`;
      if (process.env.UPDATE_GOLDEN) writeFileSync(golden, text);
      expect(text).toBe(readFileSync(golden, 'utf8'));
    } finally {
      await c.close();
    }
  });

  it('writes literals that read back as the same values', async () => {
    const { text } = await exportTo(2014);
    expect(text).toContain('1E-1'); // 0.1 as the shortest round-trip text
    expect(Number('1E-1')).toBe(0.1);
    expect(text).toContain('-3.0000000000000004E-1');
    expect(text).toContain('3.3999999521443642E+38'); // the real, as a double that rounds back to it
    expect(Math.fround(3.3999999521443642e38)).toBe(Math.fround(3.4e38));
    // A string with line breaks, NUL, GO and $( never spans a line and holds no SQLCMD variable.
    expect(text).toContain(
      `N'it''s "GO"' + NCHAR(10) + N'GO' + NCHAR(10) + N':r evil.sql' + NCHAR(10) + N'$' + N'(DataPath) ]] [x] -- /* Grüße 日本 🙂 ' + NCHAR(0) + N' end\ttab'`,
    );
    expect(text).toContain("'2024-06-30T12:34:56.1234567+05:45'");
    expect(text).toContain('CAST(0x5AC0 AS hierarchyid)');
  });

  it('is imported batch for batch: the splitter finds exactly the batches the exporter wrote', async () => {
    const { out, result } = await exportTo(2022);
    const batches = [...splitScript(out)];
    expect(batches).toHaveLength(result.batches);
    expect(batches.every((b) => b.repeat === 1)).toBe(true);
    const target = await startSql('SQLSRV02', (m) => {
      m.scripts = { applied: [], marks: [], reject: [] };
      m.folders = ['D:\\Data\\', 'L:\\LOG\\']; // --var DataPath, and the script's LogPath: both exist there
    });
    try {
      const imports = new ScriptImports(openDb(join(dir, 'import.db')));
      const open = (database: string | undefined) =>
        SqlConnection.open(target.access(), database ? { database } : {});
      await importScript(open, imports, { file: out, server: 'SQLSRV02', vars: { DataPath: 'D:\\Data\\' } });
      const applied = target.sim.model.scripts!.applied;
      expect(applied.map((a) => a.sql)).toEqual(
        [...splitScript(out, { vars: { DataPath: 'D:\\Data\\' } })].map((b) => b.text),
      );
      expect(applied[1]!.sql).toContain("FILENAME = N'D:\\Data\\XPDATA.mdf'");
      expect(applied.at(-1)!.database).toBe('XPDATA');
    } finally {
      await target.stop();
    }
  });

  it('creates each object after what it refers to (sys.sql_expression_dependencies), so a server accepts every batch', async () => {
    const module = (id: number, name: string, type: string, definition: string) => ({
      id,
      schemaName: 'dbo',
      name,
      type,
      definition,
      ansiNulls: true,
      quotedIdentifier: true,
    });
    sql.sim.update((m) => {
      const q = m.catalogs!.XPDATA!.queries;
      q.modules!.push(
        module(
          305,
          'fTag',
          'FN',
          "CREATE FUNCTION [dbo].[fTag] (@id bigint) RETURNS nvarchar(20) AS\nBEGIN RETURN N'#' + CAST(@id AS nvarchar(19)) END",
        ),
        module(
          306,
          'vNewest',
          'V',
          'CREATE VIEW [dbo].[vNewest] AS\nSELECT TOP (1) id FROM [dbo].[vAll] ORDER BY id DESC',
        ),
        module(307, 'vAll', 'V', 'CREATE VIEW [dbo].[vAll] AS\nSELECT id FROM [dbo].[Every Type]'),
        module(
          308,
          'fValid',
          'FN',
          'CREATE FUNCTION [dbo].[fValid] (@x tinyint) RETURNS bit AS\nBEGIN RETURN 1 END',
        ),
      );
      // [sales].[Order]]s] gets a computed column calling fTag; Every Type a CHECK calling fValid.
      q.columns!.push(col(102, 5, 'tag', 'nvarchar', { computed: '([dbo].[fTag]([id]))', persisted: false }));
      q.checks!.push({
        tableId: 101,
        name: 'CK_valid',
        definition: '([dbo].[fValid]([c_tinyint])=(1))',
        disabled: false,
        notTrusted: false,
      });
      q.dependencies = [
        { referencingId: 102, referencedId: 305 },
        { referencingId: 306, referencedId: 307 },
        { referencingId: 307, referencedId: 101 },
        { referencingId: 101, referencedId: 308 },
      ];
    });
    const { out } = await exportTo(2022);
    const batches = [...splitScript(out)].map((b) => b.text);
    const at = (text: string) => batches.findIndex((b) => b.includes(text));
    expect(at('CREATE FUNCTION [dbo].[fTag]')).toBeLessThan(at('CREATE TABLE [sales].[Order]]s]'));
    expect(at('CREATE FUNCTION [dbo].[fValid]')).toBeLessThan(at('CREATE TABLE [dbo].[Every Type]'));
    expect(at('CREATE VIEW [dbo].[vAll]')).toBeLessThan(at('CREATE VIEW [dbo].[vNewest]'));
    // The trigger still comes after the data, which it must not see arrive.
    expect(at('CREATE TRIGGER')).toBeGreaterThan(at('INSERT INTO [sales].[Order]]s]'));
    const { target, units } = await importedInto('SQLSRVDEP', out);
    try {
      expect(units).toBe(batches.length);
      // Out of order, the same server refuses them, as SQL Server does at CREATE time.
      await withSql(target.access(), async (c) => {
        const view = await c
          .batch('CREATE VIEW [dbo].[v1] AS SELECT id FROM [dbo].[v2]')
          .catch((e: unknown) => e);
        expect(String(view)).toContain("Invalid object name 'dbo.v2'");
        const table = await c
          .batch('CREATE TABLE [dbo].[t1] ([id] int, [tag] AS ([dbo].[fTag]([id])))')
          .catch((e: unknown) => e);
        expect(String(table)).toContain('Msg 4121');
      });
    } finally {
      await target.stop();
    }
  });

  it('splits a large table into INSERTs of at most 1,000 rows, each its own batch with IDENTITY_INSERT', async () => {
    sql.sim.update((m) => {
      m.catalogs!.XPDATA!.data[EVERY] = Array.from({ length: 2500 }, (_, i) => [
        String(i + 1),
        ...Array<null>(30).fill(null),
        '0',
      ]);
    });
    try {
      const tables: Array<[string, number, boolean]> = [];
      const { text, result } = await exportTo(2022, {
        onTable: (p) => tables.push([p.table, p.rows, p.done]),
      });
      expect(result.rows).toBe(2503);
      expect(text.match(/^INSERT INTO \[dbo\]\.\[Every Type\]/gm)).toHaveLength(3);
      expect(text.match(/^SET IDENTITY_INSERT \[dbo\]\.\[Every Type\] ON;$/gm)).toHaveLength(3);
      expect(tables.filter(([t]) => t === EVERY).map(([, rows, done]) => [rows, done])).toEqual([
        [0, false],
        [1000, false],
        [2000, false],
        [2500, false],
        [2500, true],
      ]);
    } finally {
      sql.sim.update((m) => {
        m.catalogs!.XPDATA = fixture();
      });
    }
  });

  it('refuses, before writing anything, what the target version cannot hold', async () => {
    const out = join(dir, 'kept.sql');
    writeFileSync(out, 'the previous export\n');
    sql.sim.update((m) => {
      const q = m.catalogs!.XPDATA!.queries;
      q.modules![0]!.definition = "CREATE VIEW v AS SELECT STRING_AGG(name, N',') AS n FROM t";
      q.unscripted![0]!.sequences = 2;
    });
    try {
      const c = await source();
      const error = await exportDatabase(c, { target: 2016, out, server: 'SQLSRV01' }).catch(
        (e: unknown) => e,
      );
      await c.close();
      expect(error).toBeInstanceOf(XpmError);
      expect((error as XpmError).code).toBe('E_EXPORT_TARGET');
      expect(String((error as XpmError).params.findings)).toBe(
        '[sales].[vOrders] (newer-syntax); XPDATA (unscripted-sequences)',
      );
      expect(readFileSync(out, 'utf8')).toBe('the previous export\n');
      expect(existsSync(`${out}.${process.pid}.partial`)).toBe(false);
    } finally {
      sql.sim.update((m) => {
        m.catalogs!.XPDATA = fixture();
      });
    }
  });

  it('a version-140 collation (2017+) is refused for an older target, in the database or a column', async () => {
    sql.sim.update((m) => {
      const q = m.catalogs!.XPDATA!.queries;
      q.columns![0]!.collation = 'Japanese_XJIS_140_CI_AS';
    });
    for (const [target, refused] of [
      [2016, true],
      [2017, false],
    ] as const) {
      const c = await source();
      const error = await exportDatabase(c, {
        target,
        out: join(dir, `c${target}.sql`),
        server: 'SQLSRV01',
      }).catch((e: unknown) => e);
      await c.close();
      if (refused) expect(String((error as XpmError).params.findings)).toMatch(/\(collation-140\)/);
      else expect(error).not.toBeInstanceOf(XpmError);
    }
  });

  it('carries what it can (identity values, disabled indexes and triggers, database options) and names what it cannot', async () => {
    sql.sim.update((m) => {
      const q = m.catalogs!.XPDATA!.queries;
      Object.assign(q.database![0]!, {
        recovery: 'SIMPLE',
        readCommittedSnapshot: true,
        snapshotIsolation: 1,
      });
      // Rows up to 1005 were inserted at the source and the last ones deleted: ids go on at 1006.
      q.columns!.find((c) => c.tableId === 101 && c.name === 'id')!.lastValue = '1005';
      q.indexes!.find((i) => i.name === 'IX_filtered')!.disabled = true;
      Object.assign(q.modules!.find((x) => x.type === 'TR')!, {
        disabled: 1,
        parentSchema: 'sales',
        parentName: 'Order]s',
      });
      q.notCarried = [{ principals: 3, permissions: 7, extendedProperties: 2 }];
    });
    const { out, text, result } = await exportTo(2022);
    expect(text).toContain('ALTER DATABASE [$(DatabaseName)] SET RECOVERY SIMPLE;');
    expect(text).toContain('ALTER DATABASE [$(DatabaseName)] SET READ_COMMITTED_SNAPSHOT ON;');
    expect(text).toContain('ALTER DATABASE [$(DatabaseName)] SET ALLOW_SNAPSHOT_ISOLATION ON;');
    expect(text).toContain(
      "IF EXISTS (SELECT 1 FROM [dbo].[Every Type]) DBCC CHECKIDENT (N'[dbo].[Every Type]', RESEED, 1005) WITH NO_INFOMSGS;\nELSE DBCC CHECKIDENT (N'[dbo].[Every Type]', RESEED, 1006) WITH NO_INFOMSGS;",
    );
    expect(text).toContain('ALTER INDEX [IX_filtered] ON [sales].[Order]]s] DISABLE;');
    expect(text).toContain('ALTER TABLE [sales].[Order]]s] DISABLE TRIGGER [trOrders];');
    const batches = [...splitScript(out)].map((b) => b.text);
    const at = (needle: string) => batches.findIndex((b) => b.includes(needle));
    // The reseed after the data (the inserts would move it again), the trigger disabled after its creation.
    expect(at('DBCC CHECKIDENT')).toBeGreaterThan(at('INSERT INTO [dbo].[Every Type]'));
    expect(at('DISABLE TRIGGER')).toBeGreaterThan(at('CREATE TRIGGER'));
    expect(
      result.findings.filter((f) => f.code.startsWith('not-carried')).map((f) => [f.code, f.text.en]),
    ).toEqual([
      [
        'not-carried-security',
        "The script does not carry the database's 3 users/roles and 7 permissions: create them on the target (step 2a makes the XPhone service account db_owner).",
      ],
      ['not-carried-extended-properties', 'The script does not carry 2 extended properties (descriptions).'],
      [
        'not-carried-rowversion',
        'The target server assigns new rowversion values: an application that stored old ones sees every row as changed.',
      ],
    ]);
    // A target takes every batch.
    const { target, units } = await importedInto('SQLSRVOPT', out);
    await target.stop();
    expect(units).toBe(batches.length);
  });

  it('a columnstore index is a finding where the target edition cannot create it (Enterprise only before 2016 SP1)', async () => {
    sql.sim.update((m) => {
      const q = m.catalogs!.XPDATA!.queries;
      q.indexes!.push({
        ...primaryKeyIndex(102, 'NCCI_Orders'),
        id: 9,
        type: 'NONCLUSTERED COLUMNSTORE',
        primaryKey: false,
        isUnique: false,
      });
      q.indexColumns!.push({ tableId: 102, indexId: 9, name: 'id', descending: false, included: false });
    });
    const findings = (target: 2014 | 2016 | 2019, facts?: Facts) =>
      exportVerdict(target, 'columnstore', facts);
    // SQL Server 2014 Standard, the guide's oldest target: refused before a byte is written.
    expect(await findings(2014, { engineEdition: 2, version: '12.0.6024.0' })).toContain('(columnstore)');
    expect(await findings(2014, { engineEdition: 3, version: '12.0.6024.0' })).toBe('none');
    expect(await findings(2016, { engineEdition: 2, version: '13.0.1601.5' })).toContain('(columnstore)'); // RTM
    expect(await findings(2016, { engineEdition: 4, version: '13.0.4001.0' })).toBe('none'); // SP1 Express
    expect(await findings(2014)).toBe('warn'); // edition unknown without --target-server
    expect(await findings(2019)).toBe('none');
  });

  it('a module written as CREATE OR ALTER needs 2016 SP1: an RTM target refuses it', async () => {
    sql.sim.update((m) => {
      const fn = m.catalogs!.XPDATA!.queries.modules!.find((x) => x.name === 'fDouble')!;
      fn.definition = String(fn.definition).replace('CREATE FUNCTION', 'CREATE OR ALTER FUNCTION');
    });
    const codes = (target: 2014 | 2016 | 2019, version?: string) =>
      exportVerdict(target, 'newer-syntax', version ? { engineEdition: 2, version } : undefined);
    expect(await codes(2014)).toBe('block: [dbo].[fDouble] (newer-syntax)');
    expect(await codes(2016, '13.0.1601.5')).toBe('block: [dbo].[fDouble] (newer-syntax)');
    expect(await codes(2016, '13.0.4001.0')).toBe('none');
    expect(await codes(2016)).toBe('warn');
    expect(await codes(2019)).toBe('none');
  });

  it('a SQL Server 2008 R2 source is read without sys.sequences, which it does not have (208)', async () => {
    sql.sim.update((m) => {
      m.version = '10.50.6000.34';
    });
    const c = await source();
    const result = await exportDatabase(c, {
      target: 2014,
      out: join(dir, 'r2.sql'),
      server: 'SQLSRV01',
    }).catch((e: unknown) => e);
    await c.close();
    expect(result).not.toBeInstanceOf(Error);
    expect(sql.sim.received.some((r) => /sys\.sequences/i.test(r.sql))).toBe(false);
  });

  it('a compatibility level below 100 becomes 100, which a 2014+ server accepts (it refuses 90: 15048)', async () => {
    sql.sim.update((m) => {
      m.catalogs!.XPDATA!.queries.database![0]!.compatibilityLevel = 90; // a SQL Server 2005 database
    });
    const target = await startSql('SQLSRV14', (m) => {
      m.version = '12.0.6024.0';
      m.scripts = { applied: [], marks: [], reject: [] };
      m.folders = ['C:\\SQL\\DATA\\', 'L:\\LOG\\'];
    });
    try {
      const out = join(dir, 'compat-2014.sql');
      const c = await source();
      const result = await exportDatabase(c, { target: 2014, out, server: 'SQLSRV01' }).finally(() =>
        c.close(),
      );
      expect(readFileSync(out, 'utf8')).toContain('SET COMPATIBILITY_LEVEL = 100;');
      expect(result.findings).toContainEqual(
        expect.objectContaining({ code: 'compatibility', severity: 'warn' }),
      );
      const imports = new ScriptImports(openDb(join(dir, 'compat.db')));
      const open = (database: string | undefined) =>
        SqlConnection.open(target.access(), database ? { database } : {});
      await importScript(open, imports, { file: out, server: 'SQLSRV14' });
      const e = await withSql(target.access(), (c2) =>
        c2.batch('ALTER DATABASE [XPDATA] SET COMPATIBILITY_LEVEL = 90;'),
      ).catch((error: unknown) => error);
      expect(String((e as Error).message)).toContain(
        'Valid values of the database compatibility level are 100, 110, 120',
      );
    } finally {
      await target.stop();
      sql.sim.update((m) => {
        m.catalogs!.XPDATA = fixture();
      });
    }
  });

  it('data and index batches set the options a filtered index needs (sqlcmd starts with QUOTED_IDENTIFIER OFF: 1934)', async () => {
    const { out, text } = await exportTo(2022);
    expect(text).toContain('sqlcmd -I -f 65001');
    const batches = [...splitScript(out, { vars: { DataPath: 'D:\\Data\\', LogPath: 'L:\\LOG\\' } })].map(
      (b) => b.text,
    );
    const filtered = batches.find((b) => /CREATE .*INDEX[^;]*WHERE/.test(b))!;
    expect(filtered.split('\n')[0]).toBe(SESSION_OPTIONS);
    expect(batches.filter((b) => /^INSERT INTO/m.test(b)).every((b) => b.startsWith(SESSION_OPTIONS))).toBe(
      true,
    );
    const target = await startSql('SQLSRVQI', (m) => {
      m.scripts = { applied: [], marks: [], reject: [] };
    });
    try {
      await withSql(target.access(), async (c) => {
        await c.batch('SET QUOTED_IDENTIFIER OFF;'); // as a plain sqlcmd session starts
        const bare = filtered.split('\n').slice(1).join('\n');
        const refused = await c.batch(bare).catch((e: unknown) => e);
        expect(String((refused as Error).message)).toContain('QUOTED_IDENTIFIER');
        await c.batch(filtered); // with its own SET line it runs in the same session
      });
    } finally {
      await target.stop();
    }
  });

  it('files smaller than the model database are raised to its 8 MB (a 2016+ server refuses less: 1803)', async () => {
    sql.sim.update((m) => {
      for (const f of m.catalogs!.XPDATA!.queries.files!) f.size = 128; // 1 MB, as a small 2008 database
    });
    const target = await startSql('SQLSRV19', (m) => {
      m.scripts = { applied: [], marks: [], reject: [] };
      m.folders = ['C:\\SQL\\DATA\\', 'L:\\LOG\\'];
    });
    try {
      const out = join(dir, 'small.sql');
      const c = await source();
      await exportDatabase(c, { target: 2019, out, server: 'SQLSRV01' }).finally(() => c.close());
      const create = [...splitScript(out)].find((b) => b.text.includes('CREATE DATABASE'))!.text;
      expect(create.match(/SIZE = \d+KB/g)).toEqual(['SIZE = 8192KB', 'SIZE = 8192KB']);
      const open = (database: string | undefined) =>
        SqlConnection.open(target.access(), database ? { database } : {});
      await importScript(open, new ScriptImports(openDb(join(dir, 'small.db'))), {
        file: out,
        server: 'SQLSRV19',
      });
      // The same CREATE DATABASE with the source's 1 MB, on a server without the database.
      target.sim.update((m) => {
        delete m.databases.XPDATA;
      });
      const e = await withSql(target.access(), (c2) =>
        c2.batch(create.replace(/SIZE = 8192KB/, 'SIZE = 1024KB')),
      ).catch((error: unknown) => error);
      expect(String((e as Error).message)).toContain('must be at least 8 MB');
    } finally {
      await target.stop();
      sql.sim.update((m) => {
        m.catalogs!.XPDATA = fixture();
      });
    }
  });

  it('an encrypted module (definition NULL) is an unscripted object, not a TypeError', async () => {
    sql.sim.update((m) => {
      // sys.sql_modules shows NULL for a module created WITH ENCRYPTION.
      (m.catalogs!.XPDATA!.queries.modules![0]! as { definition: string | null }).definition = null;
    });
    try {
      const c = await source();
      const error = await exportDatabase(c, {
        target: 2019,
        out: join(dir, 'enc.sql'),
        server: 'SQLSRV01',
      }).catch((e: unknown) => e);
      await c.close();
      expect(error).toBeInstanceOf(XpmError);
      expect((error as XpmError).code).toBe('E_EXPORT_TARGET');
      expect(String((error as XpmError).params.findings)).toBe('XPDATA (unscripted-encrypted modules)');
    } finally {
      sql.sim.update((m) => {
        m.catalogs!.XPDATA = fixture();
      });
    }
  });

  it('reads a column type as sys.columns and sys.types give it: CLR types by user_type_id, alias types as their base type', async () => {
    sql.sim.update((m) => {
      const catalog = m.catalogs!.XPDATA!;
      // CREATE TYPE [dbo].[Phone] FROM nvarchar(40): user_type_id 257, system_type_id 231.
      catalog.aliases = { 257: 'Phone' };
      catalog.queries.columns!.push(
        col(
          102,
          5,
          'phone',
          { alias: 'Phone', userTypeId: 257, of: 'nvarchar' },
          {
            maxLength: 80,
            collation: 'Latin1_General_CI_AS',
          },
        ),
      );
      catalog.data[HOSTILE] = catalog.data[HOSTILE]!.map((row) => [...row, '+49 621 1']);
    });
    const c = await source();
    const out = join(dir, 'types.sql');
    await exportDatabase(c, { target: 2019, out, server: 'SQLSRV01' });
    await c.close();
    const script = readFileSync(out, 'utf8');
    expect(script).toContain('[phone] nvarchar(40)');
    expect(script).toContain('[c_hier] hierarchyid');
    expect(script).toContain('[c_geo] geography');
    expect(script).not.toContain('Phone');
  });

  it('an XML or spatial index is an unscripted object, not a CREATE XML INDEX … (c ASC) a server refuses', async () => {
    sql.sim.update((m) => {
      const q = m.catalogs!.XPDATA!.queries;
      q.indexes!.push({
        tableId: 101,
        id: 90,
        name: 'PXML_Every Type',
        type: 'XML',
        primaryKey: false,
        uniqueConstraint: false,
        isUnique: false,
        filter: null,
        fillFactor: 0,
        ignoreDupKey: false,
      });
      q.indexColumns!.push({ tableId: 101, indexId: 90, name: 'id', descending: false, included: false });
    });
    const c = await source();
    const out = join(dir, 'xml.sql');
    const error = await exportDatabase(c, { target: 2019, out, server: 'SQLSRV01' }).catch((e: unknown) => e);
    await c.close();
    expect((error as XpmError).code).toBe('E_EXPORT_TARGET');
    expect(String((error as XpmError).params.findings)).toBe('XPDATA (unscripted-xml or spatial indexes)');
    expect(existsSync(out)).toBe(false);
  });

  it('xpmigrate export-db writes the script and says what it wrote; a bad target version is refused', async () => {
    // The SQL login through the environment: a password in --server is refused.
    const server = `Server=127.0.0.1,${sql.sim.port}`;
    const env = cleanEnv({ XPMIGRATE_SQL_USER: 'sa', XPMIGRATE_SQL_PASSWORD: 'Sa-Passw0rd!' });
    const out = join(dir, 'cli.sql');
    const args = ['export-db', '--server', server, '--database', 'XPDATA', '--out', out, '--lang', 'en'];
    const r = await runCliAsync([...args, '--target-version', '2016'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Script ${out} for SQL Server 2016: 2 tables, 5 rows in 2 INSERTs`);
    expect(r.stderr).toContain('[sales].[Order]]s] [####################] 3 rows');
    expect(r.stderr).toContain(
      'Compatibility level 150 does not exist on SQL Server 2016; the script sets 130.',
    );
    expect(readFileSync(out, 'utf8')).toContain('SET COMPATIBILITY_LEVEL = 130;');
    const bad = await runCliAsync([...args, '--target-version', '2012', '--lang', 'de'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('E_INPUT_CHOICE');
  });
});
