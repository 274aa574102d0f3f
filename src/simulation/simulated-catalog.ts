import type { CatalogRow, SqlCatalog } from './sql-server/model.js';
import { typeIds } from './sql-server/types.js';

/** A column of an alias type (CREATE TYPE [name] FROM base): listed in the catalog's `aliases`. */
export interface AliasType {
  alias: string;
  userTypeId: number;
  of: string;
}

/** A column of a sample table: name, type, and what differs from a nullable plain column. */
type ColumnSpec = [name: string, type: string, more?: Partial<CatalogRow>];

interface TableSpec {
  name: string;
  columns: ColumnSpec[];
  rows: number;
  /** Row i (from 1) in the text form the export's data query reads. */
  row(i: number): Array<string | null>;
}

interface ModuleSpec {
  name: string;
  type: 'V' | 'P';
  definition: string;
}

const identity = { nullable: false, isIdentity: true, seed: '1', increment: '1' };
const text = (maxLength: number, nullable = false) => ({
  maxLength,
  nullable,
  collation: 'Latin1_General_CI_AS',
});
const at = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString().slice(0, 19);

/** The sample databases: enough tables, rows and modules to make a script move worth rehearsing. */
const SAMPLES: Record<string, { tables: TableSpec[]; modules: ModuleSpec[] }> = {
  XPDATA: {
    tables: [
      {
        name: 'Users',
        columns: [
          ['Id', 'int', identity],
          ['Login', 'nvarchar', text(200)],
          ['DisplayName', 'nvarchar', text(400)],
          ['Email', 'nvarchar', text(512, true)],
          ['Created', 'datetime2', { nullable: false, scale: 0 }],
        ],
        rows: 1200,
        row: (i) => [
          String(i),
          `user${i}`,
          i % 50 === 0 ? `O'Brien-Müller ${i}` : `User ${i}`,
          i % 7 === 0 ? null : `user${i}@example.com`,
          at(i),
        ],
      },
      {
        name: 'PhoneLines',
        columns: [
          ['Id', 'int', identity],
          ['UserId', 'int', { nullable: false }],
          ['Number', 'nvarchar', text(80)],
          ['IsPrimary', 'bit', { nullable: false }],
        ],
        rows: 1500,
        row: (i) => [String(i), String(((i - 1) % 1200) + 1), `+49 621 ${100000 + i}`, i <= 1200 ? '1' : '0'],
      },
    ],
    modules: [
      {
        name: 'UserLines',
        type: 'V',
        definition:
          'CREATE VIEW [dbo].[UserLines] AS SELECT u.[Login], l.[Number] FROM [dbo].[Users] AS u JOIN [dbo].[PhoneLines] AS l ON l.[UserId] = u.[Id]',
      },
      {
        name: 'FindUserByNumber',
        type: 'P',
        definition:
          'CREATE PROCEDURE [dbo].[FindUserByNumber] @number nvarchar(40) AS SELECT [Login] FROM [dbo].[UserLines] WHERE [Number] = @number',
      },
    ],
  },
  XPVDIR: {
    tables: [
      {
        name: 'Contacts',
        columns: [
          ['Id', 'int', identity],
          ['Name', 'nvarchar', text(400)],
          ['Company', 'nvarchar', text(400, true)],
          ['Phone', 'nvarchar', text(80)],
        ],
        rows: 800,
        row: (i) => [
          String(i),
          `Kontakt ${i}`,
          i % 3 === 0 ? null : `Firma ${i % 40} GmbH`,
          `+49 30 ${200000 + i}`,
        ],
      },
    ],
    modules: [],
  },
  XPSTATS: {
    tables: [
      {
        name: 'CallRecords',
        columns: [
          ['Id', 'bigint', identity],
          ['UserId', 'int', { nullable: false }],
          ['StartedAt', 'datetime2', { nullable: false, scale: 0 }],
          ['DurationSec', 'int', { nullable: false }],
          ['Direction', 'char', text(1)],
        ],
        rows: 2500,
        row: (i) => [String(i), String((i % 1200) + 1), at(i), String((i * 37) % 900), i % 2 ? 'I' : 'O'],
      },
    ],
    modules: [],
  },
};

/** PhoneLines.UserId → Users.Id (table ids follow the sample's order from 100). */
const USER_FK: CatalogRow = {
  id: 300,
  tableId: 101,
  name: 'FK_PhoneLines_Users',
  refSchema: 'dbo',
  refTable: 'Users',
  onDelete: 'CASCADE',
  onUpdate: 'NO_ACTION',
  disabled: false,
  notTrusted: false,
};

/** Default lengths as sys.columns reports them (bytes; -1 = max); other types use an explicit one. */
const LENGTHS: Record<string, number> = {
  int: 4,
  bigint: 8,
  bit: 1,
  float: 8,
  real: 4,
  datetime2: 8,
  nvarchar: 200,
  varchar: -1,
};

/** A row of export-db's `indexes` query: a clustered primary key, index 1. */
export function primaryKeyIndex(tableId: number, name: string): CatalogRow {
  return {
    tableId,
    id: 1,
    name,
    type: 'CLUSTERED',
    primaryKey: true,
    uniqueConstraint: false,
    isUnique: true,
    filter: null,
    fillFactor: 0,
    ignoreDupKey: false,
  };
}

/**
 * A row of sys.columns as export-db's `columns` query reads it: a nullable plain column unless
 * `more` says otherwise. It holds the type's ids, not its name: the simulator names the type as
 * the query's own expression does (`catalog.ts`), so a query that names it wrong reads NULL.
 */
export function catalogColumn(
  tableId: number,
  id: number,
  name: string,
  type: string | AliasType,
  more: Partial<CatalogRow> = {},
): CatalogRow {
  const base = typeof type === 'string' ? type : type.of;
  return {
    tableId,
    id,
    name,
    ...typeIds(type),
    maxLength: LENGTHS[base] ?? 16,
    precision: base === 'float' ? 53 : 0,
    scale: 0,
    nullable: true,
    collation: null,
    isIdentity: false,
    seed: null,
    increment: null,
    computed: null,
    persisted: null,
    defaultName: null,
    defaultDefinition: null,
    rowGuid: false,
    sparse: false,
    filestream: false,
    ...more,
  };
}

/**
 * What the rehearsal's old server answers to export-db's catalog queries for an XPhone database
 * (an illustration with the shape of one, not the vendor's schema). Undefined for other names.
 */
export function sampleCatalog(database: string, dataPath: string): SqlCatalog | undefined {
  const sample = SAMPLES[database];
  if (!sample) return undefined;
  const tables = sample.tables.map((t, i) => ({ ...t, id: 100 + i }));
  const catalog: SqlCatalog = {
    queries: {
      database: [
        {
          name: database,
          collation: 'Latin1_General_CI_AS',
          compatibilityLevel: 120,
          recovery: database === 'XPSTATS' ? 'SIMPLE' : 'FULL',
          readCommittedSnapshot: database === 'XPDATA',
          snapshotIsolation: 0,
        },
      ],
      files: [
        {
          name: database,
          physicalName: `${dataPath}${database}.mdf`,
          type: 'ROWS',
          size: 1024,
          growth: 8192,
        },
        {
          name: `${database}_log`,
          physicalName: `${dataPath}${database}_log.ldf`,
          type: 'LOG',
          size: 256,
          growth: 10,
        },
      ].map((f, i) => ({ ...f, percentGrowth: i === 1 })),
      schemas: [],
      tables: tables.map((t) => ({
        id: t.id,
        schemaName: 'dbo',
        name: t.name,
        temporalType: 0,
        memoryOptimized: 0,
        rowCount: t.rows,
      })),
      // The identity stands past the last row where rows at the end were deleted (+25).
      columns: tables.flatMap((t) =>
        t.columns.map(([name, type, more], i) =>
          catalogColumn(
            t.id,
            i + 1,
            name,
            type,
            more?.isIdentity ? { ...more, lastValue: String(t.rows + 25) } : more,
          ),
        ),
      ),
      indexes: [
        ...tables.map((t) => primaryKeyIndex(t.id, `PK_${t.name}`)),
        // An index an administrator disabled: it stays disabled on the new server.
        ...(database === 'XPDATA'
          ? [
              {
                ...primaryKeyIndex(101, 'IX_PhoneLines_UserId'),
                id: 2,
                type: 'NONCLUSTERED',
                primaryKey: false,
                isUnique: false,
                disabled: true,
              },
            ]
          : []),
      ],
      indexColumns: [
        ...tables.map((t) => ({
          tableId: t.id,
          indexId: 1,
          name: 'Id',
          descending: false,
          included: false,
        })),
        ...(database === 'XPDATA'
          ? [{ tableId: 101, indexId: 2, name: 'UserId', descending: false, included: false }]
          : []),
      ],
      foreignKeys: database === 'XPDATA' ? [USER_FK] : [],
      // UserLines (500) reads Users and PhoneLines; FindUserByNumber (501) reads UserLines.
      dependencies:
        database === 'XPDATA'
          ? [
              { referencingId: 500, referencedId: 100 },
              { referencingId: 500, referencedId: 101 },
              { referencingId: 501, referencedId: 500 },
            ]
          : [],
      foreignKeyColumns: database === 'XPDATA' ? [{ foreignKeyId: 300, name: 'UserId', refName: 'Id' }] : [],
      modules: sample.modules.map((m, i) => ({
        id: 500 + i,
        schemaName: 'dbo',
        name: m.name,
        type: m.type,
        definition: m.definition,
        ansiNulls: true,
        quotedIdentifier: true,
      })),
    },
    data: {},
  };
  for (const t of tables)
    catalog.data[`[dbo].[${t.name}]`] = Array.from({ length: t.rows }, (_, i) => t.row(i + 1));
  return catalog;
}
