import type { Command } from 'commander';
import {
  type ImportProgress,
  type ImportResult,
  importId,
  importScript,
  splitScript,
} from '../../actors/sql-script/index.js';
import { SqlConnection, serverLabel, sqlAccess } from '../../actors/sql-server/index.js';
import { XpmError } from '../../errors/index.js';
import { SimulatedHost } from '../../host/index.js';
import { say } from '../../i18n/index.js';
import { acquireRunLock, ScriptImports } from '../../persistence/index.js';
import { faultAt } from '../../runtime/index.js';
import { type CliContext, out } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { openStore } from '../session.js';
import { T } from '../texts.js';

interface ImportCliOptions {
  server?: string;
  input: string;
  var: string[];
  dryRun?: boolean;
  restart?: boolean;
  resolve?: string;
  simulate?: boolean;
  state?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

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

/** `xpmigrate import-db` and `export-db`: the database move with SQL scripts. */
export function registerDbScript(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  program
    .command('import-db')
    .description(say(T.cmdImportDb, lang))
    .requiredOption('--input <file>', say(T.optImportInput, lang))
    .option('--server <server>', say(T.optImportServer, lang))
    .option('--var <name=value>', say(T.optImportVar, lang), collect, [])
    .option('--dry-run', say(T.optImportDryRun, lang))
    .option('--restart', say(T.optImportRestart, lang))
    .option('--resolve <rerun|skip>', say(T.optImportResolve, lang))
    .option('--simulate', say(T.optSqlSimulate, lang))
    .option('--state <file>', say(T.optState, lang))
    .option('--json', say(T.optJson, lang))
    .action((o: ImportCliOptions) => (o.dryRun ? dryRun(ctx, o) : runImport(ctx, o)));
}

function dryRun(ctx: CliContext, o: ImportCliOptions): void {
  const batches = [];
  let units = 0;
  let bytes = 0;
  for (const b of splitScript(o.input, { vars: parseVars(o.var) })) {
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
  if (o.resolve !== undefined && o.resolve !== 'rerun' && o.resolve !== 'skip')
    throw new XpmError('E_INPUT_CHOICE', { flag: '--resolve', value: o.resolve, allowed: 'rerun, skip' });
  const vars = parseVars(o.var);
  const session = openStore(ctx, o.state);
  const host = o.simulate ? new SimulatedHost(SimulatedHost.fileFor(session.file)) : undefined;
  const server = serverLabel(o.server);
  const lock = acquireRunLock(session.store.db, `import-db:${importId(o.input, server)}`);
  try {
    const access = await sqlAccess(o.server, host, ctx.io.env);
    const print = progressPrinter(ctx, o.json === true);
    const result = await importScript(
      (database) => SqlConnection.open(access, { longRunning: true, ...(database ? { database } : {}) }),
      new ScriptImports(session.store.db),
      {
        file: o.input,
        server,
        vars,
        ...(o.restart ? { restart: true } : {}),
        ...(o.resolve ? { resolve: o.resolve as 'rerun' | 'skip' } : {}),
        onProgress: print,
        at: (unit, point) => faultAt(`import-db@${unit}:${point}`),
      },
    );
    report(ctx, o, result);
    ctx.exitCode = ExitCode.ok;
  } finally {
    lock.release();
    await host?.close();
    session.close();
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
  for (const f of r.ignored) out(ctx, `  ! ${f.file}:${f.line} batch ${f.batch}: ${f.number} ${f.message}`);
  out(ctx, say(T.importDone, ctx.lang, { batches: r.batches, units: r.units, file: o.input }));
}
