import type { EffectRef } from '../catalog/index.js';
import { atlasEffects } from './atlas-xml/index.js';
import { backupManagerEffects } from './backup-manager.js';
import type { Effect, EffectRegistry } from './effect.js';
import { systemEffects } from './host-system.js';
import { snapshotEffects } from './snapshots/index.js';
import { sqlScriptEffects } from './sql-script/index.js';
import { sqlServerEffects } from './sql-server/index.js';
import { v4Effects } from './v4-exports.js';
import { windowsEffects } from './windows.js';

export type {
  Effect,
  EffectContext,
  EffectRegistry,
  EffectResult,
  ProbeAnswer,
  RunOptions,
  SettingName,
  StepMachine,
} from './effect.js';
export { SETTING_FLAGS, sourcesOf } from './effect.js';

/** Every effect the catalog names, by name: the compiler checks that none is missing. */
export const EFFECTS: EffectRegistry = {
  ...atlasEffects,
  ...backupManagerEffects,
  ...systemEffects,
  ...snapshotEffects,
  ...sqlScriptEffects,
  ...sqlServerEffects,
  ...v4Effects,
  ...windowsEffects,
};

/** The effect a step names; the runtime calls it with that step's input as `params`. */
export function effectFor(ref: EffectRef): Effect {
  // The compiler matched each name with its input in the catalog; here they travel together.
  return EFFECTS[ref.name] as unknown as Effect;
}
