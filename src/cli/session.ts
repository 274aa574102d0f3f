import { hostname, userInfo } from 'node:os';
import { failureTexts } from '../errors/index.js';
import { say } from '../i18n/index.js';
import type { Plan } from '../plan/index.js';
import {
  type DriveOutcome,
  type DriveRequest,
  type Progress,
  type ProgressPlace,
  RunService,
  type RunStatus,
  stateFile,
} from '../service/index.js';
import { type CliContext, out } from './context.js';
import { ExitCode } from './exit-codes.js';
import { bar } from './render/index.js';
import { T } from './texts/index.js';

/** The run service on the store named by --state, XPMIGRATE_STATE or the default. */
export function openService(ctx: CliContext, explicit: string | undefined): RunService {
  return RunService.open(stateFile(explicit, ctx.io.env));
}

export function operatorName(explicit: string | undefined): string {
  if (explicit) return explicit;
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return hostname();
  }
}

/** How the CLI drives a run: progress printed as it goes; the exit code from where it stopped. */
export async function driveRun(
  ctx: CliContext,
  run: (how: DriveRequest) => Promise<DriveOutcome>,
  who: string,
  autoConfirm = false,
): Promise<DriveOutcome> {
  const onProgress = (p: Progress, place: ProgressPlace) => {
    const line = progressLine(ctx, p, place);
    if (line) out(ctx, line);
  };
  const outcome = await run({ who, autoConfirm, onProgress });
  ctx.exitCode = exitCodeOf(outcome.status);
  return outcome;
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

function progressLine(ctx: CliContext, p: Progress, { plan, done, total }: ProgressPlace): string {
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
        return `  ! ${p.command} ${p.stepId}: ${say(T.progressRefused, lang, { reason: p.reason?.[lang] ?? '' })}`;
      if (p.verdict === 'duplicate')
        return `  · ${p.command} ${p.stepId}: ${say(T.progressDuplicate, lang, { reason: p.reason?.[lang] ?? '' })}`;
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
    case 'rollback-detected':
      return `  ⟲ ${say(T.rollbackDetected, lang, { seq: p.storeSeq, lost: p.lost })}`;
    case 'mirror-failed':
      return `  ! ${say(T.mirrorFailed, lang, { dir: p.dir, detail: p.detail })}`;
    case 'run-started':
      return say(T.runStarted, lang, { run: p.runId, steps: total });
    case 'run-ended':
      return say(p.status === 'done' ? T.runDone : T.runAborted, lang, { run: p.runId });
  }
}
