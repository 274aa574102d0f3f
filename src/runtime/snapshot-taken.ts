import type { RunStep } from '../machines/index.js';
import type { Transition } from '../persistence/index.js';

/** A snapshot step's result also goes into the snapshots table, with the checkpoint it belongs to. */
export function snapshotTaken(
  step: RunStep,
  result: Record<string, unknown>,
): Pick<Transition, 'snapshotTaken'> {
  return step.kind === 'snapshot' && result.snapshot !== undefined
    ? { snapshotTaken: { stepId: step.id, name: String(result.snapshot), provider: String(result.provider) } }
    : {};
}
