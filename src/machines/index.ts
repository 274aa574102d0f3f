export {
  buildMachine,
  type MachineContext,
  missingEvidence,
  normalizeEvidence,
  type RunStep,
  runStepsOf,
  stateKey,
  Tag,
  type XpMachine,
} from './build.js';
export type { MachineEvent } from './events.js';
export { stepStatus } from './step-status.js';
