import type { Action, RunView } from '../../visualizer/src/protocol.js';
import { snapshotName } from '../catalog/index.js';
import { XpmError } from '../errors/index.js';
import { downtimeText, type Forecast } from '../forecast/index.js';
import type { Lang, Text } from '../i18n/index.js';
import { buildMachine, type runStepsOf, stepStatus, Tag, type XpMachine } from '../machines/index.js';
import { type JournalRow, lockHolder, type RunRow, type Store } from '../persistence/index.js';
import { machineText, type Plan, phaseTitle, planTitle } from '../plan/index.js';
import {
  activeStep,
  machineNames,
  persistedOf,
  planOf,
  type RunSettings,
  reasonOf,
  settingsOf,
  statusOf,
  stepsOfRun,
} from '../runtime/index.js';
import { runState } from './run-state.js';
import { failureOf } from './timeline.js';

const ACTIONS: Record<string, Action> = { CONFIRM: 'confirm', RETRY: 'retry', SKIP: 'skip', ABORT: 'abort' };

/** What the view needs of a run that never changes: its plan and its machine. */
export interface RunModel {
  row: RunRow;
  plan: Plan;
  machine: XpMachine;
  steps: ReturnType<typeof runStepsOf>;
  /** The forecast the run was started with: read once, not at every view. */
  forecast: Forecast | undefined;
  /** The XPhone servers' names known at start (a hand-over adds the new one's). */
  settings: Pick<RunSettings, 'machines'>;
}

export function runModel(row: RunRow): RunModel {
  const plan = planOf(row);
  const settings = settingsOf(row);
  const steps = stepsOfRun(plan, settings, row.simulate);
  return {
    row,
    plan,
    steps,
    machine: buildMachine(row.id, steps).machine,
    forecast: settings.forecast,
    settings: settings.machines ? { machines: settings.machines } : {},
  };
}

/** Every active state node id (root first) of a persisted state value. */
function activeIds(machineId: string, value: unknown): string[] {
  const ids = [machineId];
  const walk = (prefix: string, v: unknown) => {
    if (typeof v === 'string') {
      ids.push(`${prefix}.${v}`);
      return;
    }
    for (const [key, child] of Object.entries((v ?? {}) as Record<string, unknown>)) {
      ids.push(`${prefix}.${key}`);
      walk(`${prefix}.${key}`, child);
    }
  };
  walk(machineId, value);
  return ids;
}

/** The run's newest checkpoint, and the machine's snapshot for it (to ask what it accepts). */
export function currentState(store: Store, model: RunModel) {
  const checkpoint = store.lastCheckpoint(model.row.id);
  if (!checkpoint)
    throw new XpmError('E_STORE_CORRUPT', { file: model.row.id, detail: 'run without checkpoint' });
  const persisted = persistedOf(model.row.id, checkpoint);
  const snapshot = model.machine.resolveState({
    value: persisted.value as never,
    context: persisted.context,
  });
  return { checkpoint, persisted, snapshot };
}

/**
 * The page's picture of a run, from the store alone: status, active states, the checklist, what a
 * waiting step asks and which actions its state accepts, snapshots, progress and the lock.
 */
export function buildView(store: Store, model: RunModel, journal: JournalRow[], lang: Lang): RunView {
  const { row, plan, machine, steps } = model;
  const { checkpoint, persisted, snapshot } = currentState(store, model);
  const context = snapshot.context;
  const status = statusOf(snapshot);
  const active = activeStep(snapshot);
  const activeNodes = activeIds(machine.id, persisted.value);
  const allAttempts = store.attempts(row.id);
  const attempts = countBy(allAttempts.map((a) => a.stepId));

  const current = { stepId: active?.stepId, snapshot };
  const names = machineNames(model.settings, steps, context);
  const viewSteps = plan.phases.flatMap((phase) =>
    phase.steps.map((s) => ({
      id: s.def.id,
      phaseId: phase.id,
      title: s.def.title[lang],
      kind: s.def.kind,
      machine: s.machine,
      where: machineText(s, lang, names),
      optional: s.applies === 'optional',
      status: stepStatus(s.def.id, s.applies, context, current),
      attempts: attempts.get(s.def.id) ?? 0,
    })),
  );
  const phases = plan.phases.map((phase) => {
    const own = viewSteps.filter((s) => s.phaseId === phase.id);
    const finished = own.every((s) => ['done', 'skipped', 'forced', 'not-needed'].includes(s.status));
    const started = own.some((s) => s.status !== 'pending' && s.status !== 'not-needed');
    // A phase passed with a required step skipped is not "done": its chip says so.
    const forced = own.some((s) => s.status === 'forced');
    return {
      id: phase.id,
      title: phaseTitle(phase, lang),
      status: finished
        ? forced
          ? ('incomplete' as const)
          : ('done' as const)
        : started
          ? ('active' as const)
          : ('pending' as const),
    };
  });

  const def = active
    ? plan.phases.flatMap((p) => p.steps).find((s) => s.def.id === active.stepId)
    : undefined;
  const runStep = steps.find((s) => s.id === active?.stepId);
  let prompt: RunView['prompt'] = null;
  if (def && runStep && snapshot.hasTag(Tag.operator)) {
    const leaf = activeNodes.at(-1)!;
    const accepted = machine.getStateNodeById(leaf).ownEvents.flatMap((e) => {
      const action = ACTIONS[String(e)];
      return action ? [action] : [];
    });
    const failed = snapshot.hasTag(Tag.failed)
      ? journal.findLast((r) => r.stepId === def.def.id && r.kind === 'step-failed')
      : undefined;
    prompt = {
      stepId: def.def.id,
      title: def.def.title[lang],
      help: def.def.help[lang],
      failure: failed ? failureOf(failed, lang) : null,
      // The run step's fields: a snapshot taken by hand asks for its name, the suggested one filled in.
      evidence: [
        ...runStep.evidence.map((f) => ({
          key: f.key,
          label: f.label[lang],
          hint: f.hint?.[lang] ?? null,
          check: f.pattern ?? null,
          version: f.version === true,
          asked: null,
          value: runStep.snapshotByOperator && f.key === 'snapshot' ? snapshotName(row.id, runStep.id) : null,
        })),
        ...failureAsks(failed, runStep.evidence, lang),
      ],
      actions: (['confirm', 'retry', 'skip', 'abort'] as const).filter((a) => accepted.includes(a)),
      skipNeedsForce: !runStep.optional,
    };
  }

  const { forecast } = model;
  const titleOf = (id: string) => viewSteps.find((s) => s.id === id)?.title ?? id;
  const holder = lockHolder(store.db, row.id, true);
  const lastCommand = store.lastCommand(row.id);
  return {
    runId: row.id,
    title: planTitle(plan, lang) ?? row.route,
    route: row.route,
    plan: plan.target?.plan ?? null,
    simulate: row.simulate,
    status: runState(status, holder !== undefined),
    seq: checkpoint.seq,
    startedAt: row.createdAt,
    updatedAt: checkpoint.at,
    active: activeNodes,
    currentStep: active?.stepId ?? null,
    phases,
    steps: viewSteps,
    prompt,
    snapshots: store
      .snapshots(row.id)
      .filter((s) => s.removedAt === null)
      .map((s) => ({ name: s.name, stepId: s.stepId, provider: s.provider, at: s.at })),
    progress: active ? progressOf(journal, active.stepId, allAttempts) : [],
    lock: holder ? { pid: holder.pid, host: holder.host, since: holder.since } : null,
    lastCommand: lastCommand
      ? {
          id: lastCommand.id,
          command: lastCommand.command,
          stepId: lastCommand.stepId,
          status: lastCommand.status,
          reason: reasonOf(lastCommand.reason)?.[lang] ?? null,
        }
      : null,
    downtime: forecast ? downtimeText(forecast, titleOf, lang).split('\n') : [],
  };
}

/** The newest figure per operation and database of the step's latest attempt. */
function progressOf(
  journal: JournalRow[],
  stepId: string,
  attempts: Array<{ stepId: string; attempt: number }>,
): RunView['progress'] {
  const attempt = attempts.filter((a) => a.stepId === stepId).at(-1)?.attempt;
  const bars = new Map<string, RunView['progress'][number]>();
  for (const r of journal) {
    // A manual step has no attempts: its figures carry none either.
    if (r.kind !== 'progress' || r.stepId !== stepId || (r.attempt ?? null) !== (attempt ?? null)) continue;
    const d = r.detail as { operation?: string; database?: string; percent?: number };
    const operation = String(d.operation ?? '');
    const database = String(d.database ?? '');
    bars.set(`${operation}\u0000${database}`, {
      stepId,
      operation,
      database,
      percent: Number(d.percent ?? 0),
    });
  }
  return [...bars.values()];
}

/** Evidence a failure asks for on retry (`retryEvidence`), beyond the step's own fields. */
const RETRY_EVIDENCE: Record<string, { label: Text; hint: Text }> = {
  replace: {
    label: { de: 'Datenbanken, die überschrieben werden dürfen', en: 'Databases that may be overwritten' },
    hint: {
      de: 'die Namen, durch Kommas getrennt, wie im Fehler genannt',
      en: 'the names, separated by commas, as the failure names them',
    },
  },
};

function failureAsks(
  failed: JournalRow | undefined,
  own: Array<{ key: string }>,
  lang: Lang,
): NonNullable<RunView['prompt']>['evidence'] {
  const asked =
    (failed?.detail as { retryEvidence?: Record<string, string> } | undefined)?.retryEvidence ?? {};
  return Object.entries(asked)
    .filter(([key]) => !own.some((f) => f.key === key))
    .map(([key, value]) => ({
      key,
      label: RETRY_EVIDENCE[key]?.label[lang] ?? key,
      hint: RETRY_EVIDENCE[key]?.hint[lang] ?? null,
      check: null,
      version: false,
      asked: value,
      value: null,
    }));
}

function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}
