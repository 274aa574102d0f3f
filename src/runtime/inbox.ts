import type { InboxRow, JournalEntry } from '../persistence/index.js';
import { activeStep } from './active.js';
import { judge, type OperatorCommand, overridesFailure } from './commands.js';
import { commandOf } from './decode.js';
import { fault, faultStep } from './faults.js';
import type { Protocol } from './protocol.js';
import { snapshotTaken } from './snapshot-taken.js';

const APPLIED = {
  confirm: 'operator-confirm',
  skip: 'operator-skip',
  retry: 'operator-retry',
  abort: 'operator-abort',
} as const satisfies Record<OperatorCommand['command'], JournalEntry['kind']>;

/** Delivers pending operator commands in order; true when one changed the state. */
export async function deliverCommands(p: Protocol): Promise<boolean> {
  for (const row of p.store.pendingCommands(p.runId)) {
    if (await deliver(p, row)) return true;
  }
  return false;
}

async function deliver(p: Protocol, row: InboxRow): Promise<boolean> {
  const cmd = commandOf(row, p.runId);
  const verdict = await judge(cmd, p.snapshot, p.run.steps, p.options.host, row.who, p.run.settings);
  const stepId = cmd.stepId ?? activeStep(p.snapshot)?.stepId ?? '';
  if (verdict.kind !== 'accept') {
    const status = verdict.kind === 'duplicate' ? 'duplicate' : 'refused';
    // Both languages are kept: whoever reads it later (CLI, page, report) reads it in theirs.
    const entry: JournalEntry = {
      kind: status === 'duplicate' ? 'command-duplicate' : 'command-refused',
      stepId,
      who: row.who,
      detail: { ...cmd, reason: verdict.reason.en, reasonDe: verdict.reason.de },
    };
    p.store.markCommand(p.runId, row.id, status, JSON.stringify(verdict.reason), [entry]);
    p.emit(entry);
    return false;
  }
  const before = p.snapshot;
  faultStep(stepId);
  fault('command-queued');
  // The evidence as the run keeps it ("V8" taken as "8"), not as typed.
  const evidence =
    'evidence' in verdict.event && verdict.event.evidence ? { evidence: verdict.event.evidence } : {};
  // A failed step confirmed: "marked done without running", with the reason judge required.
  const override = cmd.command === 'confirm' && overridesFailure(before) ? { override: true } : {};
  const detail = { ...cmd, ...evidence, ...override };
  // A snapshot the operator took by hand is recorded with the confirm that names it: rollback uses it.
  const taken = p.run.steps.find((s) => s.id === stepId)?.snapshotByOperator
    ? snapshotTaken(p.step(stepId), { snapshot: evidence.evidence?.snapshot, provider: 'manual' })
    : {};
  await p.advance(verdict.event, [{ kind: APPLIED[cmd.command], stepId, who: row.who, detail }], {
    inbox: { id: row.id, status: 'applied' },
    ...(cmd.command === 'confirm' ? taken : {}),
  });
  fault('command-applied');
  faultStep(undefined);
  return before !== p.snapshot;
}
