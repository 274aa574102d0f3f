import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { XpmError } from '../../errors/index.js';
import { type SqlConnection, serverFacts } from '../sql-server/index.js';
import { readCatalog, type TableInfo } from './catalog.js';
import { literal, qualified, quoteName, textForm } from './literals.js';
import { type Finding, type TargetFacts, type TargetVersion, targetFindings } from './target.js';
import { insertedColumns, SESSION_OPTIONS, scriptParts } from './writer.js';

export interface ExportOptions {
  target: TargetVersion;
  out: string;
  /** The source server as the user named it (for the header). */
  server: string;
  /** What the target offers, when --target-server was given. */
  facts?: TargetFacts;
  /** The header's time; tests fix it. */
  at?: string;
  rowsPerInsert?: number;
  /** A statement closes once it holds this many bytes, whatever its row count. */
  statementBytes?: number;
  /** Findings are known (and may refuse) before the file is opened. */
  onFindings?: (findings: Finding[]) => void;
  onTable?: (p: TableProgress) => void;
}

export interface TableProgress {
  table: string;
  rows: number;
  /** The row count the catalog expects (sys.partitions), null if unknown. */
  expected: number | null;
  done: boolean;
}

export interface ExportResult {
  file: string;
  tables: number;
  rows: number;
  inserts: number;
  batches: number;
  bytes: number;
  findings: Finding[];
}

const BOM = '\uFEFF';

/**
 * Writes one script of schema and data for the target version. The catalog is read and judged
 * first; a finding that blocks ends the export before a byte is written. The script is written
 * to a temporary file beside `out`, flushed to disk and renamed: a reader never sees half of it.
 */
export async function exportDatabase(c: SqlConnection, o: ExportOptions): Promise<ExportResult> {
  const source = await serverFacts(c);
  const catalog = await readCatalog(c);
  const findings = targetFindings(catalog, o.target, o.facts);
  o.onFindings?.(findings);
  const blocking = findings.filter((f) => f.severity === 'block');
  if (blocking.length)
    throw new XpmError(
      'E_EXPORT_TARGET',
      {
        database: catalog.database.name,
        target: o.target,
        findings: blocking.map((f) => `${f.object} (${f.code})`).join('; '),
      },
      { exitCode: 1 },
    );

  const parts = scriptParts(catalog, {
    server: o.server,
    version: source.version,
    target: o.target,
    at: o.at ?? new Date().toISOString(),
  });
  const temporary = `${o.out}.${process.pid}.partial`;
  let file: FileHandle;
  try {
    file = await open(temporary, 'w');
  } catch (error) {
    throw new XpmError('E_EXPORT_WRITE', { file: o.out, reason: (error as Error).message });
  }
  const result: ExportResult = {
    file: o.out,
    tables: catalog.tables.length,
    rows: 0,
    inserts: 0,
    batches: 0,
    bytes: 0,
    findings,
  };
  const out = new ScriptOut(file, result);
  try {
    await out.lines(BOM + parts.header.join('\n'));
    for (const batch of parts.before) await out.batch(batch);
    for (const table of catalog.tables) await exportRows(c, table, out, o, result);
    for (const batch of parts.after) await out.batch(batch);
    await out.flush();
    await file.sync();
    await file.close();
    await rename(temporary, o.out);
  } catch (error) {
    await file.close().catch(() => {});
    await unlink(temporary).catch(() => {});
    if (error instanceof XpmError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code && /^E[A-Z]+$/.test(code))
      throw new XpmError('E_EXPORT_WRITE', { file: o.out, reason: (error as Error).message });
    throw error;
  }
  return result;
}

/** Buffered writes to the script; a batch ends with its `GO` line. */
class ScriptOut {
  private buffer: string[] = [];
  private size = 0;
  constructor(
    private readonly file: FileHandle,
    private readonly result: ExportResult,
  ) {}

  async lines(text: string): Promise<void> {
    this.buffer.push(text, '\n');
    this.size += text.length + 1;
    if (this.size > 1 << 20) await this.flush();
  }

  async batch(text: string): Promise<void> {
    this.result.batches += 1;
    await this.lines(`${text}\nGO`);
  }

  async flush(): Promise<void> {
    if (!this.buffer.length) return;
    const chunk = Buffer.from(this.buffer.join(''), 'utf8');
    this.buffer = [];
    this.size = 0;
    this.result.bytes += chunk.length;
    await this.file.write(chunk);
  }
}

/** The ORDER BY that makes the output repeatable: the primary key, else the clustered index. */
function orderOf(t: TableInfo): string {
  const key = t.indexes.find((i) => i.primaryKey) ?? t.indexes.find((i) => i.type === 'CLUSTERED');
  const columns = key?.columns.filter((c) => !c.included) ?? [];
  return columns.length ? ` ORDER BY ${columns.map((c) => quoteName(c.name)).join(', ')}` : '';
}

/** The data query of a table: every inserted column in its exact text form. */
export function dataQuery(t: TableInfo): string {
  const columns = insertedColumns(t);
  return `SELECT ${columns.map((c) => textForm(c.name, c.type)).join(', ')} FROM ${qualified(t.schemaName, t.name)}${orderOf(t)}`;
}

/** Streams a table's rows into multi-row INSERTs, each its own batch so import-db can resume between them. */
async function exportRows(
  c: SqlConnection,
  t: TableInfo,
  out: ScriptOut,
  o: ExportOptions,
  result: ExportResult,
): Promise<void> {
  const columns = insertedColumns(t);
  const name = qualified(t.schemaName, t.name);
  const progress = (rows: number, done: boolean) =>
    o.onTable?.({ table: name, rows, expected: t.rowCount, done });
  if (columns.length === 0) return;
  const identity = columns.some((col) => col.isIdentity);
  const head = `INSERT INTO ${name} (${columns.map((col) => quoteName(col.name)).join(', ')}) VALUES\n`;
  const maxRows = o.rowsPerInsert ?? 1000;
  const maxBytes = o.statementBytes ?? 1 << 20;
  let rows: string[] = [];
  let bytes = 0;
  let count = 0;
  const close = async () => {
    if (!rows.length) return;
    const statement = `${head}${rows.join(',\n')};`;
    result.inserts += 1;
    // IDENTITY_INSERT belongs to the session: each batch sets it, so a resumed import has it too.
    await out.batch(
      identity
        ? `${SESSION_OPTIONS}\nSET IDENTITY_INSERT ${name} ON;\n${statement}\nSET IDENTITY_INSERT ${name} OFF;`
        : `${SESSION_OPTIONS}\n${statement}`,
    );
    rows = [];
    bytes = 0;
    progress(count, false);
  };
  progress(0, false);
  await c.streamRows(dataQuery(t), (row) => {
    const values = `(${columns.map((col, i) => literal(col.type, row[i] as string | null)).join(', ')})`;
    rows.push(values);
    bytes += values.length;
    count += 1;
    result.rows += 1;
    return rows.length >= maxRows || bytes >= maxBytes ? close() : undefined;
  });
  await close();
  progress(count, true);
}
