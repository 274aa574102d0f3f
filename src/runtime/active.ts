import type { SnapshotFrom } from 'xstate';
import { Tag, type XpMachine } from '../machines/index.js';
import type { RunStatus } from '../persistence/index.js';

export type XpSnapshot = SnapshotFrom<XpMachine>;

/** Where the run stands: the active step and what it waits for. */
export function activeStep(snapshot: XpSnapshot): { stepId: string; kind: string } | undefined {
  for (const meta of Object.values(snapshot.getMeta() as Record<string, unknown>)) {
    const m = meta as { stepId?: string; kind?: string } | undefined;
    if (m?.stepId) return { stepId: m.stepId, kind: m.kind ?? '' };
  }
  return undefined;
}

export function statusOf(snapshot: XpSnapshot): RunStatus {
  if (snapshot.status === 'done') return snapshot.matches('aborted' as never) ? 'aborted' : 'done';
  if (snapshot.hasTag(Tag.failed)) return 'failed';
  if (snapshot.hasTag(Tag.reboot)) return 'waiting-reboot';
  if (snapshot.hasTag(Tag.operator)) return 'waiting-operator';
  return 'running';
}

/** "phase.step" for the journal and for the check that a saved state still exists. */
export function statePath(value: unknown): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value as Record<string, unknown>)[0] ?? ['', ''];
  return `${key}.${statePath(child)}`;
}
