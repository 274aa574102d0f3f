import { randomUUID } from 'node:crypto';
import { type Actor, createActor } from 'xstate';
import { XpmError } from '../errors/index.js';
import { buildMachine, type RunStep, runStepsOf, stateKey, type XpMachine } from '../machines/index.js';
import type { JournalEntry, RunRow, Store } from '../persistence/index.js';
import type { Plan } from '../plan/index.js';
import { statePath } from './active.js';
import { transitionOf } from './checkpoint.js';
import { persistedOf, planOf, settingsOf } from './decode.js';
import { type RunSettings, stepsOfRun } from './run-settings.js';

/** A run opened for driving: its plan, steps, machine and the actor restored from its checkpoint. */
export interface OpenRun {
  row: RunRow;
  plan: Plan;
  steps: RunStep[];
  settings: RunSettings;
  actor: Actor<XpMachine>;
}

/** The journal's first entry of a run: what was started. */
export function runStarted(plan: Plan, simulate: boolean): JournalEntry {
  return {
    kind: 'run-started',
    who: 'xpmigrate',
    detail: {
      route: plan.route,
      plan: plan.target?.plan ?? null,
      from: plan.from?.normalized ?? null,
      simulate,
      steps: runStepsOf(plan).length,
    },
  };
}

/** Creates a run: the plan, the machine's version and the first checkpoint, in one transaction. */
/** Creates a run at its first step and returns its id. */
export function createRun(store: Store, plan: Plan, settings: RunSettings, simulate: boolean): string;
/** `alone`: only while no other run of the store is unfinished; else that run, and nothing is created. */
export function createRun(
  store: Store,
  plan: Plan,
  settings: RunSettings,
  simulate: boolean,
  alone: boolean,
): { runId: string; unfinished?: undefined } | { unfinished: RunRow };
export function createRun(
  store: Store,
  plan: Plan,
  settings: RunSettings,
  simulate: boolean,
  alone?: boolean,
): string | { runId: string; unfinished?: undefined } | { unfinished: RunRow } {
  const id = randomUUID();
  const steps = stepsOfRun(plan, settings, simulate);
  if (steps.length === 0) throw new XpmError('E_INTERNAL', { detail: 'the plan has no steps' });
  const { machine, version } = buildMachine(id, steps);
  const actor = createActor(machine).start();
  const { unfinished } = store.createRun(
    {
      id,
      route: plan.route,
      planJson: JSON.stringify(plan),
      machineVersion: version,
      simulate,
      optionsJson: JSON.stringify(settings),
    },
    transitionOf(actor, 'START', [runStarted(plan, simulate)]),
    alone === true,
  );
  actor.stop();
  if (alone === undefined) return id;
  return unfinished ? { unfinished } : { runId: id };
}

/**
 * Restores a run's actor from its newest checkpoint. A saved state that the machine no longer
 * has is refused with a clear error, never silently restarted.
 */
export function openRun(store: Store, row: RunRow): OpenRun {
  const plan = planOf(row);
  const settings = settingsOf(row);
  const steps = stepsOfRun(plan, settings, row.simulate);
  const { machine, version } = buildMachine(row.id, steps);
  const checkpoint = store.lastCheckpoint(row.id);
  if (!checkpoint) throw new XpmError('E_STORE_CORRUPT', { file: row.id, detail: 'run without checkpoint' });
  const persisted = persistedOf(row.id, checkpoint);
  if (!knownStates(steps).has(statePath(persisted.value))) {
    throw new XpmError('E_RUN_MACHINE_CHANGED', {
      run: row.id,
      state: statePath(persisted.value),
      version: row.machineVersion,
    });
  }
  if (version !== row.machineVersion) {
    store.journal(row.id, [
      { kind: 'machine-changed', who: 'xpmigrate', detail: { from: row.machineVersion, to: version } },
    ]);
  }
  const actor = createActor(machine, { snapshot: persisted as never }).start();
  return { row, plan, steps, settings, actor };
}

function knownStates(steps: RunStep[]): Set<string> {
  const states = new Set(['done', 'aborted']);
  for (const step of steps) {
    const phase = stateKey(step.phaseId);
    const key = stateKey(step.id);
    states.add(`${phase}.complete`);
    for (const suffix of ['', '__failed', '__boot', '__unhealthy']) states.add(`${phase}.${key}${suffix}`);
  }
  return states;
}

/** The run named with --run, else the newest one. */
export function findRun(store: Store, file: string, runId: string | undefined): RunRow {
  if (runId) {
    const row = store.run(runId) ?? store.runs().find((r) => r.id.startsWith(runId));
    if (!row) throw new XpmError('E_RUN_NOT_FOUND', { run: runId, file });
    return row;
  }
  const row = store.runs().at(-1);
  if (!row) throw new XpmError('E_NO_RUNS', { file });
  return row;
}
