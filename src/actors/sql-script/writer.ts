import type { Catalog, ColumnInfo, IndexInfo, ModuleInfo, TableInfo } from './catalog.js';
import { NOT_INSERTED, qualified, quoteName, unicodeLiteral } from './literals.js';
import { creationOrder } from './order.js';
import { compatibilityFor, type TargetVersion } from './target.js';

/** The script's DDL: what comes before the data and what comes after it. */
export interface ScriptParts {
  header: string[];
  /**
   * Batches: database, schemas, then tables with their keys and the functions, views and
   * procedures, each after what it refers to (`creationOrder`).
   */
  before: string[];
  /** Batches: other indexes, foreign keys, checks, then triggers (which must not fire on the data). */
  after: string[];
}

export interface ScriptMeta {
  server: string;
  version: string;
  target: TargetVersion;
  at: string;
}

/**
 * The SET options a filtered index, an indexed view or an index on a computed column needs, for
 * its CREATE and for every INSERT into its table ("SET options" in CREATE INDEX, Microsoft
 * Learn); otherwise 1934. sqlcmd starts with QUOTED_IDENTIFIER OFF (unless -I): each data and
 * index batch says them itself, so any session (and a resumed import's new one) runs it.
 */
export const SESSION_OPTIONS =
  'SET ANSI_NULLS, ANSI_PADDING, ANSI_WARNINGS, ARITHABORT, CONCAT_NULL_YIELDS_NULL, QUOTED_IDENTIFIER ON; SET NUMERIC_ROUNDABORT OFF;';

/**
 * A new database's files cannot be smaller than the model database's (1803). SQL Server 2016
 * and later create model with 8 MB data and 8 MB log ("model Database", Microsoft Learn); older
 * versions smaller. A small source's sizes are raised to that. (A model database an
 * administrator enlarged beyond it still gives 1803: the import then names it.)
 */
const MODEL_SIZE_KB = 8 * 1024;

/** Only the folder of a physical file: `$(DataPath)` replaces it on the target. */
const folderOf = (path: string) => path.slice(0, path.lastIndexOf('\\') + 1);
const fileOf = (path: string) => path.slice(path.lastIndexOf('\\') + 1);
const setvar = (name: string, value: string) => `:setvar ${name} "${value.replace(/"/g, '""')}"`;

export function scriptParts(catalog: Catalog, meta: ScriptMeta): ScriptParts {
  const db = catalog.database;
  const data = catalog.files.find((f) => f.type === 'ROWS');
  const log = catalog.files.find((f) => f.type === 'LOG');
  const header = [
    `-- xpmigrate export-db: database ${quoteName(db.name)} from ${meta.server} (SQL Server ${meta.version}) for SQL Server ${meta.target}, ${meta.at}`,
    '-- Import: xpmigrate import-db --server SERVER --input THIS-FILE [--var DataPath=D:\\Data\\]',
    '--     or: sqlcmd -I -f 65001 -S SERVER -i THIS-FILE -b',
    setvar('DatabaseName', db.name),
    setvar('DataPath', data ? folderOf(data.physicalName) : ''),
    setvar('LogPath', log ? folderOf(log.physicalName) : ''),
    ':on error exit',
  ];
  const fileSpec = (f: Catalog['files'][number], path: string) =>
    `(NAME = ${unicodeLiteral(f.name)}, FILENAME = N'$(${path})${fileOf(f.physicalName).replace(/'/g, "''")}', SIZE = ${Math.max(f.size * 8, MODEL_SIZE_KB)}KB, FILEGROWTH = ${f.percentGrowth ? `${f.growth}%` : `${f.growth * 8}KB`})`;
  const rows = catalog.files.filter((f) => f.type === 'ROWS');
  const logs = catalog.files.filter((f) => f.type === 'LOG');
  const before = [
    'SET NOCOUNT ON;',
    [
      "IF DB_ID(N'$(DatabaseName)') IS NULL",
      'CREATE DATABASE [$(DatabaseName)]',
      `ON PRIMARY ${rows.map((f) => fileSpec(f, 'DataPath')).join(',\n  ')}`,
      `LOG ON ${logs.map((f) => fileSpec(f, 'LogPath')).join(',\n  ')}`,
      `COLLATE ${db.collation};`,
    ].join('\n'),
    [
      `ALTER DATABASE [$(DatabaseName)] SET COMPATIBILITY_LEVEL = ${compatibilityFor(db.compatibilityLevel, meta.target)};`,
      ...databaseOptions(db),
    ].join('\n'),
    'USE [$(DatabaseName)];',
    ...catalog.schemas.map((s) => `CREATE SCHEMA ${quoteName(s)} AUTHORIZATION [dbo];`),
    ...creationOrder(catalog.tables, catalog.modules, catalog.dependencies).flatMap((c) =>
      c.kind === 'table' ? [createTable(c.table)] : createModule(c.module),
    ),
  ];
  const after = [
    ...catalog.tables.flatMap(reseed),
    ...catalog.tables.flatMap((t) =>
      t.indexes
        .filter((i) => !i.primaryKey && !i.uniqueConstraint)
        .map(
          (i) =>
            `${SESSION_OPTIONS}\n${createIndex(t, i)}${i.disabled ? `\nALTER INDEX ${quoteName(i.name)} ON ${qualified(t.schemaName, t.name)} DISABLE;` : ''}`,
        ),
    ),
    ...catalog.tables.flatMap((t) =>
      t.foreignKeys.map((fk) => {
        const check = fk.disabled || fk.notTrusted ? 'NOCHECK' : 'CHECK';
        const lines = [
          `ALTER TABLE ${qualified(t.schemaName, t.name)} WITH ${check} ADD CONSTRAINT ${quoteName(fk.name)} FOREIGN KEY (${fk.columns.map((c) => quoteName(c.name)).join(', ')})`,
          `  REFERENCES ${qualified(fk.refSchema, fk.refTable)} (${fk.columns.map((c) => quoteName(c.refName)).join(', ')})`,
          `  ON DELETE ${fk.onDelete.replace(/_/g, ' ')} ON UPDATE ${fk.onUpdate.replace(/_/g, ' ')};`,
        ];
        if (fk.disabled)
          lines.push(
            `ALTER TABLE ${qualified(t.schemaName, t.name)} NOCHECK CONSTRAINT ${quoteName(fk.name)};`,
          );
        return lines.join('\n');
      }),
    ),
    ...catalog.tables.flatMap((t) =>
      t.checks.map((ck) => {
        const check = ck.disabled || ck.notTrusted ? 'NOCHECK' : 'CHECK';
        const lines = [
          `ALTER TABLE ${qualified(t.schemaName, t.name)} WITH ${check} ADD CONSTRAINT ${quoteName(ck.name)} CHECK ${ck.definition};`,
        ];
        if (ck.disabled)
          lines.push(
            `ALTER TABLE ${qualified(t.schemaName, t.name)} NOCHECK CONSTRAINT ${quoteName(ck.name)};`,
          );
        return lines.join('\n');
      }),
    ),
    ...catalog.modules
      .filter((m) => m.type === 'TR')
      .flatMap((m) => [
        ...createModule(m),
        // A disabled trigger stays disabled: it must not start firing on the new server.
        ...(m.disabled && m.parentName
          ? [
              `ALTER TABLE ${qualified(m.parentSchema ?? m.schemaName, m.parentName)} DISABLE TRIGGER ${quoteName(m.name)};`,
            ]
          : []),
      ]),
  ];
  return { header, before, after };
}

/** The options that change how the database behaves, as the source has them (when it said). */
function databaseOptions(db: Catalog['database']): string[] {
  const set = (option: string) => `ALTER DATABASE [$(DatabaseName)] SET ${option};`;
  return [
    ...(db.recovery && /^(FULL|BULK_LOGGED|SIMPLE)$/.test(db.recovery)
      ? [set(`RECOVERY ${db.recovery}`)]
      : []),
    ...(db.readCommittedSnapshot ? [set('READ_COMMITTED_SNAPSHOT ON')] : []),
    ...(db.snapshotIsolation === 1 ? [set('ALLOW_SNAPSHOT_ISOLATION ON')] : []),
  ];
}

/**
 * The identity's current value as the source has it: rows inserted with IDENTITY_INSERT leave
 * it at the highest id, not where the source stood (deleted rows at the end). DBCC CHECKIDENT
 * RESEED: with rows, the next id is the value plus the increment; on a table that never had a
 * row, the value itself ("DBCC CHECKIDENT (Transact-SQL)").
 */
function reseed(t: TableInfo): string[] {
  const c = t.columns.find((x) => x.isIdentity && x.lastValue !== null && x.lastValue !== undefined);
  if (!c || !/^-?\d+$/.test(c.lastValue!) || !/^-?\d+$/.test(c.increment ?? '1')) return [];
  const name = unicodeLiteral(qualified(t.schemaName, t.name));
  const last = BigInt(c.lastValue!);
  const next = last + BigInt(c.increment ?? '1');
  return [
    `IF EXISTS (SELECT 1 FROM ${qualified(t.schemaName, t.name)}) DBCC CHECKIDENT (${name}, RESEED, ${last}) WITH NO_INFOMSGS;\nELSE DBCC CHECKIDENT (${name}, RESEED, ${next}) WITH NO_INFOMSGS;`,
  ];
}

const sized = (c: ColumnInfo, unit: 1 | 2) => `${c.type}(${c.maxLength === -1 ? 'max' : c.maxLength / unit})`;

export function columnType(c: ColumnInfo): string {
  switch (c.type) {
    case 'char':
    case 'varchar':
    case 'binary':
    case 'varbinary':
      return sized(c, 1);
    case 'nchar':
    case 'nvarchar':
      return sized(c, 2);
    case 'decimal':
    case 'numeric':
      return `${c.type}(${c.precision}, ${c.scale})`;
    case 'datetime2':
    case 'datetimeoffset':
    case 'time':
      return `${c.type}(${c.scale})`;
    case 'float':
      return c.precision === 53 ? 'float' : `float(${c.precision})`;
    case 'timestamp':
      return 'rowversion';
    default:
      return c.type;
  }
}

function columnDefinition(c: ColumnInfo): string {
  const name = quoteName(c.name);
  if (c.computed !== null) return `${name} AS ${c.computed}${c.persisted ? ' PERSISTED' : ''}`;
  const parts = [name, columnType(c)];
  if (c.collation) parts.push(`COLLATE ${c.collation}`);
  if (c.sparse) parts.push('SPARSE');
  if (c.isIdentity) parts.push(`IDENTITY(${c.seed ?? 1}, ${c.increment ?? 1})`);
  if (c.rowGuid) parts.push('ROWGUIDCOL');
  parts.push(c.nullable ? 'NULL' : 'NOT NULL');
  if (c.defaultDefinition !== null)
    parts.push(`CONSTRAINT ${quoteName(c.defaultName ?? `DF_${c.name}`)} DEFAULT ${c.defaultDefinition}`);
  return parts.join(' ');
}

const keyList = (i: IndexInfo) =>
  i.columns
    .filter((c) => !c.included)
    .map((c) => `${quoteName(c.name)} ${c.descending ? 'DESC' : 'ASC'}`)
    .join(', ');

function indexOptions(i: IndexInfo): string {
  const options = [];
  if (i.fillFactor > 0) options.push(`FILLFACTOR = ${i.fillFactor}`);
  if (i.ignoreDupKey) options.push('IGNORE_DUP_KEY = ON');
  return options.length ? ` WITH (${options.join(', ')})` : '';
}

/** The table with its primary key and unique constraints: they shape how the data is stored. */
function createTable(t: TableInfo): string {
  const lines = t.columns.map(columnDefinition);
  for (const i of t.indexes.filter((x) => x.primaryKey || x.uniqueConstraint))
    lines.push(
      `CONSTRAINT ${quoteName(i.name)} ${i.primaryKey ? 'PRIMARY KEY' : 'UNIQUE'} ${i.type === 'CLUSTERED' ? 'CLUSTERED' : 'NONCLUSTERED'} (${keyList(i)})${indexOptions(i)}`,
    );
  return `CREATE TABLE ${qualified(t.schemaName, t.name)} (\n  ${lines.join(',\n  ')}\n);`;
}

function createIndex(t: TableInfo, i: IndexInfo): string {
  const kind = i.type.includes('COLUMNSTORE') ? i.type.replace(/_/g, ' ') : i.type;
  const included = i.columns.filter((c) => c.included).map((c) => quoteName(c.name));
  const columnstore = i.type.includes('COLUMNSTORE');
  return [
    `CREATE ${i.isUnique ? 'UNIQUE ' : ''}${kind} INDEX ${quoteName(i.name)} ON ${qualified(t.schemaName, t.name)}`,
    columnstore && i.type.startsWith('CLUSTERED')
      ? ''
      : ` (${columnstore ? i.columns.map((c) => quoteName(c.name)).join(', ') : keyList(i)})`,
    !columnstore && included.length ? ` INCLUDE (${included.join(', ')})` : '',
    i.filter ? ` WHERE ${i.filter}` : '',
    indexOptions(i),
    ';',
  ].join('');
}

/**
 * A module's own text, as SSMS scripts it, after the SET options it was created under (sqlcmd
 * starts with QUOTED_IDENTIFIER OFF). Text SQLCMD would change ($(…), a line that is GO or a
 * command), and modules created with an option OFF, go through sp_executesql with the SETs in
 * the same batch, so a resumed import (a new session) still creates them as they were.
 */
function createModule(m: ModuleInfo): string[] {
  const sets = `SET ANSI_NULLS ${m.ansiNulls ? 'ON' : 'OFF'};\nSET QUOTED_IDENTIFIER ${m.quotedIdentifier ? 'ON' : 'OFF'};`;
  const text = m.definition.replace(/^\s+|\s+$/g, '');
  const plain =
    m.ansiNulls && m.quotedIdentifier && !text.includes('$(') && !/^\s*(?:go\b|:[a-z]|!!)/im.test(text);
  if (plain) return [sets, text];
  return [
    `${sets}\nDECLARE @definition nvarchar(max) = ${unicodeLiteral(text)};\nEXEC sys.sp_executesql @definition;`,
  ];
}

/** The columns an INSERT names: not computed, not rowversion. */
export const insertedColumns = (t: TableInfo) =>
  t.columns.filter((c) => c.computed === null && !NOT_INSERTED.has(c.type));
