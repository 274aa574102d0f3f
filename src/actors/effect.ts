import {
  type EffectInputs,
  type EffectName,
  isAnalyticsDatabase,
  type MachineRole,
} from '../catalog/index.js';
import { XpmError } from '../errors/index.js';
import type { Clock, Host } from '../host/index.js';
import type { SnapshotSettings } from './snapshots/settings.js';
import type { ScriptImports } from './sql-script/checkpoints.js';

/**
 * Where a step happens and where xpmigrate runs for it. The runtime has checked, before the
 * effect was called, that this machine is the one the step is driven on (runtime/placement.ts).
 */
export interface StepMachine {
  role: MachineRole;
  /** The computer name of the step's XPhone server, where the run knows it. */
  name?: string;
  /** This machine's computer name. */
  here: string;
  /** The step happens on the other XPhone server than the one xpmigrate runs on (read it over the network). */
  remote: boolean;
}

/** What every effect gets: the host, the run's options (service account, SQL server, …), its step's input. */
export interface EffectContext<P = Record<string, unknown>> {
  host: Host;
  /** The run's time: an effect reads "now" and waits only here. */
  clock: Clock;
  machine: StepMachine;
  runId: string;
  /** For traces only (names of backups and snapshots): what to do comes from `params`. */
  stepId: string;
  options: RunOptions;
  /** What the catalog's step gives this effect (`{ name, input }`). */
  params: P;
  /** The input committed with the intent (e.g. the boot id before a reboot). */
  input: Record<string, unknown>;
  /** What the operator gave for this step (confirm or retry with --evidence key=value). */
  evidence: Record<string, string>;
  /** What the operator gave for an earlier step (the file locations before the script import). */
  evidenceOf(stepId: string): Record<string, string>;
  /** Whether an earlier step of this run is done (not skipped, not pending). */
  isDone(stepId: string): boolean;
  /**
   * What an earlier step's effect left in the journal when it was done (its result, or the
   * intent's input when a probe found it done); none for a step not done or done by the operator.
   */
  resultOf(stepId: string): Record<string, unknown> | undefined;
  /**
   * From the run's journal (ISO times): when the run reached a step at the latest (the entry before
   * the step's first), and when a step last failed.
   */
  journalTime(stepId: string, which: 'arrived' | 'failed'): string | undefined;
  /** Progress of a long effect (BACKUP/RESTORE STATS): shown live, journaled. */
  progress(p: { operation: string; database: string; percent: number }): void;
  /** The script import's checkpoints, in the run's store: an import continues at its next batch. */
  imports: ScriptImports;
}

/** What an effect's `input()` gets: no intent yet, so no input, evidence or progress. */
export type EffectBase<P = Record<string, unknown>> = Omit<
  EffectContext<P>,
  'input' | 'evidence' | 'evidenceOf' | 'resultOf' | 'journalTime' | 'progress' | 'imports'
>;

export interface RunOptions {
  /** The Windows account XPhone runs as (steps 2a, 7, 7a). */
  serviceAccount?: string;
  /** The target SQL Server: connection string or server name (never with a password). */
  sqlServer?: string;
  /** The old server's SQL Server, whose databases are backed up. */
  sourceSqlServer?: string;
  /**
   * The old server's Analytics instance (`(local)\XPANALYTICS`): its databases (XPSTATS,
   * XPSTATSRaw) are read from there. Absent: from `sourceSqlServer` (one instance holds them all).
   */
  sourceAnalyticsSqlServer?: string;
  /** Folder or share (UNC) where the SQL Servers write and read the backups. */
  backupDir?: string;
  databases: string[];
  resumeCommand: string[];
  /** The startup task's working folder: the store's (absolute). */
  resumeDirectory?: string;
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

/** The run's settings an effect reads, and the flag that gives each: a real run must name them all. */
export const SETTING_FLAGS = {
  sqlServer: '--sql-server',
  sourceSqlServer: '--source-sql',
  backupDir: '--backup-dir',
  serviceAccount: '--service-account',
  mediaDir: '--media-dir',
} as const;
export type SettingName = keyof typeof SETTING_FLAGS;

/**
 * The run's databases by the SQL Server each is read from: Analytics' from its own instance where
 * the run names one, every other from `sourceSqlServer` (in the order of `--databases`).
 */
export function sourcesOf(options: RunOptions): Array<{ server: string; databases: string[] }> {
  const groups: Array<{ server: string; databases: string[] }> = [];
  for (const db of options.databases) {
    const server =
      options.sourceAnalyticsSqlServer && isAnalyticsDatabase(db)
        ? options.sourceAnalyticsSqlServer
        : setting({ options }, 'sourceSqlServer');
    const group = groups.find((g) => g.server === server);
    if (group) group.databases.push(db);
    else groups.push({ server, databases: [db] });
  }
  return groups;
}

/** A setting the effect needs; `start` made sure a real run has it (a run from before that, maybe not). */
export function setting(ctx: { options: RunOptions }, name: SettingName): string {
  const value = ctx.options[name];
  if (!value) throw new XpmError('E_INPUT_MISSING', { flag: SETTING_FLAGS[name] });
  return value;
}

export interface Effect<P = Record<string, unknown>> {
  /**
   * It changes the machine xpmigrate runs on (services, atlas.xml, IIS, SQL setup, reboot, the
   * VM's snapshot): the runtime runs it only where its step happens, never for the other machine.
   */
  changesHost?: true;
  /** The settings it reads (see SETTING_FLAGS): `start` refuses a real run that lacks one. */
  needs?: readonly SettingName[];
  /** Computed before the intent is committed and stored with it. */
  input?(ctx: EffectBase<P>): Promise<Record<string, unknown>>;
  run(ctx: EffectContext<P>): Promise<EffectResult>;
  probe?(ctx: EffectContext<P>): Promise<ProbeAnswer>;
  /** What a run would have returned, when the probe finds the effect done (recorded like a result). */
  probedResult?(ctx: EffectContext<P>): Promise<Record<string, unknown>>;
}

/** Every effect the catalog can name, each typed by the input its steps give it. */
export type EffectRegistry = { [K in EffectName]: Effect<EffectInputs[K]> };

export const ok = (result: Record<string, unknown> = {}): EffectResult => ({ ok: true, result });
export const fail = (
  code: string,
  detail: string,
  extra: { params?: Record<string, string | number>; retryEvidence?: Record<string, string> } = {},
): EffectResult => ({ ok: false, code, detail, ...extra });
/** The key an effect's outside traces carry, so a probe finds this run's step and no other. */
export const traceKey = (ctx: { runId: string; stepId: string }) => `${ctx.runId}/${ctx.stepId}`;
