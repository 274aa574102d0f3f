/** Everything a run's machine reacts to. Plain JSON: events are journaled and checkpointed. */
export type MachineEvent =
  | { type: 'EFFECT_DONE'; stepId: string; result: Record<string, unknown> }
  | {
      type: 'EFFECT_FAILED';
      stepId: string;
      code: string;
      detail: string;
      params?: Record<string, string | number>;
    }
  | { type: 'CONFIRM'; stepId: string; evidence?: Record<string, string>; who?: string }
  | { type: 'SKIP'; stepId: string; reason: string; force?: boolean; who?: string }
  | { type: 'RETRY'; stepId: string; evidence?: Record<string, string>; who?: string }
  | { type: 'ABORT'; stepId: string; reason: string; who?: string }
  | { type: 'HEALTH_WAIT'; stepId: string; deadline: string }
  | { type: 'BOOTED'; stepId: string; bootId: string }
  | { type: 'BOOT_TIMEOUT'; stepId: string; detail: string };
