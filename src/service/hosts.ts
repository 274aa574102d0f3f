import { XpmError } from '../errors/index.js';
import { type Clock, type Host, SkippingClock, systemClock, WindowsHost } from '../host/index.js';
import type { RunRow } from '../persistence/index.js';
import { fault, type RunSettings, type StandInOperator } from '../runtime/index.js';
import { currentMachine, type SimOptions, SimulatedHost, simulatedOperator } from '../simulation/index.js';

export { SIMULATED_ANALYTICS_SQL, SIMULATED_SHARE, SIMULATED_SOURCE_SQL } from '../simulation/index.js';

/**
 * The one place that chooses the machine a run acts on: the rehearsal's simulated server,
 * kept beside the store, or this Windows server, reached with the command's environment
 * (PowerShell's path, the SQL login, the service password).
 */
export function hostForRun(
  row: Pick<RunRow, 'simulate'>,
  settings: RunSettings,
  storeFile: string,
  env: NodeJS.ProcessEnv = process.env,
): Host {
  if (row.simulate) return simulatedHost(storeFile);
  return new WindowsHost({ env, ...(settings.mediaDir ? { mediaDir: settings.mediaDir } : {}) });
}

/**
 * The time a run's drive reads and waits on: the system's, or in a rehearsal one that skips every
 * wait (a simulated reboot is back at once; the report says the rehearsal's times are simulated).
 */
export function clockForRun(row: Pick<RunRow, 'simulate'>): Clock {
  return row.simulate ? new SkippingClock(Date.now()) : systemClock;
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

/** Where a command outside a run reaches SQL Servers: the rehearsal's simulators, else this machine's ODBC drivers. */
export function sqlHost(
  simulated: SimulatedHost | undefined,
  env: NodeJS.ProcessEnv,
): Pick<Host, 'sqlEndpoint' | 'odbcDrivers'> {
  return simulated ?? new WindowsHost({ env });
}

/** The rehearsal's machines as they stand (atlas.xml's folder, services), without starting them. */
export function rehearsalWorld(storeFile: string) {
  return SimulatedHost.read(SimulatedHost.fileFor(storeFile));
}

/** The rehearsal's machine xpmigrate runs on now, without starting it. */
export function rehearsalMachine(storeFile: string) {
  const world = rehearsalWorld(storeFile);
  return world ? currentMachine(world) : undefined;
}

/** The rehearsal's machine with its SQL Servers (`xpmigrate sim`). */
export function rehearsalSqlServers(storeFile: string) {
  return SimulatedHost.readSqlServers(SimulatedHost.fileFor(storeFile));
}

/** Who answers manual steps: in a rehearsal with --auto-confirm, the simulated operator. */
export function standInFor(row: Pick<RunRow, 'simulate'>, autoConfirm: boolean): StandInOperator | undefined {
  return row.simulate && autoConfirm ? simulatedOperator : undefined;
}

/** The rehearsal's operator takes the store to another of its machines (`sim --machine`). */
export function walkTo(storeFile: string, machine: string): void {
  const world = rehearsalWorld(storeFile);
  if (!world) return;
  if (!Object.keys(world.machines).includes(machine.toUpperCase()))
    throw new XpmError('E_INPUT_CHOICE', {
      flag: '--machine',
      value: machine,
      allowed: Object.keys(world.machines).join(', '),
    });
  new SimulatedHost(SimulatedHost.fileFor(storeFile)).walkTo(machine);
}
