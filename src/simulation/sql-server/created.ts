import { codeOnly } from '../../actors/sql-script/index.js';
import { type CreatedDatabase, eq, type SqlScripts } from './model.js';

/** A bracketed or plain identifier; two of them with a dot name a schema's object. */
const NAME = String.raw`(\[(?:[^\]]|\]\])*\]|[A-Za-z_][\w$#@]*)`;
const TWO_PART = String.raw`${NAME}\s*\.\s*${NAME}`;
const CREATE_TABLE = new RegExp(String.raw`^\s*CREATE\s+TABLE\s+${TWO_PART}`, 'gim');
const INSERT = new RegExp(String.raw`^\s*INSERT\s+(?:INTO\s+)?${TWO_PART}`, 'gim');
// Modules may sit in a string (sp_executesql): looked for anywhere in the text.
const CREATE_MODULE = new RegExp(
  String.raw`\bCREATE\s+(?:VIEW|PROC(?:EDURE)?|FUNCTION|TRIGGER)\s+${TWO_PART}`,
  'gi',
);

const unquote = (name: string) => (name.startsWith('[') ? name.slice(1, -1).replace(/\]\]/g, ']') : name);

/** Rows of each `VALUES` list, in order: the groups at parenthesis depth 0 after the keyword. */
function valueRows(sql: string): number[] {
  const code = codeOnly(sql);
  return code
    .split(/\bINSERT\b/i)
    .slice(1)
    .map((statement) => {
      const values = statement.search(/\bVALUES\b/i);
      if (values < 0) return 0;
      let depth = 0;
      let rows = 0;
      for (const ch of statement.slice(values)) {
        if (ch === '(' && depth++ === 0) rows++;
        else if (ch === ')') depth--;
      }
      return rows;
    });
}

/**
 * What a committed script batch built, as far as a census asks: tables, the rows inserted, and
 * modules. The simulator executes no SQL; this reads the statements xpmigrate's export writes.
 */
export function track(scripts: SqlScripts, batch: { sql: string; database: string }): void {
  scripts.created ??= {};
  const key = batch.database.toLowerCase();
  const db: CreatedDatabase = scripts.created[key] ?? { tables: [], modules: [] };
  scripts.created[key] = db;
  const table = (schema: string, name: string) => {
    const key = { schemaName: unquote(schema), name: unquote(name) };
    const found = db.tables.find((t) => t.schemaName === key.schemaName && t.name === key.name);
    if (found) return found;
    const created = { ...key, rows: 0 };
    db.tables.push(created);
    return created;
  };
  for (const m of batch.sql.matchAll(CREATE_TABLE)) table(m[1]!, m[2]!);
  const rows = valueRows(batch.sql);
  for (const [i, m] of [...batch.sql.matchAll(INSERT)].entries()) table(m[1]!, m[2]!).rows += rows[i] ?? 0;
  for (const m of batch.sql.matchAll(CREATE_MODULE)) {
    const key = { schemaName: unquote(m[1]!), name: unquote(m[2]!) };
    if (!db.modules.some((x) => x.schemaName === key.schemaName && x.name === key.name)) db.modules.push(key);
  }
}

/** Where a missing object is an error at CREATE time: a view, an inline function, a table. */
const RESOLVED_AT_CREATE = new RegExp(
  String.raw`\bCREATE\s+(?:VIEW\s+${TWO_PART}|FUNCTION\s+${TWO_PART}[\s\S]*?\bRETURNS\s+TABLE\b|TABLE\s+${TWO_PART})`,
  'i',
);
const CHECK_CONSTRAINT = /\bALTER\s+TABLE\b[\s\S]*\bCHECK\s*\(/i;
const REFERENCE = new RegExp(String.raw`${TWO_PART}(\()?`, 'g');

/**
 * A name SQL Server resolves when a view, an inline function or a table (its computed columns,
 * DEFAULTs) or a CHECK is created, and that does not exist yet: 208 "Invalid object name" for
 * an object, 4121 for a function called in a column or constraint. Procedures and scalar
 * functions resolve theirs when they run (deferred name resolution) and are not checked. A
 * two-part name counts when its schema is dbo or one this database's objects use.
 */
export function unresolvedReference(
  scripts: SqlScripts,
  batch: { sql: string; database: string },
): { number: 208 | 4121; message: string } | undefined {
  const created = RESOLVED_AT_CREATE.exec(batch.sql);
  const check = CHECK_CONSTRAINT.test(batch.sql);
  if (!created && !check) return undefined;
  const db = scripts.created?.[batch.database.toLowerCase()] ?? { tables: [], modules: [] };
  const objects = [...db.tables, ...db.modules];
  const schemas = new Set(['dbo', ...objects.map((o) => o.schemaName.toLowerCase())]);
  const self = created ? created.slice(1).filter(Boolean).map(unquote) : [];
  for (const m of batch.sql.matchAll(REFERENCE)) {
    const [schema, name] = [unquote(m[1]!), unquote(m[2]!)];
    if (!schemas.has(schema.toLowerCase())) continue; // an alias or a column: t.[c]
    if (self[0] === schema && self[1] === name) continue;
    if (objects.some((o) => eq(o.schemaName, schema) && eq(o.name, name))) continue;
    const call = m[3] === '(';
    if (!call && !created) continue; // a CHECK names columns, not objects
    return call
      ? {
          number: 4121,
          message: `Cannot find either column "${schema}" or the user-defined function or aggregate "${schema}.${name}", or the name is ambiguous.`,
        }
      : { number: 208, message: `Invalid object name '${schema}.${name}'.` };
  }
  return undefined;
}
