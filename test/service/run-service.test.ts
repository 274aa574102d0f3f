import { describe, expect, it } from 'vitest';
import { type RunEvent, RunService, type StartRequest } from '../../src/service/index.js';
import { operatorInstalled, readSim, tempState } from '../support/runs.js';

/** A V5 → V9 plan A rehearsal in a VM, as `start --simulate` would ask for it, without the CLI. */
function rehearsal(): StartRequest {
  return {
    plan: RunService.plan({ from: '5', target: 'A', virtual: true }),
    simulate: true,
    databases: ['XPDATA', 'XPVDIR', 'XPSTATS'],
    healthTimeoutSeconds: 60,
    reboot: 'auto',
    launcher: [],
    simulation: { storeOutsideVm: false },
  };
}

describe('RunService, used directly', () => {
  it('starts, takes a confirm, resumes after the reboot and rolls back to a snapshot', async () => {
    const file = tempState();
    const service = RunService.open(file, { create: true });
    try {
      const events: RunEvent[] = [];
      const started = await service.start(rehearsal(), { who: 'tester', onProgress: (p) => events.push(p) });
      expect(started.status).toBe('waiting-operator');
      expect(events[0]).toMatchObject({ kind: 'run-started', detail: { route: 'hops-v8v9' } });
      // What was reported is what the journal keeps, entry for entry (the wait is not journaled).
      const journal = service.history().journal.filter((r) => r.kind !== 'progress');
      expect(events.filter((e) => e.kind !== 'waiting' && e.kind !== 'progress').map((e) => e.kind)).toEqual(
        journal.map((r) => r.kind),
      );
      // First the Backup-Manager's backup: the operator's, done on the simulated server.
      expect(events.at(-1)).toMatchObject({ kind: 'waiting', stepId: 'hops.backup' });
      const did = await service.actAsOperator();
      expect(did).toMatchObject({
        stepId: 'hops.backup',
        evidence: { file: expect.any(String), log: expect.any(String) },
      });
      const backedUp = await service.send(
        undefined,
        { command: 'confirm', stepId: did.stepId, evidence: did.evidence },
        { who: 'tester', onProgress: (p) => events.push(p) },
      );
      expect(backedUp).toMatchObject({ delivery: 'driven', handled: 'applied', status: 'waiting-operator' });
      expect(events.filter((e) => e.kind === 'step-done').map((e) => e.stepId)).toContain('hops.backup-log');
      expect(events.at(-1)).toMatchObject({ kind: 'waiting', stepId: 'hop.v5v6.update' });
      expect(service.status().currentStep).toBe('hop.v5v6.update');

      // The wrong version is refused, with the reason in both languages; nothing moves.
      const early = await service.send(
        undefined,
        { command: 'confirm', stepId: 'hop.v5v6.update', evidence: { version: '6.0.100' } },
        { who: 'tester' },
      );
      expect(early).toMatchObject({ delivery: 'driven', handled: 'refused', status: 'waiting-operator' });
      expect(early.delivery === 'driven' && early.reason?.en).toContain('the server reports version 5');
      expect(early.delivery === 'driven' && early.reason?.de).toContain('der Server meldet Version 5');

      operatorInstalled(file, '6.0.100');
      const confirmed = await service.send(
        undefined,
        { command: 'confirm', stepId: 'hop.v5v6.update', evidence: { version: '6.0.100' } },
        { who: 'tester' },
      );
      expect(confirmed).toMatchObject({ delivery: 'driven', handled: 'applied', status: 'waiting-reboot' });
      const bootBefore = readSim(file).bootId;

      // The next process after the (simulated) reboot: health, the test client, then the next hop.
      const resumed = await service.resume(undefined, { who: 'tester' });
      expect(readSim(file).bootId).toBe(bootBefore + 1);
      expect(resumed.status).toBe('waiting-operator');
      const after = service.status();
      expect(after.currentStep).not.toBe('hop.v5v6.reboot');
      expect(service.history().journal.some((r) => r.kind === 'rebooted')).toBe(true);

      // Back to the snapshot before the first update: the store on the VM goes back with it.
      const snapshot = service.snapshots().find((s) => s.stepId === 'hops.snapshot-start')!;
      const target = service.rollbackTarget(snapshot.name);
      expect(target.provider).toBe('simulated');
      const rolled = await service.rollbackTo(target, 'tester');
      expect(rolled).toMatchObject({ runId: started.runId, storeReverted: true });
      expect(readSim(file).effects['snapshot.revert']).toBe(1);
      expect(service.status().stepsDone).toBeLessThan(after.stepsDone);
      expect(service.history().journal.some((r) => r.kind === 'rollback-detected')).toBe(true);
    } finally {
      service.close();
    }
  });

  it('refuses the rehearsal operator on a real run and names an unknown run', async () => {
    const file = tempState();
    const service = RunService.open(file, { create: true });
    try {
      await expect(service.resume(undefined, { who: 't' })).rejects.toMatchObject({ code: 'E_NO_RUNS' });
      const { runId } = await service.start(rehearsal(), { who: 't' });
      expect(() => service.find('nope')).toThrow(expect.objectContaining({ code: 'E_RUN_NOT_FOUND' }));
      expect(service.find(runId.slice(0, 8)).row.id).toBe(runId);
    } finally {
      service.close();
    }
  });

  it('of two starts at once on one store exactly one creates a run; the other is E_RUN_UNFINISHED naming it', async () => {
    const file = tempState();
    // Two processes' services: each its own connection to the store, both past the first check.
    const first = RunService.open(file, { create: true });
    const second = RunService.open(file, { create: true });
    try {
      const outcomes = await Promise.allSettled([
        first.start(rehearsal(), { who: 'operator' }),
        second.start(rehearsal(), { who: 'colleague' }),
      ]);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o) => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const runId = (won[0] as PromiseFulfilledResult<{ runId: string }>).value.runId;
      expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({
        code: 'E_RUN_UNFINISHED',
        params: { run: runId },
      });
      expect(first.runs().map((r) => r.row.id)).toEqual([runId]);
      // One run, one first step: the Backup-Manager's backup asked for once.
      expect(first.history().journal.filter((r) => r.kind === 'run-started')).toHaveLength(1);
    } finally {
      first.close();
      second.close();
    }
  });
});
