import { createHash } from 'node:crypto';
import { assign, setup } from 'xstate';
import {
  type DrivingRole,
  type EffectRef,
  type EvidenceField,
  type MachineRole,
  SNAPSHOT_NAME_FIELD,
  type StepKind,
} from '../catalog/index.js';
import type { Plan } from '../plan/index.js';
import type { MachineEvent } from './events.js';

/** A step that takes part in a run (the plan said required or optional). */
export interface RunStep {
  id: string;
  phaseId: string;
  kind: StepKind;
  optional: boolean;
  recovery: 'rerun' | 'probe' | 'ask';
  effect?: EffectRef;
  evidence: EvidenceField[];
  /** Where it happens, and the XPhone server xpmigrate must run on while it is the run's step. */
  machine: MachineRole;
  drivenOn: DrivingRole;
  /** A hand-over: once done, the run is driven on this machine (its evidence names it). */
  handOverTo?: DrivingRole;
  /** What the operator's action stops on the step's machine (the rehearsal's operator does it too). */
  operatorStops?: 'services';
  /** A snapshot step the operator takes by hand: a prompt whose evidence names the snapshot. */
  snapshotByOperator?: true;
}

export interface MachineContext {
  done: string[];
  skipped: Array<{ stepId: string; reason: string; forced: boolean }>;
  evidence: Record<string, Record<string, string>>;
  /** Boot id before the pending reboot, and the absolute deadline for the health wait. */
  reboot: { stepId: string; bootBefore: string; healthDeadline?: string } | null;
  abortReason?: string;
}

/** Tags the runtime reads; meta carries the step id of every step state. */
export const Tag = {
  effect: 'effect',
  operator: 'waiting-for-operator',
  manual: 'manual',
  failed: 'failed',
  reboot: 'waiting-reboot',
} as const;

/**
 * The run's steps. `operatorSnapshots`: the snapshots are the operator's (`--snapshots manual`):
 * each snapshot step is a prompt asking for the snapshot's name, never a failing effect.
 */
export function runStepsOf(plan: Plan, o: { operatorSnapshots?: boolean } = {}): RunStep[] {
  return plan.phases.flatMap((phase) =>
    phase.steps
      .filter((s) => s.applies !== 'no')
      .map((s): RunStep => {
        const step: RunStep = {
          id: s.def.id,
          phaseId: phase.id,
          kind: s.def.kind,
          optional: s.applies === 'optional',
          recovery: s.def.recovery,
          ...(s.def.effect ? { effect: s.def.effect } : {}),
          evidence: s.def.evidence ?? [],
          machine: s.machine,
          drivenOn: s.drivenOn,
          ...(s.def.handOverTo ? { handOverTo: s.def.handOverTo } : {}),
          ...(s.def.operatorStops ? { operatorStops: s.def.operatorStops } : {}),
        };
        if (s.def.kind !== 'snapshot' || !o.operatorSnapshots) return step;
        const { effect: _automated, ...prompt } = step;
        return {
          ...prompt,
          kind: 'manual',
          recovery: 'ask',
          evidence: [SNAPSHOT_NAME_FIELD],
          snapshotByOperator: true,
        };
      }),
  );
}

/** State keys may not contain dots (XState paths); step ids do. */
export const stateKey = (id: string) => id.replace(/\./g, '_');

type StateConfig = Record<string, unknown>;

/**
 * One machine per route, built from the plan: a compound state per phase, a state per step,
 * and explicit failure states where the operator retries, skips or aborts.
 */
export function buildMachine(runId: string, steps: RunStep[]) {
  const phases = [...new Set(steps.map((s) => s.phaseId))];
  const states: Record<string, StateConfig> = {};
  phases.forEach((phaseId, p) => {
    const inPhase = steps.filter((s) => s.phaseId === phaseId);
    const children: Record<string, StateConfig> = {};
    inPhase.forEach((step, i) => {
      const next = i + 1 < inPhase.length ? stateKey(inPhase[i + 1]!.id) : 'complete';
      Object.assign(children, stepStates(step, next));
    });
    children.complete = { type: 'final' };
    states[stateKey(phaseId)] = {
      initial: stateKey(inPhase[0]!.id),
      states: children,
      onDone: p + 1 < phases.length ? stateKey(phases[p + 1]!) : 'done',
    };
  });
  states.done = { type: 'final' };
  states.aborted = { type: 'final' };

  const config = {
    id: 'xpmigrate',
    initial: stateKey(phases[0]!),
    context: { done: [], skipped: [], evidence: {}, reboot: null } satisfies MachineContext,
    states,
  };
  const machine = machineSetup.createMachine(config as never);
  return { machine, version: machineVersion(config), runId };
}

function stepStates(step: RunStep, next: string): Record<string, StateConfig> {
  const key = stateKey(step.id);
  const meta = { stepId: step.id, kind: step.kind };
  const abort = { target: '#xpmigrate.aborted', actions: 'recordAbort' };
  const skip = {
    target: next,
    guard: { type: 'canSkip', params: { stepId: step.id, optional: step.optional } },
    actions: 'recordSkip',
  };
  const confirm = (guard: string) => ({
    target: next,
    guard: { type: guard, params: { stepId: step.id, evidence: step.evidence } },
    actions: 'recordDone',
  });
  const failed = {
    tags: [Tag.failed, Tag.operator],
    meta,
    on: {
      RETRY: { target: key, actions: 'recordRetryEvidence' },
      SKIP: skip,
      CONFIRM: confirm('isStep'),
      ABORT: abort,
    },
  };

  if (step.kind === 'manual') {
    return {
      [key]: {
        tags: [Tag.operator, Tag.manual],
        meta,
        on: { CONFIRM: confirm('evidenceComplete'), SKIP: skip, ABORT: abort },
      },
    };
  }
  if (step.kind === 'reboot') {
    return {
      [key]: {
        tags: [Tag.effect],
        meta,
        on: {
          EFFECT_DONE: { target: `${key}__boot`, actions: 'recordBootBefore' },
          EFFECT_FAILED: `${key}__failed`,
        },
      },
      [`${key}__boot`]: {
        tags: [Tag.reboot],
        meta,
        on: {
          HEALTH_WAIT: { actions: 'recordHealthDeadline' },
          BOOTED: { target: next, actions: ['recordDone', 'clearReboot'] },
          BOOT_TIMEOUT: `${key}__unhealthy`,
        },
      },
      [`${key}__unhealthy`]: {
        tags: [Tag.failed, Tag.operator],
        meta,
        on: { RETRY: `${key}__boot`, SKIP: skip, CONFIRM: confirm('isStep'), ABORT: abort },
      },
      [`${key}__failed`]: failed,
    };
  }
  return {
    [key]: {
      tags: [Tag.effect],
      meta,
      on: { EFFECT_DONE: { target: next, actions: 'recordDone' }, EFFECT_FAILED: `${key}__failed` },
    },
    [`${key}__failed`]: failed,
  };
}

const machineSetup = setup({
  types: {} as { context: MachineContext; events: MachineEvent },
  guards: {
    isStep: ({ event }, params: { stepId: string }) => 'stepId' in event && event.stepId === params.stepId,
    evidenceComplete: ({ event }, params: { stepId: string; evidence: EvidenceField[] }) =>
      event.type === 'CONFIRM' &&
      event.stepId === params.stepId &&
      missingEvidence(params.evidence, event.evidence).length === 0,
    canSkip: ({ event }, params: { stepId: string; optional: boolean }) =>
      event.type === 'SKIP' && event.stepId === params.stepId && (params.optional || event.force === true),
  },
  actions: {
    recordDone: assign(({ context, event }) => {
      const stepId = 'stepId' in event ? event.stepId : undefined;
      if (!stepId || context.done.includes(stepId)) return {};
      const evidence =
        event.type === 'CONFIRM' && event.evidence
          ? { ...context.evidence, [stepId]: event.evidence }
          : context.evidence;
      return { done: [...context.done, stepId], evidence };
    }),
    // Evidence given with a retry (e.g. which databases a restore may replace) is for the next attempt.
    recordRetryEvidence: assign(({ context, event }) =>
      event.type === 'RETRY' && event.evidence && Object.keys(event.evidence).length > 0
        ? {
            evidence: {
              ...context.evidence,
              [event.stepId]: { ...context.evidence[event.stepId], ...event.evidence },
            },
          }
        : {},
    ),
    recordSkip: assign(({ context, event }) =>
      event.type === 'SKIP'
        ? {
            skipped: [
              ...context.skipped,
              { stepId: event.stepId, reason: event.reason, forced: event.force === true },
            ],
          }
        : {},
    ),
    recordBootBefore: assign(({ event }) =>
      event.type === 'EFFECT_DONE'
        ? { reboot: { stepId: event.stepId, bootBefore: String(event.result.bootBefore) } }
        : {},
    ),
    recordHealthDeadline: assign(({ context, event }) =>
      event.type === 'HEALTH_WAIT' && context.reboot
        ? { reboot: { ...context.reboot, healthDeadline: event.deadline } }
        : {},
    ),
    clearReboot: assign({ reboot: null }),
    recordAbort: assign(({ event }) => (event.type === 'ABORT' ? { abortReason: event.reason } : {})),
  },
});

/** The operator's words as the checks read them: trimmed, "V7" as "7" where a version is asked. */
export function normalizeEvidence(
  fields: EvidenceField[],
  given: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(given)) {
    const field = fields.find((f) => f.key === key);
    out[key] = field?.version ? value.trim().replace(/^v\s*(?=\d)/i, '') : value.trim();
  }
  return out;
}

/** Evidence keys that are absent or do not match their pattern. */
export function missingEvidence(
  fields: EvidenceField[],
  given: Record<string, string> | undefined,
): string[] {
  return fields
    .filter((f) => {
      const value = given?.[f.key]?.trim();
      if (!value) return true;
      return f.pattern !== undefined && !new RegExp(f.pattern, 'i').test(value);
    })
    .map((f) => f.key);
}

/** The machine's identity: stored per run, so a changed definition is noticed on resume. */
function machineVersion(config: unknown): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16);
}

export type XpMachine = ReturnType<typeof buildMachine>['machine'];
