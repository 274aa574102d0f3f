import type { Host } from '../host/index.js';
import { WindowsHost } from '../host/index.js';
import type { RunRow } from '../persistence/index.js';
import { fault, type RunSettings, type StandInOperator } from '../runtime/index.js';
import { type SimOptions, SimulatedHost, simulatedOperator } from '../simulation/index.js';

export { SIMULATED_SHARE, SIMULATED_SOURCE_SQL } from '../simulation/index.js';

/**
 * The one place that chooses the machine a run acts on: the rehearsal's simulated server,
 * kept beside the store, or this Windows server.
 */
export function hostForRun(row: Pick<RunRow, 'simulate'>, settings: RunSettings, storeFile: string): Host {
  if (row.simulate) return simulatedHost(storeFile);
  return new WindowsHost(settings.mediaDir ? { mediaDir: settings.mediaDir } : {});
}

/** The simulated server beside a store; its effects can be interrupted by the crash tests' faults. */
export function simulatedHost(storeFile: string, options: Partial<SimOptions> = {}): SimulatedHost {
  return new SimulatedHost(SimulatedHost.fileFor(storeFile), options, () => fault('during-effect'));
}

/** A command outside a run (sql check, atlas, doctor): the simulation beside the store, or none. */
export function commandHost(
  simulate: boolean,
  storeFile: string,
  options: Partial<SimOptions> = {},
): SimulatedHost | undefined {
  return simulate ? new SimulatedHost(SimulatedHost.fileFor(storeFile), options) : undefined;
}

/** The rehearsal's machine as it stands (atlas.xml's folder, services), without starting it. */
export function rehearsalMachine(storeFile: string) {
  return SimulatedHost.read(SimulatedHost.fileFor(storeFile));
}

/** The rehearsal's machine with its SQL Servers (`xpmigrate sim`). */
export function rehearsalSqlServers(storeFile: string) {
  return SimulatedHost.readSqlServers(SimulatedHost.fileFor(storeFile));
}

/** Who answers manual steps: in a rehearsal with --auto-confirm, the simulated operator. */
export function standInFor(row: Pick<RunRow, 'simulate'>, autoConfirm: boolean): StandInOperator | undefined {
  return row.simulate && autoConfirm ? simulatedOperator : undefined;
}
