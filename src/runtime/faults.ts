/**
 * Fault injection for the crash tests: XPMIGRATE_FAULT="<stepId>@<point>" makes the process
 * kill itself with SIGKILL at that point. Effect steps: after-intent, during-effect (right after
 * the host changed the outside world), after-effect (before the outcome is committed). Operator
 * commands (manual steps): command-queued (in the inbox, not yet delivered), command-applied
 * (its transition committed, before anything else).
 *
 * An in-process test arms the same points with a strike of its own (`armFaults`): it keeps what
 * is on disk at that moment, as a kill would, and ends the command there.
 */
export const FAULT_POINTS = [
  'after-intent',
  'during-effect',
  'after-effect',
  'command-queued',
  'command-applied',
] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

export interface FaultArming {
  /**
   * `<stepId>@<point>`, or a named point (`import-db@<unit>:before-commit`); a function: every
   * point it accepts (a test that keeps what is on disk at each point of one run).
   */
  spec: string | ((name: string) => boolean);
  /** What happens there: a kill does not return; a watcher returns, and the run goes on. */
  strike(name: string): void;
}

function killThisProcess(): never {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('SIGKILL did not end the process');
}

const fromEnvironment = process.env.XPMIGRATE_FAULT;
let arming: FaultArming | undefined =
  fromEnvironment === undefined ? undefined : { spec: fromEnvironment, strike: killThisProcess };
let currentStep: string | undefined;

/** Arms one fault point for this process (in-process crash tests); undefined disarms. */
export function armFaults(next: FaultArming | undefined): void {
  arming = next;
}

export function faultStep(stepId: string | undefined): void {
  currentStep = stepId;
}

export function fault(point: FaultPoint): void {
  if (currentStep !== undefined) faultAt(`${currentStep}@${point}`);
}

/** A named point outside a run's steps (import-db: `import-db@<unit>:before-commit`). */
export function faultAt(name: string): void {
  if (arming === undefined) return;
  if (typeof arming.spec === 'string' ? arming.spec === name : arming.spec(name)) arming.strike(name);
}
