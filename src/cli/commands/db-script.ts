import type { Command } from 'commander';
import {
  exportDatabase,
  type Finding,
  type ImportProgress,
  type ImportResult,
  importId,
  importScript,
  SCRIPT_ENCODINGS,
  SCRIPT_TARGETS,
  type ScriptEncoding,
  splitScript,
  type TableProgress,
  type TargetVersion,
  targetFactsOf,
  withTargetFolders,
} from '../../actors/sql-script/index.js';
import {
  refuseSecrets,
  SqlConnection,
  serverFacts,
  serverLabel,
  sqlAccess,
  withSql,
} from '../../actors/sql-server/index.js';
import { XpmError } from '../../errors/index.js';
import { checkOutput } from '../../host/index.js';
import { say } from '../../i18n/index.js';
import { commandHost, faultAt, sqlHost, stateFile } from '../../service/index.js';
import { choice } from '../choice.js';
import { type CliContext, out } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { bar } from '../render/index.js';
import { openService } from '../session.js';
import { T } from '../texts/index.js';

interface ImportCliOptions {
  server?: string;
  input: string;
  var: string[];
  encoding?: string;
  includeDir?: string;
  dryRun?: boolean;
  restart?: boolean;
  resolve?: string;
  simulate?: boolean;
  state?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];
const RESOLUTIONS = ['rerun', 'skip'] as const;

/** `--var NAME=VALUE` → a map; the name as SQLCMD compares it (case-insensitive). */
export function parseVars(items: string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const item of items) {
    const m = /^([A-Za-z_][\w-]*)=(.*)$/s.exec(item);
    if (!m) throw new XpmError('E_IMPORT_VAR', { value: item });
    vars[m[1]!] = m[2]!;
  }
  return vars;
}

interface ExportCliOptions {
  server: string;
  database: string;
  targetVersion: string;
  out: string;
  targetServer?: string;
  simulate?: boolean;
  state?: string;
  json?: boolean;
}

/** `xpmigrate import-db` and `export-db`: the database move with SQL scripts. */
export function registerDbScript(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  program
    .command('export-db')
    .description(say(T.cmdExportDb, lang))
    .requiredOption('--server <server>', say(T.optExportServer, lang))
    .requiredOption('--database <name>', say(T.optExportDatabase, lang))
    .requiredOption('--target-version <year>', say(T.optExportTarget, lang))
    .requiredOption('--out <file>', say(T.optExportOut, lang))
    .option('--target-server <server>', say(T.optExportTargetServer, lang))
    .option('--simulate', say(T.optSqlSimulate, lang))
    .option('--state <file>', say(T.optState, lang))
    .option('--json', say(T.optJson, lang))
    .action((o: ExportCliOptions) => runExport(ctx, o));
  program
    .command('import-db')
    .description(say(T.cmdImportDb, lang))
    .requiredOption('--input <file>', say(T.optImportInput, lang))
    .option('--server <server>', say(T.optImportServer, lang))
    .option('--var <name=value>', say(T.optImportVar, lang), collect, [])
    .option('--encoding <utf-8|utf-16le|windows-1252>', say(T.optImportEncoding, lang))
    .option('--include-dir <folder>', say(T.optImportIncludeDir, lang))
    .option('--dry-run', say(T.optImportDryRun, lang))
    .option('--restart', say(T.optImportRestart, lang))
    .option('--resolve <rerun|skip>', say(T.optImportResolve, lang))
    .option('--simulate', say(T.optSqlSimulate, lang))
    .option('--state <file>', say(T.optState, lang))
    .option('--json', say(T.optJson, lang))
    .action((o: ImportCliOptions) => (o.dryRun ? dryRun(ctx, o) : runImport(ctx, o)));
}

async function runExport(ctx: CliContext, o: ExportCliOptions): Promise<void> {
  const target = Number(
    choice(o.targetVersion, '--target-version', SCRIPT_TARGETS.map(String)),
  ) as TargetVersion;
  // Before connecting: a typo in --out must not cost a long export.
  checkOutput(o.out);
  const host = commandHost(o.simulate === true, stateFile(o.state, ctx.io.env));
  try {
    const facts = o.targetServer
      ? await withSql(
          await sqlAccess(
            refuseSecrets(o.targetServer, '--target-server'),
            sqlHost(host, ctx.io.env),
            ctx.io.env,
          ),
          async (c) => {
            const f = await serverFacts(c);
            return targetFactsOf(f);
          },
        )
      : undefined;
    const access = await sqlAccess(
      refuseSecrets(o.server, '--server'),
      sqlHost(host, ctx.io.env),
      ctx.io.env,
    );
    const bars = tableBars(ctx, o.json === true);
    const result = await withSql(
      access,
      (c) =>
        exportDatabase(c, {
          target,
          out: o.out,
          server: serverLabel(o.server),
          ...(facts ? { facts } : {}),
          onFindings: (findings) => printFindings(ctx, findings, o.json === true),
          onTable: bars,
        }),
      { database: o.database, longRunning: true },
    );
    if (o.json) out(ctx, JSON.stringify(result, null, 2));
    else {
      const { findings: _, ...figures } = result;
      out(ctx, say(T.exportDone, ctx.lang, { ...figures, target }));
    }
    ctx.exitCode = ExitCode.ok;
  } finally {
    await host?.close();
  }
}

function printFindings(ctx: CliContext, findings: Finding[], json: boolean): void {
  if (json) return; // they are part of the JSON result, or of the error
  for (const f of findings)
    ctx.io.stderr.write(`  ${f.severity === 'block' ? '✗' : '!'} ${f.object}: ${f.text[ctx.lang]}\n`);
}

/** A bar per table: redrawn in place on a terminal; one line per finished table otherwise. */
function tableBars(ctx: CliContext, quiet: boolean): (p: TableProgress) => void {
  const tty = (ctx.io.stderr as NodeJS.WriteStream).isTTY === true;
  return (p) => {
    if (quiet || (!tty && !p.done)) return;
    const share = p.done ? 1 : p.expected ? p.rows / p.expected : 0;
    const line = `  ${p.table} ${bar(share)} ${say(T.exportRows, ctx.lang, { rows: p.rows })}`;
    ctx.io.stderr.write(tty ? `\r${line}${p.done ? '\n' : ''}` : `${line}\n`);
  };
}

/** How the script files are read: `--encoding` (one of sqlcmd's code pages by name), `--include-dir`. */
const scriptReading = (o: ImportCliOptions): { encoding?: ScriptEncoding; includeDir?: string } => ({
  ...(o.encoding === undefined ? {} : { encoding: choice(o.encoding, '--encoding', SCRIPT_ENCODINGS) }),
  ...(o.includeDir === undefined ? {} : { includeDir: o.includeDir }),
});

function dryRun(ctx: CliContext, o: ImportCliOptions): void {
  const batches = [];
  let units = 0;
  let bytes = 0;
  for (const b of splitScript(o.input, { vars: parseVars(o.var), ...scriptReading(o) })) {
    batches.push({
      index: b.index,
      file: b.file,
      startLine: b.startLine,
      repeat: b.repeat,
      bytes: b.bytes,
      onError: b.onError,
    });
    units += b.repeat;
    bytes += b.bytes;
  }
  if (o.json) out(ctx, JSON.stringify({ input: o.input, batches, units, bytes }, null, 2));
  else {
    for (const b of batches)
      out(
        ctx,
        `  ${String(b.index + 1).padStart(5)}  ${b.file}:${b.startLine}${b.repeat > 1 ? `  ×${b.repeat}` : ''}  ${b.bytes} B`,
      );
    out(ctx, say(T.importDryRunSummary, ctx.lang, { batches: batches.length, units, bytes }));
  }
  ctx.exitCode = ExitCode.ok;
}

async function runImport(ctx: CliContext, o: ImportCliOptions): Promise<void> {
  if (!o.server) throw new XpmError('E_INPUT_MISSING', { flag: '--server' });
  const resolve = o.resolve === undefined ? undefined : choice(o.resolve, '--resolve', RESOLUTIONS);
  const vars = parseVars(o.var);
  const reading = scriptReading(o);
  const service = openService(ctx, o.state, { create: true });
  const host = commandHost(o.simulate === true, service.file);
  const server = serverLabel(o.server);
  const imports = service.scriptImports(`import-db:${importId(o.input, server)}`);
  try {
    const access = await sqlAccess(
      refuseSecrets(o.server, '--server'),
      sqlHost(host, ctx.io.env),
      ctx.io.env,
    );
    const folders = await withTargetFolders(vars, () => SqlConnection.open(access));
    if (!o.json && folders !== vars)
      out(
        ctx,
        say(T.importFolders, ctx.lang, { data: folders.DataPath ?? '–', log: folders.LogPath ?? '–' }),
      );
    const print = progressPrinter(ctx, o.json === true);
    const result = await importScript(
      (database) => SqlConnection.open(access, { longRunning: true, ...(database ? { database } : {}) }),
      imports.imports,
      {
        file: o.input,
        server,
        vars: folders,
        ...reading,
        ...(o.restart ? { restart: true } : {}),
        ...(resolve ? { resolve } : {}),
        onProgress: print,
        at: (unit, point) => faultAt(`import-db@${unit}:${point}`),
      },
    );
    report(ctx, o, result);
    ctx.exitCode = ExitCode.ok;
  } finally {
    imports.release();
    await host?.close();
    service.close();
  }
}

/** Batches and bytes: redrawn in place on a terminal, a line per tenth otherwise. */
function progressPrinter(ctx: CliContext, quiet: boolean): (p: ImportProgress) => void {
  let shown = -1;
  const tty = (ctx.io.stderr as NodeJS.WriteStream).isTTY === true;
  let total = 0;
  return (p) => {
    if (p.total > 0) total = p.total;
    if (quiet || p.batch < 0 || total === 0) return;
    const percent = Math.min(100, Math.floor((p.bytes / total) * 100));
    const line = say(T.importProgress, ctx.lang, {
      batch: p.batch + 1,
      units: p.units,
      mb: (p.bytes / 1048576).toFixed(1),
      total: (total / 1048576).toFixed(1),
      percent,
    });
    if (tty) ctx.io.stderr.write(`\r${line}`);
    else if (Math.floor(percent / 10) > shown) {
      shown = Math.floor(percent / 10);
      ctx.io.stderr.write(`${line}\n`);
    }
  };
}

function report(ctx: CliContext, o: ImportCliOptions, r: ImportResult): void {
  if (o.json) {
    out(ctx, JSON.stringify(r, null, 2));
    return;
  }
  if ((ctx.io.stderr as NodeJS.WriteStream).isTTY) ctx.io.stderr.write('\n');
  if (r.alreadyDone) {
    out(ctx, say(T.importAlreadyDone, ctx.lang, { file: o.input }));
    return;
  }
  if (r.resumedAt > 0) out(ctx, say(T.importResumed, ctx.lang, { units: r.resumedAt }));
  if (r.settled) out(ctx, say(T.importSettled, ctx.lang, { how: r.settled }));
  for (const f of r.ignored) out(ctx, `  ! ${say(T.importIgnored, ctx.lang, { ...f })}`);
  if (r.tempdbMarks.length)
    out(ctx, `  ! ${say(T.importTempdbMarks, ctx.lang, { databases: r.tempdbMarks.join(', ') })}`);
  out(ctx, say(T.importDone, ctx.lang, { batches: r.batches, units: r.units, file: o.input }));
}
