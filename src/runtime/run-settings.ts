import type { RunOptions } from '../actors/index.js';
import type { DrivingRole } from '../catalog/index.js';
import type { Forecast } from '../forecast/index.js';

/** What a run was started with, stored with it and read by every later process. */
export interface RunSettings extends RunOptions {
  /** Seconds to wait for a healthy server after a reboot before asking the operator. */
  healthTimeoutSeconds: number;
  /** What the run was expected to take (`--twin`, `--estimate`): the report sets it beside the actual. */
  forecast?: Forecast;
  /**
   * The XPhone servers' computer names known at start: the one `start` ran on, the old server's
   * from its twin. A hand-over names the next one (runtime/placement.ts).
   */
  machines?: Partial<Record<DrivingRole, string>>;
}
