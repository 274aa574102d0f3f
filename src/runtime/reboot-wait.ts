import { setTimeout as sleep } from 'node:timers/promises';
import { activeStep } from './active.js';
import type { Protocol } from './protocol.js';

/**
 * After a reboot: the boot id must have changed, then the server must become healthy before the
 * deadline (committed once, so a second reboot or resume keeps it). True when the step moved on
 * (healthy, or failed at the deadline); false while the machine has not rebooted yet.
 */
export async function awaitReboot(p: Protocol): Promise<boolean> {
  const { host } = p.options;
  const reboot = p.snapshot.context.reboot;
  const stepId = activeStep(p.snapshot)!.stepId;
  const pollMs = p.options.pollMs ?? 2000;
  const bootId = await patiently(
    () => host.bootId(),
    Date.now() + p.run.settings.healthTimeoutSeconds * 1000,
    pollMs,
  );
  if (!reboot || bootId === reboot.bootBefore) return false;
  if (!reboot.healthDeadline) {
    const deadline = new Date(Date.now() + p.run.settings.healthTimeoutSeconds * 1000).toISOString();
    await p.advance({ type: 'HEALTH_WAIT', stepId, deadline }, [
      {
        kind: 'rebooted',
        stepId,
        who: 'xpmigrate',
        detail: { bootBefore: reboot.bootBefore, bootId, deadline },
      },
    ]);
  }
  const deadline = Date.parse(p.snapshot.context.reboot?.healthDeadline ?? '');
  for (;;) {
    // Early in a boot the services, WMI or SQL may not answer yet: that is "not healthy yet".
    const health = await host
      .health()
      .catch((error: unknown) => ({ ok: false, detail: String((error as Error).message ?? error) }));
    if (health.ok) {
      await p.advance({ type: 'BOOTED', stepId, bootId }, [
        { kind: 'step-done', stepId, who: 'xpmigrate', detail: { bootId, health: health.detail } },
      ]);
      return true;
    }
    if (Date.now() >= deadline) {
      await p.advance({ type: 'BOOT_TIMEOUT', stepId, detail: health.detail }, [
        {
          kind: 'step-failed',
          stepId,
          who: 'xpmigrate',
          detail: { code: 'E_SERVER_UNHEALTHY', detail: health.detail },
        },
      ]);
      return true;
    }
    await sleep(pollMs);
  }
}

/** Tries again, waiting twice as long each time (at most 30 s), until `until` (performance.now()); then the last error counts. */
async function patiently<T>(work: () => Promise<T>, until: number, firstMs: number): Promise<T> {
  for (let wait = firstMs; ; wait = Math.min(wait * 2, 30_000)) {
    try {
      return await work();
    } catch (error) {
      if (performance.now() + wait >= until) throw error;
      await sleep(wait);
    }
  }
}
