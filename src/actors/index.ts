import { atlasEffects } from './atlas-xml/index.js';
import { backupManagerEffects } from './backup-manager.js';
import type { Effect } from './effect.js';
import { systemEffects } from './host-system.js';
import { snapshotEffects } from './snapshots/index.js';
import { sqlScriptEffects } from './sql-script/index.js';
import { sqlServerEffects } from './sql-server/index.js';
import { v4Effects } from './v4-exports.js';
import { windowsEffects } from './windows.js';

export type { Effect, EffectContext, EffectResult, ProbeAnswer, RunOptions } from './effect.js';

/** Every effect the catalog names, by name. */
export const EFFECTS: ReadonlyMap<string, Effect> = new Map(
  [
    ...atlasEffects,
    ...backupManagerEffects,
    ...systemEffects,
    ...snapshotEffects,
    ...sqlScriptEffects,
    ...sqlServerEffects,
    ...v4Effects,
    ...windowsEffects,
  ].map((e) => [e.name, e]),
);
