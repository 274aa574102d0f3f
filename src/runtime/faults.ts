/**
 * Fault injection for the crash tests: XPMIGRATE_FAULT="<stepId>@<point>" makes the process
 * kill itself with SIGKILL at that point. Effect steps: after-intent, during-effect (right after
 * the host changed the outside world), after-effect (before the outcome is committed). Operator
 * commands (manual steps): command-queued (in the inbox, not yet delivered), command-applied
 * (its transition committed, before anything else).
 */
export const FAULT_POINTS = [
  'after-intent',
  'during-effect',
  'after-effect',
  'command-queued',
  'command-applied',
] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

const spec = process.env.XPMIGRATE_FAULT;
let currentStep: string | undefined;

export function faultStep(stepId: string | undefined): void {
  currentStep = stepId;
}

export function fault(point: FaultPoint): void {
  if (spec !== undefined && currentStep !== undefined && spec === `${currentStep}@${point}`) {
    process.kill(process.pid, 'SIGKILL');
  }
}

/** A named point outside a run's steps (import-db: `import-db@<unit>:before-commit`). */
export function faultAt(name: string): void {
  if (spec === name) process.kill(process.pid, 'SIGKILL');
}
