import type { RunStep } from '../machines/index.js';
import type { Transition } from '../persistence/index.js';

/**
 * A snapshot step's result (or, taken by hand, the name the operator confirmed) also goes into
 * the snapshots table, with the checkpoint it belongs to.
 */
export function snapshotTaken(
  step: RunStep,
  result: Record<string, unknown>,
): Pick<Transition, 'snapshotTaken'> {
  return (step.kind === 'snapshot' || step.snapshotByOperator) && result.snapshot !== undefined
    ? { snapshotTaken: { stepId: step.id, name: String(result.snapshot), provider: String(result.provider) } }
    : {};
}
