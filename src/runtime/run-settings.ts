import type { RunOptions } from '../actors/index.js';

/** What a run was started with, stored with it and read by every later process. */
export interface RunSettings extends RunOptions {
  /** Seconds to wait for a healthy server after a reboot before asking the operator. */
  healthTimeoutSeconds: number;
}
