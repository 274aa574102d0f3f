import type { RunOptions } from '../actors/index.js';
import type { DrivingRole } from '../catalog/index.js';
import type { Forecast } from '../forecast/index.js';
import { type RunStep, runStepsOf } from '../machines/index.js';
import type { Plan } from '../plan/index.js';

/** What a run was started with, stored with it and read by every later process. */
export interface RunSettings extends RunOptions {
  /** Seconds to wait for a healthy server after a reboot before asking the operator. */
  healthTimeoutSeconds: number;
  /** What the run was expected to take (`--twin`, `--estimate`): the report sets it beside the actual. */
  forecast?: Forecast;
  /**
   * The XPhone servers' computer names known at start: the one `start` ran on, the old server's
   * from its twin. A hand-over names the next one (runtime/placement.ts).
   */
  machines?: Partial<Record<DrivingRole, string>>;
}

/** The snapshots are the operator's to take (`--snapshots manual`, a real run's default). */
export function operatorSnapshots(settings: Pick<RunSettings, 'snapshots'>, simulate: boolean): boolean {
  return (settings.snapshots?.provider ?? (simulate ? 'simulated' : 'manual')) === 'manual';
}

/** The run's steps as its machine has them: with the operator's snapshots, its snapshot steps are prompts. */
export function stepsOfRun(
  plan: Plan,
  settings: Pick<RunSettings, 'snapshots'>,
  simulate: boolean,
): RunStep[] {
  return runStepsOf(plan, { operatorSnapshots: operatorSnapshots(settings, simulate) });
}
