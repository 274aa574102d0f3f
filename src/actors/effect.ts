import type { Host } from '../host/index.js';
import type { ScriptImports } from '../persistence/index.js';
import type { SnapshotSettings } from './snapshots/settings.js';

/** What every effect gets: the host, and the run's options (service account, SQL server, …). */
export interface EffectContext {
  host: Host;
  runId: string;
  stepId: string;
  options: RunOptions;
  /** The input committed with the intent (e.g. the boot id before a reboot). */
  input: Record<string, unknown>;
  /** What the operator gave for this step (confirm or retry with --evidence key=value). */
  evidence: Record<string, string>;
  /** What the operator gave for an earlier step (the file locations before the script import). */
  evidenceOf(stepId: string): Record<string, string>;
  /** Progress of a long effect (BACKUP/RESTORE STATS): shown live, journaled. */
  progress(p: { operation: string; database: string; percent: number }): void;
  /** The script import's checkpoints, in the run's store: an import continues at its next batch. */
  imports: ScriptImports;
}

/** What an effect's `input()` gets: no intent yet, so no input, evidence or progress. */
export type EffectBase = Omit<EffectContext, 'input' | 'evidence' | 'evidenceOf' | 'progress' | 'imports'>;

export interface RunOptions {
  serviceAccount: string;
  /** The target SQL Server: connection string or server name (never with a password). */
  sqlServer: string;
  /** The old server's SQL Server, whose databases are backed up. */
  sourceSqlServer?: string;
  /** Folder or share (UNC) where the SQL Servers write and read the backups. */
  backupDir?: string;
  databases: string[];
  resumeCommand: string[];
  /** Who snapshots the VM (absent in runs from older builds: the simulation's VM, else manual). */
  snapshots?: SnapshotSettings;
  /** `operator`: the tool registers the resume task and asks for the restart instead of restarting. */
  reboot?: 'auto' | 'operator';
  /** The V4 Migrations-Manager's export folder, read by the tool itself (V4 → V9). */
  v4ExportDir?: string;
  /** The installation medium (the SQL Express upgrade's BAT scripts). */
  mediaDir?: string;
  /** A folder outside the VM where every checkpoint is mirrored, to notice a reverted store. */
  journalMirror?: string;
  /** The move with SQL scripts: where xpmigrate writes and reads them (`<database>.sql`). */
  scriptDir?: string;
  /** The SQL Server version the scripts are written for; absent: the target server's own. */
  scriptTarget?: number;
}

export type EffectResult =
  | { ok: true; result: Record<string, unknown> }
  /** `params`: the error's parameters, so the message can be shown in the reader's language. */
  | {
      ok: false;
      code: string;
      detail: string;
      params?: Record<string, string | number>;
      /** What `retry --evidence` must carry for the next attempt to go ahead (the operator's say-so). */
      retryEvidence?: Record<string, string>;
    };

/** The outside world's answer to "did this effect already happen?". */
export type ProbeAnswer = 'done' | 'not-done' | 'unknown';

export interface Effect {
  name: string;
  /** Computed before the intent is committed and stored with it. */
  input?(ctx: EffectBase): Promise<Record<string, unknown>>;
  run(ctx: EffectContext): Promise<EffectResult>;
  probe?(ctx: EffectContext): Promise<ProbeAnswer>;
  /** What a run would have returned, when the probe finds the effect done (recorded like a result). */
  probedResult?(ctx: EffectContext): Promise<Record<string, unknown>>;
}

export const ok = (result: Record<string, unknown> = {}): EffectResult => ({ ok: true, result });
export const fail = (
  code: string,
  detail: string,
  extra: { params?: Record<string, string | number>; retryEvidence?: Record<string, string> } = {},
): EffectResult => ({ ok: false, code, detail, ...extra });
/** The key an effect's outside traces carry, so a probe finds this run's step and no other. */
export const traceKey = (ctx: { runId: string; stepId: string }) => `${ctx.runId}/${ctx.stepId}`;
