import type { Host } from '../host/index.js';
import { type MachineEvent, missingEvidence, type RunStep } from '../machines/index.js';
import { activeStep, type XpSnapshot } from './active.js';

/** An operator command as it sits in the inbox. */
export interface OperatorCommand {
  command: 'confirm' | 'skip' | 'retry' | 'abort';
  stepId?: string;
  evidence?: Record<string, string>;
  reason?: string;
  force?: boolean;
}

export type Verdict =
  | { kind: 'accept'; event: MachineEvent }
  | { kind: 'duplicate'; reason: string }
  | { kind: 'refuse'; reason: string };

/**
 * Decides whether the run can take a command now. A repeat of something already done is
 * harmless; anything the current state cannot take is refused with the reason.
 */
export async function judge(
  cmd: OperatorCommand,
  snapshot: XpSnapshot,
  steps: RunStep[],
  host: Host,
  who: string,
): Promise<Verdict> {
  const context = snapshot.context;
  const handled = (id: string) => context.done.includes(id) || context.skipped.some((s) => s.stepId === id);
  if (cmd.stepId && handled(cmd.stepId) && (cmd.command === 'confirm' || cmd.command === 'skip')) {
    return {
      kind: 'duplicate',
      reason: `step ${cmd.stepId} is already ${context.done.includes(cmd.stepId) ? 'done' : 'skipped'}`,
    };
  }
  if (snapshot.status === 'done') {
    return cmd.command === 'abort' && snapshot.matches('aborted' as never)
      ? { kind: 'duplicate', reason: 'the run is already aborted' }
      : { kind: 'refuse', reason: 'the run has ended' };
  }
  const active = activeStep(snapshot);
  if (!active) return { kind: 'refuse', reason: 'the run is between steps' };
  const stepId = cmd.stepId ?? active.stepId;
  if (stepId !== active.stepId) {
    return {
      kind: 'refuse',
      reason: `step ${stepId} is not the current step; the run is at ${active.stepId}`,
    };
  }
  const step = steps.find((s) => s.id === stepId);
  const event = toEvent(cmd, stepId, who);
  if (snapshot.can(event)) {
    if (event.type === 'CONFIRM' && step && snapshot.hasTag('manual')) {
      const mismatch = await installedVersionMismatch(step, host);
      if (mismatch) return { kind: 'refuse', reason: mismatch };
    }
    return { kind: 'accept', event };
  }
  return { kind: 'refuse', reason: whyNot(cmd, step, snapshot) };
}

function toEvent(cmd: OperatorCommand, stepId: string, who: string): MachineEvent {
  switch (cmd.command) {
    case 'confirm':
      return { type: 'CONFIRM', stepId, evidence: cmd.evidence ?? {}, who };
    case 'skip':
      return { type: 'SKIP', stepId, reason: cmd.reason ?? '', force: cmd.force === true, who };
    case 'retry':
      return { type: 'RETRY', stepId, ...(cmd.evidence ? { evidence: cmd.evidence } : {}), who };
    case 'abort':
      return { type: 'ABORT', stepId, reason: cmd.reason ?? '', who };
  }
}

function whyNot(cmd: OperatorCommand, step: RunStep | undefined, snapshot: XpSnapshot): string {
  if (cmd.command === 'confirm' && step) {
    const missing = missingEvidence(step.evidence, cmd.evidence);
    if (missing.length > 0) {
      const detail = step.evidence
        .filter((f) => missing.includes(f.key))
        .map((f) => (f.pattern ? `${f.key} (matching ${f.pattern})` : f.key));
      return `evidence missing or invalid: ${detail.join(', ')}; give --evidence key=value`;
    }
  }
  if (cmd.command === 'skip' && step && !step.optional)
    return `step ${step.id} is required; skipping it needs --force and --reason`;
  if (cmd.command === 'retry') return 'only a failed step can be retried';
  if (cmd.command === 'confirm' && !snapshot.hasTag('waiting-for-operator'))
    return 'the step is not waiting for an operator';
  return `the current state does not accept ${cmd.command}`;
}

/** A hop's update is confirmed only when the server really reports the new version. */
async function installedVersionMismatch(step: RunStep, host: Host): Promise<string | undefined> {
  const field = step.evidence.find((f) => f.key === 'version' && f.pattern);
  if (!field?.pattern || !step.id.startsWith('hop.')) return undefined;
  const installed = await host.installedVersion();
  if (installed && new RegExp(field.pattern).test(installed)) return undefined;
  return `the server reports version ${installed ?? 'unknown'}, expected one matching ${field.pattern}`;
}
