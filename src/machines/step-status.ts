import type { StepState } from '../i18n/index.js';
import { type MachineContext, Tag } from './build.js';

/**
 * A step's status, the same words for the CLI, the page and the report: not needed by the plan,
 * done, skipped, or — for the current step — failed, waiting (for the operator or a reboot) or
 * running; any other step is pending.
 */
export function stepStatus(
  id: string,
  applies: string,
  context: MachineContext,
  current?: { stepId: string | undefined; snapshot: { hasTag(tag: string): boolean } },
): StepState {
  if (applies === 'no') return 'not-needed';
  if (context.done.includes(id)) return 'done';
  const skip = context.skipped.find((s) => s.stepId === id);
  if (skip) return skip.forced ? 'forced' : 'skipped';
  if (current?.stepId !== id) return 'pending';
  if (current.snapshot.hasTag(Tag.failed)) return 'failed';
  if (current.snapshot.hasTag(Tag.operator) || current.snapshot.hasTag(Tag.reboot)) return 'waiting';
  return 'running';
}
