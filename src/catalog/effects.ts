/**
 * The effects a step can name, each with the input the catalog gives it: the compiler checks a
 * step's `{ name, input }` here and the actors' registry (`Record<EffectName, Effect>`) against
 * it, so an effect learns what to do from its input, never from the step's id.
 */
export interface EffectInputs {
  'atlas.point-databases': Empty;
  /** Each instance's rename, with the step that migrates it: only migrated instances are renamed. */
  'atlas.rename-instances': { migratedBy: Record<'main' | 'analytics', string> };
  /** The log (and for a backup, the file) the operator named at `stepId`, read with diagnose's catalog. */
  'backup-manager.check-log': { stepId: string; operation: 'backup' | 'restore' };
  'host.reboot': Empty;
  'snapshot.take': Empty;
  'sql.backup-databases': Empty;
  'sql.check-filestream': Empty;
  'sql.create-databases': Empty;
  /** The steps whose backups may be restored, the preferred (newest) first. */
  /** `replaceConfirmedAt`: the step where the operator named the databases it may overwrite. */
  'sql.restore-databases': { backupSteps: string[]; replaceConfirmedAt?: string };
  'sql-script.export': Empty;
  'sql-script.import': Empty;
  'sql-script.verify': Empty;
  /** Each export item (a–e) by its key, with the step that exports it: only done exports are looked for. */
  'v4.check-exports': { exportSteps: Record<string, string> };
  /** The installed XPhone version has this major (V8 before the move to V9). */
  'windows.check-installed-version': { major: number };
  'windows.check-no-v4-on-target': Empty;
  /** The step's XPhone server (by the name the run knows) answers on none of its ports. */
  'windows.check-xphone-stopped': Empty;
  'windows.restart-services': Empty;
  /** Which of the medium's two scripts: the main instance (UC) or the analytics one (STAT). */
  'windows.run-sql-migration-script': { instance: 'main' | 'analytics' };
  'windows.set-app-pool-identity': Empty;
  'windows.start-services': Empty;
  'windows.stop-services': Empty;
}

type Empty = Record<string, never>;

export type EffectName = keyof EffectInputs;

/** A step's effect: its name and the input the catalog gives it, checked together. */
export type EffectRef = { [K in EffectName]: { name: K; input: EffectInputs[K] } }[EffectName];
