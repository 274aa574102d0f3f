import { CATALOG_QUERIES, MODULE_NAMES } from '../../actors/sql-script/index.js';
import type { CatalogRow, CreatedDatabase, SqlModel } from './model.js';
import type { Result, Session } from './statements.js';
import type { Cell, Column, ColumnType } from './tds.js';

const normalize = (sql: string) => sql.replace(/\s+/g, ' ').trim();
const QUERIES = Object.entries(CATALOG_QUERIES).map(([name, text]) => [name, normalize(text)] as const);

function typeOf(rows: CatalogRow[], key: string): ColumnType {
  const value = rows.map((r) => r[key]).find((v) => v !== null && v !== undefined);
  if (typeof value === 'boolean') return 'bit';
  if (typeof value === 'number') return 'int';
  return 'text';
}

function answer(rows: CatalogRow[]): Result {
  if (rows.length === 0) return { messages: [] };
  const columns: Column[] = Object.keys(rows[0]!).map((name) => ({ name, type: typeOf(rows, name) }));
  return {
    messages: [],
    rows: { columns, rows: rows.map((r) => columns.map((c) => (r[c.name] ?? null) as Cell)) },
  };
}

const COUNT_ROWS = /^SELECT COUNT_BIG\(\*\) AS n FROM (.+)$/;
const bracket = (name: string) => `[${name.replace(/\]/g, ']]')}]`;

/**
 * export-db's questions to a database the test described: the catalog queries by their exact
 * text, and a table's data query (every value already in the text form the query asks for).
 * A database that script batches built answers verify's census (tables, row counts, modules).
 */
export function catalogAnswer(model: SqlModel, session: Session, sql: string): Result | undefined {
  const catalog = model.catalogs?.[session.database];
  const created = model.scripts?.created?.[session.database.toLowerCase()];
  const text = normalize(sql);
  if (!catalog) return created ? censusAnswer(created, text) : undefined;
  if (text === normalize(MODULE_NAMES))
    return answer(
      (catalog.queries.modules ?? []).map((m) => ({
        schemaName: m.schemaName ?? null,
        name: m.name ?? null,
      })),
    );
  const count = COUNT_ROWS.exec(text);
  if (count) {
    const data = catalog.data[count[1]!];
    return data ? answer([{ n: data.length }]) : undefined;
  }
  const query = QUERIES.find(([, q]) => q === text);
  if (query) return answer(catalog.queries[query[0]] ?? []);
  if (!text.startsWith('SELECT ')) return undefined;
  const table = Object.keys(catalog.data).find(
    (key) => text.endsWith(` FROM ${key}`) || text.includes(` FROM ${key} ORDER BY `),
  );
  if (table === undefined) return undefined;
  const data = catalog.data[table]!;
  if (data.length === 0) return { messages: [] };
  const columns: Column[] = data[0]!.map(() => ({ name: '', type: 'text' }));
  return { messages: [], rows: { columns, rows: data } };
}

/** verify's census of a database the import built: its tables, their rows, its modules. */
function censusAnswer(created: CreatedDatabase, text: string): Result | undefined {
  if (text === normalize(CATALOG_QUERIES.tables))
    return answer(
      created.tables.map((t, i) => ({
        id: 1000 + i,
        schemaName: t.schemaName,
        name: t.name,
        temporalType: 0,
        memoryOptimized: 0,
        rowCount: t.rows,
      })),
    );
  if (text === normalize(MODULE_NAMES))
    return answer(created.modules.map((m) => ({ schemaName: m.schemaName, name: m.name })));
  const count = COUNT_ROWS.exec(text);
  const table =
    count && created.tables.find((t) => `${bracket(t.schemaName)}.${bracket(t.name)}` === count[1]);
  return table ? answer([{ n: table.rows }]) : undefined;
}
