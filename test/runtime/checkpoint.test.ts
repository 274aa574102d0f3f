import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { buildMachine, missingEvidence, type RunStep, runStepsOf } from '../../src/machines/index.js';
import { buildPlan, type PlanInput } from '../../src/plan/index.js';
import { activeStep, persistedJson, statePath } from '../../src/runtime/index.js';

const ROUTES: PlanInput[] = [
  { from: '4.5.30' },
  { from: 'V5', target: 'A', virtual: true },
  { from: '8', target: 'B' },
  { from: '8', target: 'C' },
  { from: '9.0.330.1359', target: 'D', existingSqlServer: true },
  { job: 'sql-express', from: '9.0.330.1359', analytics: true },
  { job: 'db-script', from: '9' },
];

/** Evidence that passes every field's pattern: the first candidate its pattern takes. */
const CANDIDATES = ['D:\\SQLData\\', '4.5.35 SR5', ...[5, 6, 7, 8, 9].map((v) => `${v}.0.100`), 'x1'];
const evidenceFor = (step: RunStep) =>
  Object.fromEntries(
    step.evidence.map((f) => [
      f.key,
      CANDIDATES.find((v) => missingEvidence([f], { [f.key]: v }).length === 0) ?? 'none',
    ]),
  );

describe('the persisted snapshot written per transition', () => {
  it.each(ROUTES)('is XState’s own, byte for byte, in every state of %o', (input) => {
    const steps = runStepsOf(buildPlan(input));
    const actor = createActor(buildMachine('run', steps).machine).start();
    const compare = (where: string) =>
      expect(persistedJson(actor), where).toBe(JSON.stringify(actor.getPersistedSnapshot()));
    const send = (event: Parameters<typeof actor.send>[0]) => {
      actor.send(event);
      compare(`${event.type} → ${statePath(actor.getSnapshot().value)}`);
    };

    compare('start');
    const visited = new Set<string>();
    for (let guard = 0; actor.getSnapshot().status === 'active' && guard < 1000; guard++) {
      const stepId = activeStep(actor.getSnapshot())!.stepId;
      const step = steps.find((s) => s.id === stepId)!;
      const first = !visited.has(stepId);
      visited.add(stepId);
      const snapshot = actor.getSnapshot();
      if (snapshot.hasTag('waiting-reboot')) {
        send({ type: 'HEALTH_WAIT', stepId, deadline: '2026-11-29T10:00:00.000Z' });
        send({ type: 'BOOTED', stepId, bootId: 'after' });
      } else if (snapshot.hasTag('effect') && first) {
        // Fail once and retry with evidence, so the context carries some, then finish it.
        send({ type: 'EFFECT_FAILED', stepId, code: 'E_X', detail: 'd' });
        send({ type: 'RETRY', stepId, evidence: { note: 'again' } });
      } else if (snapshot.hasTag('effect')) {
        send({ type: 'EFFECT_DONE', stepId, result: { bootBefore: 'before' } });
      } else if (step.optional) {
        send({ type: 'SKIP', stepId, reason: 'not here' });
      } else {
        send({ type: 'CONFIRM', stepId, evidence: evidenceFor(step) });
      }
    }
    expect(actor.getSnapshot().status).toBe('done');
    expect(visited.size).toBe(steps.length);
    const context = JSON.parse(persistedJson(actor)).context;
    expect(context.done.length + context.skipped.length).toBe(steps.length);
  });

  it('matches after an abort, which gives the context a reason', () => {
    const steps = runStepsOf(buildPlan({ from: '8', target: 'B' }));
    const actor = createActor(buildMachine('run', steps).machine).start();
    const stepId = activeStep(actor.getSnapshot())!.stepId;
    actor.send({ type: 'EFFECT_FAILED', stepId, code: 'E_X', detail: 'd' });
    actor.send({ type: 'ABORT', stepId, reason: 'window closed' });
    expect(actor.getSnapshot().status).toBe('done');
    expect(persistedJson(actor)).toBe(JSON.stringify(actor.getPersistedSnapshot()));
    expect(persistedJson(actor)).toContain('"abortReason":"window closed"');
  });
});
