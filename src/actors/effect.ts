import type { Host } from '../host/index.js';

/** What every effect gets: the host, and the run's options (service account, SQL server, …). */
export interface EffectContext {
  host: Host;
  runId: string;
  stepId: string;
  options: RunOptions;
  /** The input committed with the intent (e.g. the boot id before a reboot). */
  input: Record<string, unknown>;
}

export interface RunOptions {
  serviceAccount: string;
  sqlServer: string;
  databases: string[];
  resumeCommand: string[];
}

export type EffectResult =
  | { ok: true; result: Record<string, unknown> }
  | { ok: false; code: string; detail: string };

/** The outside world's answer to "did this effect already happen?". */
export type ProbeAnswer = 'done' | 'not-done' | 'unknown';

export interface Effect {
  name: string;
  /** Computed before the intent is committed and stored with it. */
  input?(ctx: Omit<EffectContext, 'input'>): Promise<Record<string, unknown>>;
  run(ctx: EffectContext): Promise<EffectResult>;
  probe?(ctx: EffectContext): Promise<ProbeAnswer>;
}

export const ok = (result: Record<string, unknown> = {}): EffectResult => ({ ok: true, result });
export const fail = (code: string, detail: string): EffectResult => ({ ok: false, code, detail });
/** The key an effect's outside traces carry, so a probe finds this run's step and no other. */
export const traceKey = (ctx: { runId: string; stepId: string }) => `${ctx.runId}/${ctx.stepId}`;
