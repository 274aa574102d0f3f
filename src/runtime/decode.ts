import type { EffectRef } from '../catalog/index.js';
import { XpmError } from '../errors/index.js';
import type { Text } from '../i18n/index.js';
import type { MachineContext } from '../machines/index.js';
import type { Checkpoint, InboxRow, RunRow } from '../persistence/index.js';
import type { Plan } from '../plan/index.js';
import type { OperatorCommand } from './commands.js';
import type { RunSettings } from './run-settings.js';

/**
 * The one place that turns what the store holds as JSON text into types. A text that does not
 * parse, or lacks what every reader relies on, is a damaged store: a clear error, never a crash
 * further on.
 */
export function planOf(row: RunRow): Plan {
  const plan = parse<Plan>(row.planJson, row.id, 'plan');
  if (!Array.isArray(plan.phases)) throw damaged(row.id, 'plan without phases');
  for (const step of plan.phases.flatMap((p) => p.steps)) {
    // Plans stored before steps named their machine ran on one machine: the existing server.
    step.def.machine ??= 'old';
    step.machine ??= step.def.machine;
    step.drivenOn ??= 'old';
    const effect = step.def.effect as EffectRef | string | undefined;
    // Plans stored before effects carried their input named the effect alone.
    if (typeof effect === 'string')
      step.def.effect = { name: effect, input: LEGACY_INPUTS[step.def.id] ?? {} } as EffectRef;
  }
  return plan;
}

/** What the step ids of older plans meant, now said by the effect's input. */
const LEGACY_INPUTS: Record<string, EffectRef['input']> = {
  'sqlx.4.migrate-uc': { instance: 'main' },
  'sqlx.4.migrate-stat': { instance: 'analytics' },
  'v8v9.12.restore': { backupSteps: ['v8v9.cutover-backup', 'v8v9.backup'] },
};

export function settingsOf(row: RunRow): RunSettings {
  const settings = parse<RunSettings>(row.optionsJson, row.id, 'settings');
  if (!Array.isArray(settings.databases)) throw damaged(row.id, 'settings without databases');
  return settings;
}

/** A checkpoint's persisted machine snapshot: its state value and context. */
export interface Persisted {
  value: unknown;
  context: MachineContext;
}

export function persistedOf(runId: string, checkpoint: Pick<Checkpoint, 'snapshot' | 'seq'>): Persisted {
  const persisted = parse<Persisted>(checkpoint.snapshot, runId, `checkpoint ${checkpoint.seq}`);
  if (typeof persisted.context !== 'object' || persisted.context === null)
    throw damaged(runId, `checkpoint ${checkpoint.seq} without context`);
  return persisted;
}

const COMMANDS: ReadonlySet<string> = new Set(['confirm', 'skip', 'retry', 'abort']);

export function commandOf(row: InboxRow, runId: string): OperatorCommand {
  const cmd = parse<OperatorCommand>(row.payload, runId, `inbox ${row.id}`);
  if (!COMMANDS.has(cmd.command)) throw damaged(runId, `inbox ${row.id}: unknown command`);
  return cmd;
}

function parse<T>(text: string, runId: string, what: string): T {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null) throw new Error('not an object');
    return value as T;
  } catch (error) {
    throw damaged(runId, `${what}: ${(error as Error).message}`);
  }
}

function damaged(runId: string, detail: string): XpmError {
  return new XpmError('E_STORE_CORRUPT', { file: `run ${runId}`, detail });
}

/** A refusal reason as the inbox keeps it: both languages (older stores: one English text). */
export function reasonOf(stored: string | null): Text | null {
  if (stored === null) return null;
  try {
    const text = JSON.parse(stored) as Partial<Text>;
    if (typeof text.de === 'string' && typeof text.en === 'string') return { de: text.de, en: text.en };
  } catch {
    // an English text from an older build
  }
  return { de: stored, en: stored };
}
