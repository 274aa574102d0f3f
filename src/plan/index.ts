export { buildPlan } from './build.js';
export { decidePlan } from './decide.js';
export {
  countApplies,
  machineText,
  phaseTitle,
  planTitle,
  reasonText,
  routeTitle,
  runStatusText,
  warningText,
} from './describe.js';
export { FLAGS, isPlanId, JOBS, type Job, type PlanInput, RESTORE_WITH, type RestoreWith } from './input.js';
export { REASONS, type ReasonCode } from './reasons.js';
export * from './types.js';
