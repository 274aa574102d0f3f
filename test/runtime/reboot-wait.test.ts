import { describe, expect, it } from 'vitest';
import { SkippingClock } from '../../src/host/index.js';
import { RunService, type StartRequest } from '../../src/service/index.js';
import { editSim, readSim, tempState } from '../support/runs.js';

const HEALTH_TIMEOUT_S = 600;

/** V5 → V8 hops with plan A, rehearsed: its first hop ends with a reboot. */
function hops(): StartRequest {
  return {
    plan: RunService.plan({ from: '5', target: 'A', virtual: false }),
    simulate: true,
    databases: ['XPDATA', 'XPVDIR', 'XPSTATS'],
    healthTimeoutSeconds: HEALTH_TIMEOUT_S,
    reboot: 'auto',
    launcher: [],
    simulation: { storeOutsideVm: false, version: '5.0.100' },
  };
}

describe('the wait after a reboot, on a clock the test moves', () => {
  it('gives up reading the boot id at the deadline: the step fails with the reason and the startup task lets go', async () => {
    const file = tempState();
    const started = RunService.open(file, { create: true });
    const first = await started.start(hops(), { who: 'operator', autoConfirm: true });
    started.close();
    expect(first.status).toBe('waiting-reboot');
    // The restarted server's WMI never answers: not within any deadline.
    editSim(file, (m) => {
      m.unreadyAnswers = 1_000_000;
    });

    const t0 = Date.UTC(2026, 11, 7, 22, 0, 0);
    const clock = new SkippingClock(t0);
    const task = RunService.open(file, { clock });
    const booted = await task.resume(undefined, { who: 'startup task', untilBooted: true });
    task.close();
    expect(booted.status).toBe('failed');
    // It asked until the deadline on the clock it was given, and not much longer (the last wait ≤ 30 s).
    expect(clock.now() - t0).toBeGreaterThanOrEqual(HEALTH_TIMEOUT_S * 1000 - 30_000);
    expect(clock.now() - t0).toBeLessThanOrEqual(HEALTH_TIMEOUT_S * 1000);
    const asked = 1_000_000 - readSim(file).unreadyAnswers!;
    expect(asked).toBeGreaterThan(3);

    const operator = RunService.open(file);
    const { journal } = operator.history();
    const failed = journal.filter((j) => j.kind === 'step-failed').at(-1);
    expect(failed?.stepId).toBe('hop.v5v6.reboot');
    expect(failed?.detail).toMatchObject({
      code: 'E_BOOT_ID_UNREADABLE',
      detail: expect.stringContaining('0x80041014'),
    });

    // The lock is free: the operator's retry is taken, and with WMI answering the hop goes on.
    editSim(file, (m) => {
      m.unreadyAnswers = 0;
    });
    const retried = await operator.send(undefined, { command: 'retry' }, { who: 'operator' });
    operator.close();
    expect(retried).toMatchObject({ delivery: 'driven', handled: 'applied' });
    expect(retried.delivery === 'driven' && retried.status).not.toBe('failed');
  });
});
