import type { Command } from 'commander';
import { XpmError } from '../../errors/index.js';
import { say } from '../../i18n/index.js';
import type { RunRecord, RunService, SnapshotRow } from '../../service/index.js';
import { type CliContext, out } from '../context.js';
import { confirmAction } from '../prompt.js';
import { openService, operatorName } from '../session.js';
import { T } from '../texts/index.js';

interface Common {
  state?: string;
  run?: string;
  json?: boolean;
  yes?: boolean;
  by?: string;
}

/** A chain longer than this slows the VM down; a snapshot older than this is a risk (vendor/VMware advice). */
const MAX_CHAIN = 3;
const MAX_AGE_HOURS = 72;

export function registerSnapshots(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  const snapshots = program.command('snapshots').description(say(T.cmdSnapshots, lang));
  snapshots
    .command('list', { isDefault: true })
    .description(say(T.cmdSnapshotsList, lang))
    .option('--state <file>', say(T.optState, lang))
    .option('--run <id>', say(T.optRun, lang))
    .option('--json', say(T.optJson, lang))
    .action(async (o: Common) => list(ctx, o));
  snapshots
    .command('remove')
    .description(say(T.cmdSnapshotsRemove, lang))
    .argument('[names...]')
    .option('--all', say(T.optAllSnapshots, lang))
    .option('--state <file>', say(T.optState, lang))
    .option('--run <id>', say(T.optRun, lang))
    .option('--yes', say(T.optYes, lang))
    .option('--by <name>', say(T.optBy, lang))
    .action((names: string[], o: Common & { all?: boolean }) => remove(ctx, names, o));
  program
    .command('rollback')
    .description(say(T.cmdRollback, lang))
    .requiredOption('--to <snapshot>', say(T.optTo, lang))
    .option('--state <file>', say(T.optState, lang))
    .option('--run <id>', say(T.optRun, lang))
    .option('--yes', say(T.optYes, lang))
    .option('--json', say(T.optJson, lang))
    .option('--by <name>', say(T.optBy, lang))
    .action((o: Common & { to: string }) => rollback(ctx, o));
}

/** The VM a run's snapshots belong to: chains are counted per VM. */
function vmOf({ row, settings }: RunRecord): string {
  const s = settings.snapshots;
  return s?.vm ?? (row.simulate ? 'simulated VM' : (s?.provider ?? 'manual'));
}

async function list(ctx: CliContext, o: Common): Promise<void> {
  const service = openService(ctx, o.state);
  try {
    const runs = new Map(service.runs().map((r) => [r.row.id, r]));
    const rows = service.snapshots(o.run);
    const now = Date.now();
    const snapshots = rows.map((s) => ({
      name: s.name,
      runId: s.runId,
      stepId: s.stepId,
      provider: s.provider,
      vm: vmOf(runs.get(s.runId)!),
      checkpoint: s.checkpointSeq,
      at: s.at,
      ageHours: Math.floor((now - Date.parse(s.at)) / 3_600_000),
      removedAt: s.removedAt,
    }));
    const present = snapshots.filter((s) => s.removedAt === null);
    const warnings: Array<{ code: string; text: string }> = [];
    for (const vm of new Set(present.map((s) => s.vm))) {
      const ours = present.filter((s) => s.vm === vm);
      const chain = await service.providerChain(ours.at(-1)!.runId);
      if (chain.error)
        warnings.push({
          code: 'provider',
          text: say(T.snapshotsProvider, ctx.lang, { vm, detail: chain.error }),
        });
      const count = Math.max(ours.length, chain.length ?? 0);
      if (count > MAX_CHAIN)
        warnings.push({ code: 'chain', text: say(T.snapshotsChain, ctx.lang, { count, vm }) });
    }
    for (const s of present.filter((x) => x.ageHours > MAX_AGE_HOURS)) {
      warnings.push({
        code: 'old',
        text: say(T.snapshotsOld, ctx.lang, { name: s.name, hours: s.ageHours }),
      });
    }
    if (o.json) {
      out(ctx, JSON.stringify({ snapshots, warnings }, null, 2));
      return;
    }
    if (snapshots.length === 0) out(ctx, say(T.snapshotsNone, ctx.lang));
    for (const s of snapshots) {
      const removed = s.removedAt ? `  (removed ${s.removedAt})` : '';
      out(
        ctx,
        `${s.name}  ${s.provider}  ${s.at}  ${s.ageHours} h  ${s.stepId}  run ${s.runId.slice(0, 8)}${removed}`,
      );
    }
    for (const w of warnings) out(ctx, w.text);
  } finally {
    service.close();
  }
}

async function ask(ctx: CliContext, o: Common, action: string, question: string): Promise<boolean> {
  if (o.yes) return true;
  const streams = { input: ctx.io.stdin, output: ctx.io.stdout };
  if (await confirmAction(action, question, ctx.lang, streams)) return true;
  out(ctx, say(T.aborted, ctx.lang));
  return false;
}

/** The snapshots named (or all of the run's), each found among those still present. */
function chosenSnapshots(service: RunService, names: string[], o: Common & { all?: boolean }): SnapshotRow[] {
  const present = service.snapshots().filter((s) => s.removedAt === null);
  if (o.all) {
    const runId = service.find(o.run).row.id;
    return present.filter((s) => s.runId === runId);
  }
  if (names.length === 0)
    throw new XpmError('E_USAGE', { detail: 'NAME… or --all', command: 'snapshots remove' });
  return names.map((name) => {
    const found = present.findLast((s) => s.name === name && (!o.run || s.runId.startsWith(o.run)));
    if (!found) throw new XpmError('E_SNAPSHOT_NOT_FOUND', { name, file: service.file });
    return found;
  });
}

async function remove(ctx: CliContext, names: string[], o: Common & { all?: boolean }): Promise<void> {
  const service = openService(ctx, o.state);
  try {
    const chosen = chosenSnapshots(service, names, o);
    if (chosen.length === 0) {
      out(ctx, say(T.snapshotsNone, ctx.lang));
      return;
    }
    const providers = [...new Set(chosen.map((s) => s.provider))].join(', ');
    const question = say(T.confirmRemove, ctx.lang, {
      count: chosen.length,
      provider: providers,
      names: chosen.map((s) => s.name).join(', '),
    });
    if (!(await ask(ctx, o, 'snapshots remove', question))) return;
    await service.removeSnapshots(chosen, operatorName(o.by), (snap) =>
      out(ctx, say(T.snapshotRemoved, ctx.lang, { name: snap.name })),
    );
  } finally {
    service.close();
  }
}

/** Reverts the VM and takes the run back to the snapshot's checkpoint (RunService.rollbackTo). */
async function rollback(ctx: CliContext, o: Common & { to: string }): Promise<void> {
  const service = openService(ctx, o.state);
  try {
    const target = service.rollbackTarget(o.to, o.run);
    const snap = target.snapshot;
    const confirm = say(T.confirmRollback, ctx.lang, { name: snap.name, at: snap.at, step: snap.stepId });
    const question =
      target.provider === 'manual'
        ? `${say(T.manualRevert, ctx.lang, { name: snap.name })}\n${confirm}`
        : confirm;
    if (!(await ask(ctx, o, 'rollback', question))) return;
    const done = await service.rollbackTo(target, operatorName(o.by));
    if (o.json) out(ctx, JSON.stringify(done, null, 2));
    else if (done.storeReverted)
      out(ctx, say(T.rollbackStoreReverted, ctx.lang, { lost: done.lost, run: done.runId }));
    else
      out(
        ctx,
        say(T.rollbackDone, ctx.lang, {
          name: snap.name,
          undone: done.undone.join(', ') || '–',
          run: done.runId,
        }),
      );
  } finally {
    service.close();
  }
}
