import { CATALOG_QUERIES } from '../../../src/actors/sql-script/catalog.js';
import type { CatalogRow, SqlModel } from './model.js';
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

/**
 * export-db's questions to a database the test described: the catalog queries by their exact
 * text, and a table's data query (every value already in the text form the query asks for).
 */
export function catalogAnswer(model: SqlModel, session: Session, sql: string): Result | undefined {
  const catalog = model.catalogs?.[session.database];
  if (!catalog) return undefined;
  const text = normalize(sql);
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
