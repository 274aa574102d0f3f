import type { Lang, StepState } from '../i18n/index.js';
import { type MachineContext, stepStatus } from '../machines/index.js';
import type { Attempt, JournalRow, RunRow, Store } from '../persistence/index.js';
import { machineText, phaseTitle, planTitle, routeTitle, warningText } from '../plan/index.js';
import { machineNames, persistedOf, planOf, settingsOf, stepsOfRun } from '../runtime/index.js';
import { type RunTiming, runTiming } from './timing.js';

/** A step's status in the words the CLI and the page use too (machines' stepStatus). */
export type StepStatus = StepState;

/** Where the run stands now: its current step and the tags of its state. */
export interface CurrentStep {
  stepId: string | undefined;
  snapshot: { hasTag(tag: string): boolean };
}

export interface ReportStep {
  id: string;
  phase: string;
  title: string;
  kind: string;
  /** Where it happened, in words with the machine's name ("neuer XPhone Server NEWXPHONE"). */
  where: string;
  status: StepStatus;
  /** Who confirmed or skipped it (an operator), or xpmigrate for what it did itself. */
  by: string | null;
  at: string | null;
  evidence: Record<string, string>;
  attempts: number;
  /** From the first start to the outcome, when the step ran as an effect. */
  durationSeconds: number | null;
  reason: string | null;
  /** The reason the operator gave with the confirm that stands (`confirm --reason`, the page's field). */
  note: string | null;
  failures: Array<{ at: string; code: string; detail: string }>;
}

export interface RunReport {
  runId: string;
  route: string;
  plan: string | null;
  title: string;
  simulate: boolean;
  status: string;
  startedAt: string;
  updatedAt: string;
  versions: { before: string | null; steps: Array<{ at: string; version: string }> };
  steps: ReportStep[];
  snapshots: Array<{ name: string; stepId: string; provider: string; at: string; removedAt: string | null }>;
  rollbacks: Array<{ at: string; kind: string; who: string; snapshot: string | null; detail: string }>;
  warnings: string[];
  /** The XPhone servers the run ran on, by role ("old", "new"): one story across both machines. */
  machines: Record<string, string>;
  /** The forecast the run was started with, beside what each step and the downtime took. */
  timing: RunTiming | null;
}

/** Everything a customer's record of a run needs, from the store alone. */
export function collectReport(store: Store, row: RunRow, lang: Lang, current: CurrentStep): RunReport {
  const plan = planOf(row);
  const journal = store.journalRows(row.id);
  const last = store.lastCheckpoint(row.id);
  const context = last ? persistedOf(row.id, last).context : undefined;
  const attempts = store.attempts(row.id);
  const settings = settingsOf(row);
  const names = context ? machineNames(settings, stepsOfRun(plan, settings, row.simulate), context) : {};
  const steps: ReportStep[] = plan.phases.flatMap((phase) =>
    phase.steps.map((s) =>
      stepOf(
        {
          id: s.def.id,
          title: s.def.title[lang],
          kind: s.def.kind,
          where: machineText(s, lang, names),
          phase: phaseTitle(phase, lang),
          applies: s.applies,
        },
        journal.filter((r) => r.stepId === s.def.id),
        attempts.filter((a) => a.stepId === s.def.id),
        context,
        current,
      ),
    ),
  );
  // Steps whose evidence is the installed version: an update was confirmed there.
  const updates = new Set(
    plan.phases
      .flatMap((p) => p.steps)
      .filter((s) => s.def.evidence?.some((f) => f.installedVersion))
      .map((s) => s.def.id),
  );
  const versions = journal
    .filter((r) => r.kind === 'operator-confirm' && updates.has(r.stepId ?? ''))
    .map((r) => ({
      at: r.at,
      version: String((r.detail.evidence as Record<string, string> | undefined)?.version ?? ''),
    }))
    .filter((v) => v.version);
  return {
    runId: row.id,
    route: row.route,
    plan: plan.target?.plan ?? null,
    title: planTitle(plan, lang) ?? routeTitle(row.route, lang),
    simulate: row.simulate,
    status: row.status,
    startedAt: row.createdAt,
    updatedAt: row.updatedAt,
    versions: { before: plan.from?.normalized ?? null, steps: versions },
    steps,
    snapshots: store.snapshots(row.id).map((s) => ({
      name: s.name,
      stepId: s.stepId,
      provider: s.provider,
      at: s.at,
      removedAt: s.removedAt,
    })),
    rollbacks: journal
      .filter((r) => r.kind.startsWith('rollback'))
      .map((r) => ({
        at: r.at,
        kind: r.kind,
        who: r.who,
        snapshot: (r.detail.snapshot as string | undefined) ?? null,
        detail: r.kind === 'rollback' ? `undone: ${((r.detail.undone as string[]) ?? []).join(', ')}` : '',
      })),
    warnings: plan.warnings.map((w) => warningText(w, lang)),
    machines: { ...names },
    timing: timingOf(row, steps),
  };
}

function timingOf(row: RunRow, steps: ReportStep[]): RunTiming | null {
  const { forecast } = settingsOf(row);
  if (!forecast) return null;
  const settled = steps
    .filter((s) => s.status === 'done' || s.status === 'skipped' || s.status === 'forced')
    .map((s) => ({ id: s.id, at: s.at }));
  return runTiming(forecast, row.createdAt, settled, row.simulate);
}

function stepOf(
  step: { id: string; title: string; kind: string; where: string; phase: string; applies: string },
  rows: JournalRow[],
  attempts: Attempt[],
  context: MachineContext | undefined,
  current: CurrentStep,
): ReportStep {
  const { id } = step;
  const skipped = context?.skipped.find((s) => s.stepId === id);
  const failures = rows
    .filter((r) => r.kind === 'step-failed')
    .map((r) => ({ at: r.at, code: String(r.detail.code ?? ''), detail: String(r.detail.detail ?? '') }));
  const status: StepStatus = context
    ? stepStatus(id, step.applies, context, current)
    : step.applies === 'no'
      ? 'not-needed'
      : 'pending';
  const settled = status === 'done' || status === 'skipped' || status === 'forced';
  // The decision that stands (after a rollback, earlier ones were undone).
  const decided = settled
    ? rows.findLast((r) => r.kind === 'operator-confirm' || r.kind === 'operator-skip')
    : undefined;
  const finished = settled ? (rows.findLast((r) => r.kind === 'step-done') ?? decided) : undefined;
  const first = attempts[0];
  const last = attempts.at(-1);
  const duration =
    status === 'done' && first && last?.outcomeAt
      ? (Date.parse(last.outcomeAt) - Date.parse(first.intentAt)) / 1000
      : null;
  return {
    id,
    phase: step.phase,
    title: step.title,
    kind: step.kind,
    where: step.where,
    status,
    by: decided?.who ?? (status === 'done' ? 'xpmigrate' : null),
    at: finished?.at ?? null,
    evidence: context?.evidence[id] ?? {},
    attempts: attempts.length,
    durationSeconds: duration,
    reason: skipped?.reason ?? null,
    note:
      decided?.kind === 'operator-confirm' && typeof decided.detail.reason === 'string'
        ? decided.detail.reason
        : null,
    failures,
  };
}
