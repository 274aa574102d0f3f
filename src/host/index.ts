export type { Host, MutationHook } from './host.js';
export { type SimOptions, type SimState, SimulatedHost } from './simulated-host.js';
export { atlasServices, xphoneInstallDir } from './windows/index.js';
