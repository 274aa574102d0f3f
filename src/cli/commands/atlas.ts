import type { Command } from 'commander';
import {
  type AtlasChange,
  type AtlasEdit,
  applyAtlas,
  findAtlasXml,
  previewAtlas,
  readAtlas,
  type UseLogin,
} from '../../actors/atlas-xml/index.js';
import { XpmError } from '../../errors/index.js';
import { type Host, WindowsHost } from '../../host/index.js';
import { say } from '../../i18n/index.js';
import { rehearsalMachine, stateFile } from '../../service/index.js';
import { type CliContext, out } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { T } from '../texts/index.js';

interface Where {
  file?: string;
  simulate?: boolean;
  state?: string;
  json?: boolean;
}

interface Edits extends Where {
  server?: string;
  database?: string[];
  renameInstance?: string[];
  renameDatabase?: string[];
  force?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerAtlas(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  const atlas = program.command('atlas').description(say(T.cmdAtlas, lang));
  const where = (cmd: Command) =>
    cmd
      .option('--file <file>', say(T.optAtlasFile, lang))
      .option('--simulate', say(T.optAtlasSimulate, lang))
      .option('--state <file>', say(T.optState, lang))
      .option('--json', say(T.optJson, lang));
  const edits = (cmd: Command) =>
    where(cmd)
      .option('--server <host\\instance>', say(T.optAtlasServer, lang))
      .option('--database <name>', say(T.optAtlasDatabase, lang), collect)
      .option('--rename-instance <old=new>', say(T.optRenameInstance, lang), collect)
      .option('--rename-database <old=new>', say(T.optRenameDatabase, lang), collect);

  where(atlas.command('show').description(say(T.cmdAtlasShow, lang))).action((o: Where) => show(ctx, o));
  edits(atlas.command('diff').description(say(T.cmdAtlasDiff, lang))).action((o: Edits) => diff(ctx, o));
  edits(atlas.command('apply').description(say(T.cmdAtlasApply, lang)))
    .option('--force', say(T.optAtlasForce, lang))
    .action((o: Edits) => apply(ctx, o));
}

/** The file and the host to ask about services: --file, the simulation, or the registry on Windows. */
async function locate(ctx: CliContext, o: Where): Promise<{ file: string; host?: Pick<Host, 'services'> }> {
  if (o.simulate) {
    const sim = rehearsalMachine(stateFile(o.state, ctx.io.env));
    if (!sim) throw new XpmError('E_NO_RUNS', { file: stateFile(o.state, ctx.io.env) });
    const host = {
      services: async () => Object.entries(sim.services).map(([name, running]) => ({ name, running })),
    };
    return { file: o.file ?? findAtlasXml(sim.installDir), host };
  }
  const host = process.platform === 'win32' ? new WindowsHost({ env: ctx.io.env }) : undefined;
  if (o.file) return { file: o.file, ...(host ? { host } : {}) };
  if (!host) throw new XpmError('E_ATLAS_FILE_REQUIRED');
  return { file: findAtlasXml(await host.installDir()), host };
}

async function show(ctx: CliContext, o: Where): Promise<void> {
  const { file } = await locate(ctx, o);
  const doc = readAtlas(file);
  const entries = doc.entries.map((e) => ({
    name: e.name,
    element: e.element,
    where: e.where.kind === 'attribute' ? `@${e.where.attribute}` : 'text',
    line: e.line,
    server: e.server?.raw ?? null,
    host: e.server?.host ?? null,
    instance: e.server?.instance ?? null,
    port: e.server?.port ?? null,
    database: e.database ?? null,
    integratedSecurity: e.integratedSecurity,
    user: e.user ?? null, // never the password
    useLogin: e.useLogin ?? null,
    // Where the useLogin that counts stands: the entry's own, or an enclosing element's.
    useLoginInEffect: e.useLoginInEffect ?? null,
  }));
  if (o.json) {
    out(
      ctx,
      JSON.stringify(
        {
          file,
          encoding: doc.encoding,
          lineEnding: doc.lineEnding,
          databasesLine: doc.databasesLine,
          entries,
          problems: doc.problems,
        },
        null,
        2,
      ),
    );
    return;
  }
  out(
    ctx,
    say(T.atlasFound, ctx.lang, {
      file,
      encoding: doc.encoding,
      eol: doc.lineEnding,
      count: entries.length,
      line: doc.databasesLine,
    }),
  );
  const rows = [
    ['name', 'line', 'server', 'database', 'login', 'useLogin'],
    ...entries.map((e) => [
      e.name,
      String(e.line),
      e.server ?? '–',
      e.database ?? '–',
      e.integratedSecurity ? 'Windows' : `SQL ${e.user ?? ''}`.trim(),
      useLoginText(e.useLoginInEffect, ctx.lang),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) out(ctx, `  ${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd());
  for (const p of doc.problems) out(ctx, say(T.atlasProblem, ctx.lang, { ...p }));
}

function editsOf(ctx: CliContext, o: Edits): AtlasEdit[] {
  const pair = (value: string) => {
    const m = /^([^=]+)=([^=]+)$/.exec(value);
    if (!m) throw usage(say(T.atlasBadPair, ctx.lang, { value }));
    return { from: m[1]!.trim(), to: m[2]!.trim() };
  };
  const list: AtlasEdit[] = [
    ...(o.server
      ? [{ kind: 'point' as const, server: o.server, ...(o.database ? { databases: o.database } : {}) }]
      : []),
    ...(o.renameInstance ?? []).map((v) => ({ kind: 'rename-instance' as const, ...pair(v) })),
    ...(o.renameDatabase ?? []).map((v) => ({ kind: 'rename-database' as const, ...pair(v) })),
  ];
  if (list.length === 0) throw usage(say(T.atlasNoEdit, ctx.lang));
  return list;
}

function usage(detail: string): XpmError {
  return new XpmError('E_USAGE', { detail, command: 'atlas' }, { exitCode: ExitCode.badInput });
}

async function diff(ctx: CliContext, o: Edits): Promise<void> {
  const edits = editsOf(ctx, o);
  const { file } = await locate(ctx, o);
  const preview = previewAtlas(file, edits);
  if (o.json) {
    out(ctx, JSON.stringify({ file, changes: preview.changes, diff: preview.diff }, null, 2));
    return;
  }
  if (preview.changes.length === 0) out(ctx, say(T.atlasNothing, ctx.lang, { file }));
  else {
    ctx.io.stdout.write(preview.diff);
    for (const line of whyUseLogin(preview.changes, ctx.lang)) out(ctx, line);
  }
}

/** `Windows`, or `Windows (<Databases>, line 3)` when it comes from an enclosing element; `–` when none. */
function useLoginText(u: UseLogin | null | undefined, lang: CliContext['lang']): string {
  if (!u) return '–';
  return u.own
    ? u.value
    : say(T.atlasUseLoginFrom, lang, { value: u.value, element: u.element, line: u.line });
}

/** Why each useLogin="Windows" is set: none was in effect, or the one in effect said something else. */
function whyUseLogin(changes: AtlasChange[], lang: CliContext['lang']): string[] {
  return changes
    .filter((c) => c.what === 'useLogin')
    .map((c) => {
      const u = c.because?.inEffect;
      const why = !u
        ? say(T.atlasUseLoginMissing, lang)
        : u.own
          ? say(T.atlasUseLoginOwn, lang, { value: u.value })
          : say(T.atlasUseLoginInherited, lang, { value: u.value, element: u.element, line: u.line });
      return say(T.atlasUseLoginAdded, lang, { entry: c.entry, line: c.line, why });
    });
}

async function apply(ctx: CliContext, o: Edits): Promise<void> {
  const edits = editsOf(ctx, o);
  const { file, host } = await locate(ctx, o);
  const result = await applyAtlas(file, edits, {
    ...(host ? { host: host as Host } : {}),
    force: o.force === true,
  });
  if (o.json) {
    out(
      ctx,
      JSON.stringify(
        { file, changes: result.changes, backup: result.backup ?? null, diff: result.diff },
        null,
        2,
      ),
    );
    return;
  }
  if (result.changes.length === 0) out(ctx, say(T.atlasNothing, ctx.lang, { file }));
  else {
    ctx.io.stdout.write(result.diff);
    for (const line of whyUseLogin(result.changes, ctx.lang)) out(ctx, line);
    out(
      ctx,
      say(T.atlasApplied, ctx.lang, { file, count: result.changes.length, backup: result.backup ?? '' }),
    );
  }
}
