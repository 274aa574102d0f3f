import { CATALOG_QUERIES, MODULE_NAMES } from '../../actors/sql-script/index.js';
import type { CatalogRow, CreatedDatabase, SqlCatalog, SqlModel } from './model.js';
import { catalogsOf } from './model-file.js';
import type { Result, Session } from './statements.js';
import type { Cell, Column, ColumnType } from './tds.js';
import { typeName } from './types.js';

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
  // Every column any row names: a test may set a property on one row only (the rest are NULL).
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const columns: Column[] = names.map((name) => ({ name, type: typeOf(rows, name) }));
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
  const catalog = catalogsOf(model)?.[session.database];
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
  if (query?.[0] === 'columns') return answer(namedTypes(text, catalog));
  if (query) return answer(catalog.queries[query[0]] ?? []);
  if (!text.startsWith('SELECT ')) return undefined;
  const table = Object.keys(catalog.data).find(
    (key) => text.endsWith(` FROM ${key}`) || text.includes(` FROM ${key} ORDER BY `),
  );
  if (table === undefined) return undefined;
  const data = catalog.data[table]!;
  if (data.length === 0) return { messages: [] };
  const columns: Column[] = data[0]!.map(() => ({ name: '', type: 'text' }));
  return { messages: [], rows: { columns, rows: styled(text, data) } };
}

/**
 * sys.columns rows with the type named as the query's `… AS type` expression names it:
 * TYPE_NAME of c.system_type_id, c.user_type_id, or a CASE choosing between them.
 */
function namedTypes(text: string, catalog: SqlCatalog): CatalogRow[] {
  const expression = selectList(text)
    .find((e) => / AS type$/i.test(e))
    ?.replace(/ AS type$/i, '');
  const argument = /^TYPE_NAME\((.+)\)$/i.exec(expression ?? '')?.[1];
  if (!argument) throw new Error(`simulator: type expression not modelled: ${expression}`);
  return (catalog.queries.columns ?? []).map(({ systemTypeId, userTypeId, ...row }) => {
    const ids: Record<string, unknown> = { 'c.system_type_id': systemTypeId, 'c.user_type_id': userTypeId };
    const chosen = /^CASE WHEN (c\.\w+) = (\d+) THEN (c\.\w+) ELSE (c\.\w+) END$/i.exec(argument);
    const column = chosen ? (ids[chosen[1]!] === Number(chosen[2]) ? chosen[3]! : chosen[4]!) : argument;
    if (!(column in ids)) throw new Error(`simulator: type expression not modelled: ${expression}`);
    return { ...row, type: typeName(ids[column] as number, catalog.aliases) };
  });
}

/** The select list's expressions, split at the commas outside parentheses and strings. */
function selectList(text: string): string[] {
  const list = text.slice('SELECT '.length, text.lastIndexOf(' FROM '));
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i];
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    else if (!quoted && depth === 0 && ch === ',') {
      out.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(list.slice(start).trim());
  return out;
}

/**
 * The data as the query's CONVERT styles give it. The catalog holds a datetimeoffset as it is
 * stored (with its offset); style 127 is "ISO8601 with time zone Z" and gives the instant in
 * UTC, the offset gone, while 126 keeps it ("CAST and CONVERT (Transact-SQL)", date styles).
 */
function styled(text: string, data: Cell[][]): Cell[][] {
  const utc = selectList(text).map((e) => /^CONVERT\(varchar\(\d+\), .+, 127\)$/i.test(e));
  if (!utc.includes(true)) return data;
  return data.map((row) => row.map((cell, i) => (utc[i] && typeof cell === 'string' ? inUtc(cell) : cell)));
}

function inUtc(value: string): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?([+-])(\d\d):(\d\d)$/.exec(value);
  if (!m) return value;
  const [, y, mo, d, h, mi, sec, fraction = '', sign, oh, om] = m;
  const offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const at = new Date(
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi) - offset, Number(sec)),
  );
  return `${at.toISOString().slice(0, 19)}${fraction}Z`;
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
