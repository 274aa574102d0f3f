export { buildPlan } from './build.js';
export { decidePlan, expressUserLimit } from './decide.js';
export { countApplies, phaseTitle, planTitle, reasonText, warningText } from './describe.js';
export { FLAGS, isPlanId, JOBS, type Job, type PlanInput } from './input.js';
export { REASONS, type ReasonCode } from './reasons.js';
export * from './types.js';
