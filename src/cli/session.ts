import { hostname, userInfo } from 'node:os';
import { failureTexts } from '../errors/index.js';
import { type Host, SimulatedHost, WindowsHost } from '../host/index.js';
import { say } from '../i18n/index.js';
import {
  acquireRunLock,
  openDb,
  type RunRow,
  type RunStatus,
  Store,
  stateFile,
} from '../persistence/index.js';
import type { Plan } from '../plan/index.js';
import { drive, fault, openRun, type Progress, type RunSettings, watchMirror } from '../runtime/index.js';
import { type CliContext, out } from './context.js';
import { ExitCode } from './exit-codes.js';
import { bar } from './render/index.js';
import { T } from './texts.js';

export interface StoreSession {
  store: Store;
  file: string;
  close(): void;
}

export function openStore(ctx: CliContext, explicit: string | undefined): StoreSession {
  const file = stateFile(explicit, ctx.io.env);
  const db = openDb(file);
  return { store: new Store(db), file, close: () => db.close() };
}

/** The host a run acts on: the simulation beside the store, or this Windows server. */
export function hostFor(row: Pick<RunRow, 'simulate' | 'optionsJson'>, storeFile: string): Host {
  if (row.simulate)
    return new SimulatedHost(SimulatedHost.fileFor(storeFile), {}, () => fault('during-effect'));
  const { mediaDir } = JSON.parse(row.optionsJson) as RunSettings;
  return new WindowsHost(mediaDir ? { mediaDir } : {});
}

export function operatorName(explicit: string | undefined): string {
  if (explicit) return explicit;
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return hostname();
  }
}

/** Locks the run, drives it as far as it goes, prints progress; returns the exit code. */
export async function driveRun(
  ctx: CliContext,
  session: StoreSession,
  row: RunRow,
  options: { autoConfirm: boolean; who: string },
): Promise<{ status: RunStatus; exitCode: ExitCode }> {
  const lock = acquireRunLock(session.store.db, row.id);
  try {
    const { mirror, lost } = watchMirror(session.store, row);
    if (lost)
      out(ctx, `  ⟲ ${say(T.rollbackDetected, ctx.lang, { seq: lost.storeSeq, lost: lost.entries.length })}`);
    const run = openRun(session.store, row);
    const host = hostFor(row, session.file);
    const total = run.steps.length;
    const print = (p: Progress) => {
      const line = progressLine(ctx, run.plan, p, run.actor.getSnapshot().context.done.length, total);
      if (line) out(ctx, line);
    };
    const status = await drive(session.store, run, {
      host,
      autoConfirm: options.autoConfirm,
      who: options.who,
      onProgress: print,
    }).finally(() => host.close?.());
    run.actor.stop();
    if (mirror?.error) {
      out(ctx, `  ! ${say(T.mirrorFailed, ctx.lang, { dir: mirror.dir, detail: mirror.error })}`);
      session.store.journal(row.id, [
        { kind: 'mirror-failed', who: 'xpmigrate', detail: { dir: mirror.dir, error: mirror.error } },
      ]);
    }
    if (status === 'done' || status === 'aborted') {
      out(ctx, say(status === 'done' ? T.runDone : T.runAborted, ctx.lang, { run: row.id }));
    }
    return { status, exitCode: exitCodeOf(status) };
  } finally {
    lock.release();
  }
}

/** A failure in the reader's language when it is one of ours, with its remedy. */
function failureText(p: Extract<Progress, { type: 'step-failed' }>, lang: CliContext['lang']): string {
  const { text, remedy } = failureTexts(p.code, p.params, p.detail, lang);
  return `${p.code} ${text}${remedy ? `\n      → ${remedy}` : ''}`;
}

/** BACKUP/RESTORE progress: a bar redrawn in place on a terminal; quarter marks otherwise. */
function progressBar(p: Extract<Progress, { type: 'progress' }>): string {
  const line = `      ${p.operation} ${p.database} ${bar(p.percent / 100)} ${String(p.percent).padStart(3)}%`;
  if (process.stdout.isTTY) {
    process.stdout.write(`\r${line}${p.percent >= 100 ? '\n' : ''}`);
    return '';
  }
  return p.percent % 50 === 0 ? line : '';
}

export function exitCodeOf(status: RunStatus): ExitCode {
  switch (status) {
    case 'done':
      return ExitCode.ok;
    case 'waiting-operator':
      return ExitCode.waitingOperator;
    case 'waiting-reboot':
      return ExitCode.waitingReboot;
    default:
      return ExitCode.failed;
  }
}

export function stepTitle(plan: Plan, stepId: string, lang: CliContext['lang']): string {
  for (const phase of plan.phases) {
    const step = phase.steps.find((s) => s.def.id === stepId);
    if (step) return step.def.title[lang];
  }
  return stepId;
}

function progressLine(ctx: CliContext, plan: Plan, p: Progress, done: number, total: number): string {
  const { lang } = ctx;
  const counter = `[${String(done).padStart(String(total).length)}/${total}]`;
  switch (p.type) {
    case 'step-done':
      return `${counter} ✓ ${stepTitle(plan, p.stepId, lang)}${p.by ? ` (${p.by})` : ''}`;
    case 'step-failed':
      return `${counter} ✗ ${say(T.progressFailed, lang)} ${stepTitle(plan, p.stepId, lang)}: ${failureText(p, lang)}`;
    case 'progress':
      return progressBar(p);
    case 'step-skipped':
      return `${counter} – ${say(T.progressSkipped, lang)}: ${stepTitle(plan, p.stepId, lang)} (${p.reason})`;
    case 'recovered':
      return `${counter} ↺ ${stepTitle(plan, p.stepId, lang)}: ${say(T.progressRecovered, lang, { policy: p.policy, answer: p.answer })}`;
    case 'command':
      if (p.verdict === 'refuse')
        return `  ! ${p.command} ${p.stepId}: ${say(T.progressRefused, lang, { reason: p.reason ?? '' })}`;
      if (p.verdict === 'duplicate')
        return `  · ${p.command} ${p.stepId}: ${say(T.progressDuplicate, lang, { reason: p.reason ?? '' })}`;
      return '';
    case 'waiting': {
      const step = p.stepId ? stepTitle(plan, p.stepId, lang) : '';
      if (p.status === 'waiting-reboot') return `  … ${say(T.waitReboot, lang)}`;
      if (p.status === 'failed') return `  ✗ ${say(T.waitFailed, lang, { step, id: p.stepId ?? '' })}`;
      if (p.status === 'waiting-operator') {
        const fields =
          plan.phases.flatMap((ph) => ph.steps).find((s) => s.def.id === p.stepId)?.def.evidence ?? [];
        const evidence = fields.map((f) => ` --evidence ${f.key}=…`).join('');
        return `  ? ${say(T.waitOperator, lang, { step })}\n    ${say(T.waitConfirmHint, lang, { id: p.stepId ?? '', evidence })}`;
      }
      return '';
    }
  }
}
