export type {
  Host,
  MutationHook,
  SnapshotInfo,
  SnapshotProvider,
  SqlCredentials,
  SqlEndpoint,
} from './host.js';
export { type SimOptions, type SimState, SimulatedHost } from './simulated-host.js';
export { SIMULATED_SHARE, SIMULATED_SOURCE_SQL } from './simulated-sql.js';
export { SERVICE_PASSWORD_VARIABLE, WindowsHost, type WindowsHostOptions } from './windows/index.js';
