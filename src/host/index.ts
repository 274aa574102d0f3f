export type { Host, MutationHook } from './host.js';
export { type SimOptions, type SimState, SimulatedHost } from './simulated-host.js';
