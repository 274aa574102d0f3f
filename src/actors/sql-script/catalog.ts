import type { SqlConnection } from '../sql-server/index.js';

/**
 * The catalog views export-db reads, run in the source database. Only columns that exist
 * since SQL Server 2014; newer properties through OBJECTPROPERTY, which is NULL before them.
 * A column's type: the CLR types (hierarchyid, geometry, geography) share system_type_id 240 and
 * are named by their user_type_id; every other type by its system_type_id, so an alias type
 * (CREATE TYPE … FROM nvarchar) reads as its base type ("sys.columns", "sys.types").
 * Aliases that are reserved keywords (ROWCOUNT, FILLFACTOR: "Reserved Keywords (Transact-SQL)")
 * are bracketed; unquoted, SQL Server refuses the query with error 156.
 */
export const CATALOG_QUERIES = {
  database:
    'SELECT d.name AS name, d.collation_name AS collation, d.compatibility_level AS compatibilityLevel, d.recovery_model_desc AS recovery, d.is_read_committed_snapshot_on AS readCommittedSnapshot, d.snapshot_isolation_state AS snapshotIsolation FROM sys.databases AS d WHERE d.database_id = DB_ID()',
  files:
    'SELECT f.name AS name, f.physical_name AS physicalName, f.type_desc AS type, f.size AS size, f.growth AS growth, f.is_percent_growth AS percentGrowth FROM sys.database_files AS f ORDER BY f.file_id',
  schemas:
    'SELECT s.name AS name FROM sys.schemas AS s WHERE s.schema_id > 4 AND s.schema_id < 16384 ORDER BY s.name',
  tables:
    "SELECT t.object_id AS id, SCHEMA_NAME(t.schema_id) AS schemaName, t.name AS name, CAST(ISNULL(OBJECTPROPERTY(t.object_id, 'TableTemporalType'), 0) AS int) AS temporalType, CAST(ISNULL(OBJECTPROPERTY(t.object_id, 'TableIsMemoryOptimized'), 0) AS int) AS memoryOptimized, (SELECT CAST(SUM(p.rows) AS int) FROM sys.partitions AS p WHERE p.object_id = t.object_id AND p.index_id IN (0, 1)) AS [rowCount] FROM sys.tables AS t WHERE t.is_ms_shipped = 0 ORDER BY t.object_id",
  columns:
    'SELECT c.object_id AS tableId, c.column_id AS id, c.name AS name, TYPE_NAME(CASE WHEN c.system_type_id = 240 THEN c.user_type_id ELSE c.system_type_id END) AS type, c.max_length AS maxLength, c.precision AS precision, c.scale AS scale, c.is_nullable AS nullable, c.collation_name AS collation, c.is_identity AS isIdentity, CAST(ic.seed_value AS nvarchar(40)) AS seed, CAST(ic.increment_value AS nvarchar(40)) AS increment, CAST(ic.last_value AS nvarchar(40)) AS lastValue, cc.definition AS computed, cc.is_persisted AS persisted, dc.name AS defaultName, dc.definition AS defaultDefinition, c.is_rowguidcol AS rowGuid, c.is_sparse AS sparse, c.is_filestream AS filestream FROM sys.columns AS c JOIN sys.tables AS t ON t.object_id = c.object_id LEFT JOIN sys.identity_columns AS ic ON ic.object_id = c.object_id AND ic.column_id = c.column_id LEFT JOIN sys.computed_columns AS cc ON cc.object_id = c.object_id AND cc.column_id = c.column_id LEFT JOIN sys.default_constraints AS dc ON dc.object_id = c.default_object_id WHERE t.is_ms_shipped = 0 ORDER BY c.object_id, c.column_id',
  indexes:
    'SELECT i.object_id AS tableId, i.index_id AS id, i.name AS name, i.type_desc AS type, i.is_primary_key AS primaryKey, i.is_unique_constraint AS uniqueConstraint, i.is_unique AS isUnique, i.filter_definition AS filter, i.fill_factor AS [fillFactor], i.ignore_dup_key AS ignoreDupKey, i.is_disabled AS disabled FROM sys.indexes AS i JOIN sys.tables AS t ON t.object_id = i.object_id WHERE t.is_ms_shipped = 0 AND i.type > 0 AND i.is_hypothetical = 0 ORDER BY i.object_id, i.index_id',
  indexColumns:
    'SELECT ic.object_id AS tableId, ic.index_id AS indexId, COL_NAME(ic.object_id, ic.column_id) AS name, ic.is_descending_key AS descending, ic.is_included_column AS included FROM sys.index_columns AS ic JOIN sys.tables AS t ON t.object_id = ic.object_id WHERE t.is_ms_shipped = 0 ORDER BY ic.object_id, ic.index_id, ic.is_included_column, ic.key_ordinal, ic.index_column_id',
  foreignKeys:
    'SELECT fk.object_id AS id, fk.parent_object_id AS tableId, fk.name AS name, OBJECT_SCHEMA_NAME(fk.referenced_object_id) AS refSchema, OBJECT_NAME(fk.referenced_object_id) AS refTable, fk.delete_referential_action_desc AS onDelete, fk.update_referential_action_desc AS onUpdate, fk.is_disabled AS disabled, fk.is_not_trusted AS notTrusted FROM sys.foreign_keys AS fk ORDER BY fk.parent_object_id, fk.name',
  foreignKeyColumns:
    'SELECT fkc.constraint_object_id AS foreignKeyId, COL_NAME(fkc.parent_object_id, fkc.parent_column_id) AS name, COL_NAME(fkc.referenced_object_id, fkc.referenced_column_id) AS refName FROM sys.foreign_key_columns AS fkc ORDER BY fkc.constraint_object_id, fkc.constraint_column_id',
  checks:
    'SELECT cc.parent_object_id AS tableId, cc.name AS name, cc.definition AS definition, cc.is_disabled AS disabled, cc.is_not_trusted AS notTrusted FROM sys.check_constraints AS cc ORDER BY cc.parent_object_id, cc.name',
  modules:
    "SELECT o.object_id AS id, SCHEMA_NAME(o.schema_id) AS schemaName, o.name AS name, RTRIM(o.type) AS type, m.definition AS definition, m.uses_ansi_nulls AS ansiNulls, m.uses_quoted_identifier AS quotedIdentifier, CAST(ISNULL(OBJECTPROPERTY(o.object_id, 'ExecIsTriggerDisabled'), 0) AS int) AS disabled, OBJECT_SCHEMA_NAME(o.parent_object_id) AS parentSchema, OBJECT_NAME(o.parent_object_id) AS parentName FROM sys.sql_modules AS m JOIN sys.objects AS o ON o.object_id = m.object_id WHERE o.is_ms_shipped = 0 AND o.type IN ('V', 'P', 'FN', 'IF', 'TF', 'TR') ORDER BY o.object_id",
  /**
   * What refers to what inside the database ("sys.sql_expression_dependencies"): a computed
   * column names its table (referencing_minor_id > 0), a CHECK or DEFAULT constraint is its own
   * object and stands here for its table. Unresolved names (referenced_id NULL) are left out.
   */
  dependencies:
    "SELECT DISTINCT CASE WHEN o.type IN ('C', 'D') THEN o.parent_object_id ELSE d.referencing_id END AS referencingId, d.referenced_id AS referencedId FROM sys.sql_expression_dependencies AS d JOIN sys.objects AS o ON o.object_id = d.referencing_id WHERE d.referencing_class = 1 AND d.referenced_id IS NOT NULL",
  /**
   * What the script does not carry and the export says it leaves behind: database users and
   * roles (not dbo, guest, INFORMATION_SCHEMA, sys, the fixed roles), their permissions (not the
   * CONNECT every user has), extended properties ("sys.database_principals",
   * "sys.database_permissions", "sys.extended_properties").
   */
  notCarried:
    "SELECT (SELECT COUNT(*) FROM sys.database_principals WHERE principal_id BETWEEN 5 AND 16383) AS principals, (SELECT COUNT(*) FROM sys.database_permissions WHERE grantee_principal_id BETWEEN 5 AND 16383 AND NOT (class = 0 AND type = 'CO')) AS permissions, (SELECT COUNT(*) FROM sys.extended_properties) AS extendedProperties",
  /** Object kinds the script does not hold: reported before export, never silently dropped. */
  unscripted:
    "SELECT (SELECT COUNT(*) FROM sys.objects WHERE type = N'SO') AS sequences, (SELECT COUNT(*) FROM sys.synonyms) AS synonyms, (SELECT COUNT(*) FROM sys.types WHERE is_user_defined = 1) AS userTypes, (SELECT COUNT(*) FROM sys.xml_schema_collections WHERE xml_collection_id > 1) AS xmlSchemaCollections, (SELECT COUNT(*) FROM sys.partition_functions) AS partitionFunctions, (SELECT COUNT(*) FROM sys.fulltext_indexes) AS fulltextIndexes, (SELECT COUNT(*) FROM sys.assemblies WHERE is_user_defined = 1) AS assemblies, (SELECT COUNT(*) FROM sys.triggers WHERE parent_class = 0) AS databaseTriggers",
} as const;
export type CatalogQuery = keyof typeof CATALOG_QUERIES;

export interface DatabaseInfo {
  name: string;
  collation: string;
  compatibilityLevel: number;
  /** FULL, BULK_LOGGED, SIMPLE. */
  recovery?: string;
  readCommittedSnapshot?: boolean;
  /** 0 off, 1 on (2 and 3 are on their way between). */
  snapshotIsolation?: number;
}
export interface FileInfo {
  name: string;
  physicalName: string;
  type: 'ROWS' | 'LOG' | 'FILESTREAM' | 'FULLTEXT';
  size: number;
  growth: number;
  percentGrowth: boolean;
}
export interface ColumnInfo {
  tableId: number;
  id: number;
  name: string;
  type: string;
  maxLength: number;
  precision: number;
  scale: number;
  nullable: boolean;
  collation: string | null;
  isIdentity: boolean;
  seed: string | null;
  increment: string | null;
  /** The identity's current value (IDENT_CURRENT); NULL when no row was ever inserted. */
  lastValue?: string | null;
  computed: string | null;
  persisted: boolean | null;
  defaultName: string | null;
  defaultDefinition: string | null;
  rowGuid: boolean;
  sparse: boolean;
  filestream: boolean;
}
export interface IndexInfo {
  tableId: number;
  id: number;
  name: string;
  type: string;
  primaryKey: boolean;
  uniqueConstraint: boolean;
  isUnique: boolean;
  filter: string | null;
  fillFactor: number;
  ignoreDupKey: boolean;
  disabled?: boolean;
  columns: Array<{ name: string; descending: boolean; included: boolean }>;
}
export interface ForeignKeyInfo {
  id: number;
  tableId: number;
  name: string;
  refSchema: string;
  refTable: string;
  onDelete: string;
  onUpdate: string;
  disabled: boolean;
  notTrusted: boolean;
  columns: Array<{ name: string; refName: string }>;
}
export interface CheckInfo {
  tableId: number;
  name: string;
  definition: string;
  disabled: boolean;
  notTrusted: boolean;
}
export interface ModuleInfo {
  id: number;
  schemaName: string;
  name: string;
  type: 'V' | 'P' | 'FN' | 'IF' | 'TF' | 'TR';
  definition: string;
  ansiNulls: boolean;
  quotedIdentifier: boolean;
  /** A trigger that is disabled (ExecIsTriggerDisabled). */
  disabled?: number;
  /** A trigger's table. */
  parentSchema?: string | null;
  parentName?: string | null;
}
export interface TableInfo {
  id: number;
  schemaName: string;
  name: string;
  temporalType: number;
  memoryOptimized: number;
  rowCount: number | null;
  columns: ColumnInfo[];
  indexes: IndexInfo[];
  foreignKeys: ForeignKeyInfo[];
  checks: CheckInfo[];
}
/** `referencingId` needs `referencedId` to exist first (both object ids). */
export interface Dependency {
  referencingId: number;
  referencedId: number;
}
export interface Catalog {
  database: DatabaseInfo;
  files: FileInfo[];
  schemas: string[];
  tables: TableInfo[];
  modules: ModuleInfo[];
  dependencies: Dependency[];
  unscripted: Record<string, number>;
  /** Counts of what stays behind (`notCarried` query): users and roles, permissions, extended properties. */
  notCarried: { principals: number; permissions: number; extendedProperties: number };
}

/** Reads everything the script needs, in thirteen queries, before a single byte is written. */
export async function readCatalog(c: SqlConnection): Promise<Catalog> {
  const q = <T>(name: CatalogQuery) => c.query<T>(CATALOG_QUERIES[name]);
  const [database] = await q<DatabaseInfo>('database');
  const tables = (await q<Omit<TableInfo, 'columns' | 'indexes' | 'foreignKeys' | 'checks'>>('tables')).map(
    (t) => ({ ...t, columns: [], indexes: [], foreignKeys: [], checks: [] }) as TableInfo,
  );
  const byId = new Map(tables.map((t) => [t.id, t]));
  for (const col of await q<ColumnInfo>('columns')) byId.get(col.tableId)?.columns.push(col);
  const indexes = new Map<string, IndexInfo>();
  // XML and spatial indexes have their own CREATE syntax (a primary XML index, USING XML INDEX,
  // a bounding box, "CREATE XML INDEX", "CREATE SPATIAL INDEX"): not written, counted as unscripted.
  let xmlOrSpatial = 0;
  for (const i of await q<Omit<IndexInfo, 'columns'>>('indexes')) {
    if (i.type === 'XML' || i.type === 'SPATIAL') {
      xmlOrSpatial += 1;
      continue;
    }
    const index = { ...i, columns: [] };
    indexes.set(`${i.tableId}/${i.id}`, index);
    byId.get(i.tableId)?.indexes.push(index);
  }
  for (const ic of await q<{
    tableId: number;
    indexId: number;
    name: string;
    descending: boolean;
    included: boolean;
  }>('indexColumns'))
    indexes
      .get(`${ic.tableId}/${ic.indexId}`)
      ?.columns.push({ name: ic.name, descending: ic.descending, included: ic.included });
  const keys = new Map<number, ForeignKeyInfo>();
  for (const fk of await q<Omit<ForeignKeyInfo, 'columns'>>('foreignKeys')) {
    const key = { ...fk, columns: [] };
    keys.set(fk.id, key);
    byId.get(fk.tableId)?.foreignKeys.push(key);
  }
  for (const fc of await q<{ foreignKeyId: number; name: string; refName: string }>('foreignKeyColumns'))
    keys.get(fc.foreignKeyId)?.columns.push({ name: fc.name, refName: fc.refName });
  for (const ck of await q<CheckInfo>('checks')) byId.get(ck.tableId)?.checks.push(ck);
  const [unscripted] = await q<Record<string, number>>('unscripted');
  if (!database) throw new Error('sys.databases has no row for DB_ID()');
  // WITH ENCRYPTION: sys.sql_modules.definition is NULL ("sys.sql_modules", Microsoft Learn).
  // Its text cannot be scripted: counted as unscripted, as the other kinds the script cannot carry.
  const modules = await q<Omit<ModuleInfo, 'definition'> & { definition: string | null }>('modules');
  const readable = modules.filter((m): m is ModuleInfo => m.definition !== null);
  const encrypted = modules.length - readable.length;
  return {
    database,
    files: await q<FileInfo>('files'),
    schemas: (await q<{ name: string }>('schemas')).map((s) => s.name),
    tables,
    modules: readable,
    dependencies: await q<Dependency>('dependencies'),
    notCarried: {
      principals: 0,
      permissions: 0,
      extendedProperties: 0,
      ...(await q<Catalog['notCarried']>('notCarried'))[0],
    },
    unscripted: {
      ...(unscripted ?? {}),
      ...(encrypted > 0 ? { 'encrypted modules': encrypted } : {}),
      ...(xmlOrSpatial > 0 ? { 'xml or spatial indexes': xmlOrSpatial } : {}),
    },
  };
}
