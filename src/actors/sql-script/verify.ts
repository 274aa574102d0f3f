import type { SqlConnection } from '../sql-server/index.js';
import { CATALOG_QUERIES } from './catalog.js';
import { qualified } from './literals.js';

/** The modules' names only: verify needs no definitions. */
export const MODULE_NAMES =
  "SELECT SCHEMA_NAME(o.schema_id) AS schemaName, o.name AS name FROM sys.objects AS o WHERE o.is_ms_shipped = 0 AND o.type IN ('V', 'P', 'FN', 'IF', 'TF', 'TR') ORDER BY o.object_id";

/** An exact row count: sys.partitions' count is documented as approximate. */
export const countRows = (table: string) => `SELECT COUNT_BIG(*) AS n FROM ${table}`;

/** What a database holds, as far as the move must keep it: tables with exact row counts, modules. */
export interface Census {
  /** `[schema].[table]` → rows. */
  tables: Map<string, number>;
  /** `[schema].[name]` of views, procedures, functions and triggers. */
  modules: Set<string>;
}

export async function takeCensus(c: SqlConnection): Promise<Census> {
  const tables = new Map<string, number>();
  for (const t of await c.query<{ schemaName: string; name: string }>(CATALOG_QUERIES.tables)) {
    const name = qualified(t.schemaName, t.name);
    const [row] = await c.query<{ n: number | string }>(countRows(name));
    tables.set(name, Number(row?.n ?? 0));
  }
  const modules = new Set(
    (await c.query<{ schemaName: string; name: string }>(MODULE_NAMES)).map((m) =>
      qualified(m.schemaName, m.name),
    ),
  );
  return { tables, modules };
}

/** What the target lacks or holds differently, one line each; empty when the move is complete. */
export function censusDifferences(source: Census, target: Census): string[] {
  const differences: string[] = [];
  for (const [table, rows] of source.tables) {
    const found = target.tables.get(table);
    if (found === undefined) differences.push(`table ${table} missing`);
    else if (found !== rows) differences.push(`table ${table}: ${found} rows, source ${rows}`);
  }
  for (const module of source.modules)
    if (!target.modules.has(module)) differences.push(`module ${module} missing`);
  return differences;
}
