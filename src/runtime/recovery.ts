import { effectFor } from '../actors/index.js';
import { Tag } from '../machines/index.js';
import type { Attempt, JournalEntry } from '../persistence/index.js';
import { activeStep, statePath } from './active.js';
import type { Protocol } from './protocol.js';
import { snapshotTaken } from './snapshot-taken.js';

/**
 * Resolves intents that a dead process left without an outcome, by the step's recovery policy:
 * run again (idempotent), ask the outside world (probe), or ask the operator. A non-idempotent
 * effect is never run twice without evidence that it did not happen.
 */
export async function recoverOpenIntents(p: Protocol): Promise<void> {
  for (const intent of p.store.openIntents(p.runId)) {
    const active = activeStep(p.snapshot);
    const step = p.step(intent.stepId);
    if (!p.snapshot.hasTag(Tag.effect) || active?.stepId !== intent.stepId) {
      closeIntent(p, intent, 'orphaned', {
        reason: `the run is at ${active?.stepId ?? statePath(p.snapshot.value)}`,
      });
      continue;
    }
    const input = intent.input;
    const effect = step.effect ? effectFor(step.effect) : undefined;
    let answer = 'not-asked';
    if (step.recovery === 'probe' && effect?.probe) answer = await effect.probe(p.context(step, input));
    const journal = (decision: string): JournalEntry => ({
      kind: 'recovered',
      stepId: step.id,
      attempt: intent.attempt,
      who: 'xpmigrate',
      detail: { policy: step.recovery, probe: answer, decision },
    });

    if (answer === 'done') {
      // What the effect would have returned (a snapshot's name and provider), for its records.
      const found = effect?.probedResult ? await effect.probedResult(p.context(step, input)) : {};
      await p.advance(
        { type: 'EFFECT_DONE', stepId: step.id, result: { ...input, probed: true } },
        [
          journal('probe found it done'),
          {
            kind: 'step-done',
            stepId: step.id,
            attempt: intent.attempt,
            who: 'xpmigrate',
            detail: { ...input, by: 'probe' },
          },
        ],
        {
          outcome: { stepId: step.id, attempt: intent.attempt, outcome: 'done-by-probe', result: input },
          ...snapshotTaken(step, found),
        },
      );
    } else if (step.recovery === 'rerun' || answer === 'not-done') {
      closeIntent(p, intent, 'interrupted', { decision: 'run again' }, [journal('run again')]);
    } else {
      // `ask`, or a probe that cannot tell: the operator decides (retry, confirm as done, skip, abort).
      await p.advance(
        {
          type: 'EFFECT_FAILED',
          stepId: step.id,
          code: 'E_INTERRUPTED',
          detail: 'the process ended while this step ran; check whether it happened',
        },
        [journal('ask the operator')],
        { outcome: { stepId: step.id, attempt: intent.attempt, outcome: 'interrupted', result: null } },
      );
    }
  }
}

function closeIntent(
  p: Protocol,
  intent: Attempt,
  outcome: string,
  result: unknown,
  journal: JournalEntry[] = [],
): void {
  p.checkpoint(`INTENT_${outcome.toUpperCase()}`, journal, {
    outcome: { stepId: intent.stepId, attempt: intent.attempt, outcome, result },
  });
}
