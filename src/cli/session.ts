import { hostname, userInfo } from 'node:os';
import { MACHINE_ROLE_TEXT, snapshotName } from '../catalog/index.js';
import { failureTexts } from '../errors/index.js';
import { type Lang, say } from '../i18n/index.js';
import { type Plan, warningText } from '../plan/index.js';
import { downtimeLines } from '../report/index.js';
import {
  checkOperatorText,
  type DriveOutcome,
  type DriveRequest,
  type Elsewhere,
  OPERATOR_TEXT_LIMITS,
  type ProgressPlace,
  type RunEvent,
  RunService,
  type RunStatus,
  sqliteDriver,
  stateFile,
} from '../service/index.js';
import { type CliContext, out } from './context.js';
import { ExitCode } from './exit-codes.js';
import { bar } from './render/index.js';
import { T } from './texts/index.js';

/** The run service on the store named by --state, XPMIGRATE_STATE or the default. */
/** The service on the store `--state` names; `create` only for what begins something. */
export function openService(
  ctx: CliContext,
  explicit: string | undefined,
  o: { create?: boolean; named?: boolean; afterLoss?: boolean } = {},
): RunService {
  return RunService.open(stateFile(explicit, ctx.io.env), {
    ...o,
    driver: sqliteDriver(ctx.io.env),
    env: ctx.io.env,
  });
}

/**
 * With more than one run unfinished (`start --new-run`) and no `--run`: says on stderr which run
 * the command acts on (the newest) and names the others, so nobody confirms the wrong one.
 */
export function sayWhichRun(ctx: CliContext, service: RunService, explicit: string | undefined): void {
  if (explicit !== undefined) return;
  const unfinished = service.runs().filter((r) => r.row.status !== 'done' && r.row.status !== 'aborted');
  if (unfinished.length < 2) return;
  const acting = service.find().row.id;
  const others = unfinished.map((r) => r.row.id).filter((id) => id !== acting);
  ctx.io.stderr.write(
    `${say(T.whichRun, ctx.lang, { count: unfinished.length, run: acting, others: others.join(', ') })}\n`,
  );
}

export function operatorName(explicit: string | undefined): string {
  if (explicit) {
    checkOperatorText('--by', explicit, OPERATOR_TEXT_LIMITS.who);
    return explicit;
  }
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
  service?: RunService,
): Promise<DriveOutcome> {
  const onProgress = (e: RunEvent, place: ProgressPlace) => {
    const line = progressLine(ctx, e, place);
    if (line) out(ctx, line);
  };
  const outcome = await run({ who, autoConfirm, onProgress });
  // Another machine drives the run on: the operator carries it there (exit 3, like a prompt).
  ctx.exitCode = outcome.elsewhere ? ExitCode.waitingOperator : exitCodeOf(outcome.status);
  // At the end: the downtime as forecast and as it was (the forecast's error, for the next one).
  if (service && outcome.status === 'done')
    for (const line of downtimeLines(service.report(outcome.runId, ctx.lang), ctx.lang))
      out(ctx, `  ${line}`);
  return outcome;
}

/** A failure in the reader's language when it is one of ours, with its remedy. */
function failureText(
  f: { code: string; detail: string; params?: Record<string, string | number> },
  lang: Lang,
): string {
  const { text, remedy } = failureTexts(f.code, f.params, f.detail, lang);
  return `${f.code} ${text}${remedy ? `\n      → ${remedy}` : ''}`;
}

/** BACKUP/RESTORE progress: a bar redrawn in place on a terminal; quarter marks otherwise. */
function progressBar(p: { operation: string; database: string; percent: number }): string {
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

/** One run event as a line of the CLI's progress ('' for those it does not show). */
function progressLine(
  ctx: CliContext,
  e: RunEvent,
  { runId, plan, steps, done, total }: ProgressPlace,
): string {
  const { lang } = ctx;
  const counter = `[${String(done).padStart(String(total).length)}/${total}]`;
  const title = e.stepId ? stepTitle(plan, e.stepId, lang) : '';
  switch (e.kind) {
    case 'step-done':
      // A reboot step is done once the server is back healthy, not when the reboot was asked for.
      if (stepDef(plan, e.stepId)?.kind === 'reboot' && !('health' in (e.detail ?? {}))) return '';
      return `${counter} ✓ ${title}`;
    case 'operator-confirm':
      return `${counter} ✓ ${title} (${e.who})`;
    case 'step-failed':
      return e.detail
        ? `${counter} ✗ ${say(T.progressFailed, lang)} ${title}: ${failureText(e.detail, lang)}`
        : '';
    case 'progress':
      return e.detail ? progressBar(e.detail) : '';
    case 'operator-skip':
      return `${counter} – ${say(T.progressSkipped, lang)}: ${title} (${e.detail?.reason ?? ''})`;
    case 'recovered':
      return `${counter} ↺ ${title}: ${say(T.progressRecovered, lang, { policy: e.detail?.policy ?? '', answer: e.detail?.probe ?? '' })}`;
    case 'command-refused':
    case 'command-duplicate': {
      const reason = (lang === 'de' ? e.detail?.reasonDe : undefined) ?? e.detail?.reason ?? '';
      const text = e.kind === 'command-refused' ? T.progressRefused : T.progressDuplicate;
      return `  ${e.kind === 'command-refused' ? '!' : '·'} ${e.detail?.command ?? ''} ${e.stepId ?? ''}: ${say(text, lang, { reason })}`;
    }
    case 'waiting': {
      if (e.elsewhere) return `  ⇄ ${elsewhereText(e.elsewhere, lang)}`;
      if (e.status === 'waiting-reboot') return `  … ${say(T.waitReboot, lang)}`;
      if (e.status === 'running') return `  → ${say(T.waitHandOver, lang, { step: title || '–' })}`;
      if (e.status === 'failed') return `  ✗ ${say(T.waitFailed, lang, { step: title, id: e.stepId ?? '' })}`;
      if (e.status === 'waiting-operator') {
        // The run step's fields, as the page shows them: a snapshot taken by hand asks for its
        // name, the suggested one given.
        const step = steps.find((s) => s.id === e.stepId);
        const fields = step?.evidence ?? [];
        const value = (key: string) =>
          step?.snapshotByOperator && key === 'snapshot' ? snapshotName(runId, step.id) : '…';
        const evidence = fields.map((f) => ` --evidence ${f.key}=${value(f.key)}`).join('');
        // What each value is, in words with an example: never the pattern it is checked against.
        const hints = fields.map((f) => `\n      ${f.key}: ${(f.hint ?? f.label)[lang]}`).join('');
        const link = stepDef(plan, e.stepId)?.source.link;
        const notes = link ? `\n    ${say(T.guideLink, lang, { url: link })}` : '';
        return `  ? ${say(T.waitOperator, lang, { step: title })}\n    ${say(T.waitConfirmHint, lang, { id: e.stepId ?? '', evidence })}${hints}${notes}`;
      }
      return '';
    }
    case 'machine-taken-over':
      return `  ⇄ ${say(T.tookOver, lang, { machine: e.detail?.machine ?? '', role: MACHINE_ROLE_TEXT.new[lang] })}`;
    case 'rollback-detected':
      return `  ⟲ ${say(T.rollbackDetected, lang, { seq: e.detail?.storeSeq ?? '', lost: e.detail?.lost.length ?? 0 })}`;
    case 'mirror-failed':
      return `  ! ${say(T.mirrorFailed, lang, { dir: e.detail?.dir ?? '', detail: e.detail?.error ?? '' })}`;
    case 'run-started':
      // The plan's warnings (journal data lost on V4, Express limits, …) before the first step.
      return [
        say(T.runStarted, lang, { run: runId, steps: total }),
        ...plan.warnings.map((w) => `  ! ${warningText(w, lang)}`),
      ].join('\n');
    case 'run-ended':
      return e.detail?.status === 'done' || e.detail?.status === 'aborted'
        ? say(e.detail.status === 'done' ? T.runDone : T.runAborted, lang, { run: runId })
        : '';
    default:
      return '';
  }
}

/** Where the run goes on instead of here, and what the operator carries there. */
export function elsewhereText(away: Elsewhere, lang: Lang): string {
  const role = (r: Elsewhere['role']) => MACHINE_ROLE_TEXT[r][lang];
  const params = { here: away.here, role: role(away.role), installed: away.installed ?? '' };
  if (away.installed) return say(T.waitLooksOld, lang, params);
  if (away.machine) return say(T.waitElsewhere, lang, { ...params, machine: away.machine });
  return say(T.waitElsewhereUnnamed, lang, { ...params, hereRole: away.hereRole ? role(away.hereRole) : '' });
}

function stepDef(plan: Plan, stepId: string | undefined) {
  return plan.phases.flatMap((p) => p.steps).find((s) => s.def.id === stepId)?.def;
}
