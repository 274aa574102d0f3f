export type { Host, MutationHook, SqlCredentials, SqlEndpoint } from './host.js';
export { type SimOptions, type SimState, SimulatedHost } from './simulated-host.js';
export { atlasServices, xphoneInstallDir } from './windows/index.js';
