import type { Clock } from '../host/index.js';
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
  const { clock } = p;
  const pollMs = p.options.pollMs ?? 2000;
  let bootId: string;
  try {
    bootId = await patiently(
      clock,
      () => host.bootId(),
      clock.now() + p.run.settings.healthTimeoutSeconds * 1000,
      pollMs,
    );
  } catch (error) {
    // Given up at the deadline: the step fails with the reason, and the drive (the startup task
    // too) ends and lets go of the run, so the operator's resume or retry is not refused as locked.
    const detail = error instanceof Error ? error.message : String(error);
    await p.advance({ type: 'BOOT_TIMEOUT', stepId, detail }, [
      { kind: 'step-failed', stepId, who: 'xpmigrate', detail: { code: 'E_BOOT_ID_UNREADABLE', detail } },
    ]);
    return true;
  }
  if (!reboot || bootId === reboot.bootBefore) return false;
  if (!reboot.healthDeadline) {
    const deadline = new Date(clock.now() + p.run.settings.healthTimeoutSeconds * 1000).toISOString();
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
    if (clock.now() >= deadline) {
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
    await clock.sleep(pollMs);
  }
}

/** Tries again, waiting twice as long each time (at most 30 s), until `until` on the clock; then the last error counts. */
async function patiently<T>(
  clock: Clock,
  work: () => Promise<T>,
  until: number,
  firstMs: number,
): Promise<T> {
  for (let wait = firstMs; ; wait = Math.min(wait * 2, 30_000)) {
    try {
      return await work();
    } catch (error) {
      if (clock.now() + wait >= until) throw error;
      await clock.sleep(wait);
    }
  }
}
