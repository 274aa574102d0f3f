import { setTimeout as sleepFor } from 'node:timers/promises';

/**
 * Time as a port. The runtime and the effects read "now" and wait only through a clock, so a
 * deadline and the time compared with it always come from the same source (an early-boot retry
 * that compared a wall-clock deadline with `performance.now()` never gave up), and a test can
 * move time instead of waiting for it.
 */
export interface Clock {
  /** Milliseconds since the epoch: deadlines are committed as ISO times and survive a reboot. */
  now(): number;
  /** Resolves `ms` later on this clock. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms) => {
    await sleepFor(Math.max(0, ms));
  },
};

/**
 * Time that moves only when someone waits, as in Temporal's time-skipping tests: `sleep(ms)`
 * returns at once (after one turn of the event loop, so I/O goes on) with the clock `ms` later.
 */
export class SkippingClock implements Clock {
  constructor(private ms: number) {}

  now(): number {
    return this.ms;
  }

  async sleep(ms: number): Promise<void> {
    this.ms += Math.max(0, ms);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
