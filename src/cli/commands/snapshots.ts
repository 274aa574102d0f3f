import type { Command } from 'commander';
import { snapshotProvider } from '../../actors/snapshots/index.js';
import { isXpmError, XpmError } from '../../errors/index.js';
import { say } from '../../i18n/index.js';
import { acquireRunLock, type RunRow, type SnapshotRow } from '../../persistence/index.js';
import {
  faultStep,
  findRun,
  lostSince,
  type RunSettings,
  recordRevertedStore,
  requestRollback,
  rewindRun,
  watchMirror,
} from '../../runtime/index.js';
import { type CliContext, out } from '../context.js';
import { confirmAction } from '../prompt.js';
import { hostFor, openStore, operatorName, type StoreSession } from '../session.js';
import { T } from '../texts.js';

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

const settingsOf = (row: RunRow) => JSON.parse(row.optionsJson) as RunSettings;

/** The VM a run's snapshots belong to: chains are counted per VM. */
function vmOf(row: RunRow): string {
  const s = settingsOf(row).snapshots;
  return s?.vm ?? (row.simulate ? 'simulated VM' : (s?.provider ?? 'manual'));
}

/**
 * The VM's whole chain as its provider lists it (snapshots taken outside xpmigrate count too);
 * undefined when it cannot tell (manual) or cannot be reached (then said as a warning).
 */
async function providerChain(row: RunRow, file: string): Promise<{ length?: number; error?: string }> {
  const host = hostFor(row, file);
  try {
    const listed = await snapshotProvider(settingsOf(row).snapshots, host).list();
    return listed ? { length: listed.length } : {};
  } catch (error) {
    return { error: isXpmError(error) ? error.code : (error as Error).message };
  } finally {
    await host.close?.();
  }
}

async function list(ctx: CliContext, o: Common): Promise<void> {
  const session = openStore(ctx, o.state);
  try {
    const runs = new Map(session.store.runs().map((r) => [r.id, r]));
    const rows = session.store.snapshots(o.run ? findRun(session.store, session.file, o.run).id : undefined);
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
      const chain = await providerChain(runs.get(ours.at(-1)!.runId)!, session.file);
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
    session.close();
  }
}

async function ask(ctx: CliContext, o: Common, action: string, question: string): Promise<boolean> {
  if (o.yes) return true;
  const streams = { input: ctx.io.stdin, output: ctx.io.stdout };
  if (await confirmAction(action, question, ctx.lang, streams)) return true;
  out(ctx, say(T.aborted, ctx.lang));
  return false;
}

async function remove(ctx: CliContext, names: string[], o: Common & { all?: boolean }): Promise<void> {
  const session = openStore(ctx, o.state);
  try {
    const present = session.store.snapshots().filter((s) => s.removedAt === null);
    let chosen: SnapshotRow[];
    if (o.all) {
      const runId = findRun(session.store, session.file, o.run).id;
      chosen = present.filter((s) => s.runId === runId);
    } else {
      if (names.length === 0)
        throw new XpmError('E_USAGE', { detail: 'NAME… or --all', command: 'snapshots remove' });
      chosen = names.map((name) => {
        const found = present.findLast((s) => s.name === name && (!o.run || s.runId.startsWith(o.run)));
        if (!found) throw new XpmError('E_SNAPSHOT_NOT_FOUND', { name, file: session.file });
        return found;
      });
    }
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
    for (const snap of chosen) {
      const row = session.store.run(snap.runId)!;
      const host = hostFor(row, session.file);
      try {
        await snapshotProvider(settingsOf(row).snapshots, host).remove(snap.name);
      } finally {
        await host.close?.();
      }
      session.store.markSnapshotRemoved(snap.id);
      session.store.journal(snap.runId, [
        {
          kind: 'snapshot-removed',
          stepId: snap.stepId,
          who: operatorName(o.by),
          detail: { snapshot: snap.name },
        },
      ]);
      out(ctx, say(T.snapshotRemoved, ctx.lang, { name: snap.name }));
    }
  } finally {
    session.close();
  }
}

/**
 * Reverts the VM and takes the run back to the snapshot's checkpoint. The request is committed
 * (and mirrored) first; the store is closed while the VM is reverted, since a store on the VM
 * is reverted with it. Afterwards: a reverted store is recorded with what it lost; a store that
 * lives elsewhere is rewound by the runtime.
 */
async function rollback(ctx: CliContext, o: Common & { to: string }): Promise<void> {
  const who = operatorName(o.by);
  let session: StoreSession = openStore(ctx, o.state);
  try {
    const named = session.store.snapshots().filter((s) => s.name === o.to);
    if (named.length === 0) throw new XpmError('E_SNAPSHOT_NOT_FOUND', { name: o.to, file: session.file });
    const row = o.run ? findRun(session.store, session.file, o.run) : session.store.run(named.at(-1)!.runId)!;
    const snap = named.findLast((s) => s.runId === row.id);
    if (!snap)
      throw new XpmError('E_SNAPSHOT_OTHER_RUN', { name: o.to, run: row.id, owner: named.at(-1)!.runId });
    if (snap.removedAt) throw new XpmError('E_SNAPSHOT_REMOVED', { name: snap.name, at: snap.removedAt });

    const host = hostFor(row, session.file);
    const provider = snapshotProvider(settingsOf(row).snapshots, host);
    const question =
      provider.kind === 'manual'
        ? `${say(T.manualRevert, ctx.lang, { name: snap.name })}\n${say(T.confirmRollback, ctx.lang, { name: snap.name, at: snap.at, step: snap.stepId })}`
        : say(T.confirmRollback, ctx.lang, { name: snap.name, at: snap.at, step: snap.stepId });
    if (!(await ask(ctx, o, 'rollback', question))) return;

    let lock = acquireRunLock(session.store.db, row.id);
    watchMirror(session.store, row);
    const requestSeq = requestRollback(session.store, row.id, snap, who);
    const requestAt = session.store.checkpointAt(row.id, requestSeq)!.at;
    const before = session.store.journalRows(row.id);
    lock.release();
    session.close(); // the VM is off while it is reverted, and so is a store on it
    try {
      faultStep('rollback'); // tests: XPMIGRATE_FAULT=rollback@during-effect dies with the reverted VM
      await provider.revert(snap.name);
    } catch (error) {
      session = openStore(ctx, o.state);
      session.store.journal(row.id, [
        { kind: 'rollback-failed', who, detail: { snapshot: snap.name, error: (error as Error).message } },
      ]);
      throw error;
    } finally {
      await host.close?.();
    }

    session = openStore(ctx, o.state);
    lock = acquireRunLock(session.store.db, row.id);
    try {
      const { lost: viaMirror } = watchMirror(session.store, row);
      const last = session.store.lastCheckpoint(row.id)!;
      const reverted =
        viaMirror !== undefined || session.store.checkpointAt(row.id, requestSeq)?.at !== requestAt;
      let report: Record<string, unknown>;
      if (reverted) {
        const lost = viaMirror ?? lostSince(before, session.store.journalRows(row.id), last.seq);
        if (!viaMirror) recordRevertedStore(session.store, row.id, lost, 'rollback', undefined);
        report = { storeReverted: true, lost: lost.entries.length };
        if (!o.json)
          out(ctx, say(T.rollbackStoreReverted, ctx.lang, { lost: lost.entries.length, run: row.id }));
      } else {
        const undone = rewindRun(session.store, row.id, snap, who);
        report = { storeReverted: false, undone };
        if (!o.json)
          out(
            ctx,
            say(T.rollbackDone, ctx.lang, { name: snap.name, undone: undone.join(', ') || '–', run: row.id }),
          );
      }
      if (o.json) out(ctx, JSON.stringify({ runId: row.id, snapshot: snap.name, ...report }, null, 2));
    } finally {
      lock.release();
    }
  } finally {
    session.close();
  }
}
