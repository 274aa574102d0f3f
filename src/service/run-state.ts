import type { RunStatus } from '../persistence/index.js';

/**
 * A run's state as the operator is told it: the store's status, except that a run "running" that
 * no process drives (after a rollback, after the driving process died, after the startup task
 * handed over) is `paused` — it goes on only when someone resumes it.
 */
export type RunState = RunStatus | 'paused';

export function runState(status: RunStatus, driven: boolean): RunState {
  return status === 'running' && !driven ? 'paused' : status;
}
