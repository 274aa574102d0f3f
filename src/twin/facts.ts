import type { BackupRecord } from '../actors/sql-server/index.js';
import type { HostInventory } from '../host/index.js';
import type { Text } from '../i18n/index.js';

/** What the twin file says it is: a newer xpmigrate may write a schema this one cannot read. */
export const TWIN_FORMAT = 'xpmigrate-twin';
export const TWIN_SCHEMA = 1;

/** A fact `twin collect` could not read, and why: the forecast says "unknown" where it is needed. */
export interface Unread {
  fact: string;
  /** Why, in both languages (the file is read by whoever rehearses it). */
  reason: Text;
}

/** One database of the server, sizes in MB. `backupMb`: its newest full backup (FILESTREAM included). */
export interface TwinDatabase {
  name: string;
  state: string;
  dataMb: number | null;
  logMb: number | null;
  backupMb: number | null;
}

/** One SQL Server an atlas.xml entry names. */
export interface TwinSqlServer {
  /** As atlas.xml names it: `(local)\XPCONNECT`, `SQLSRV01`. */
  server: string;
  version: string;
  edition: string;
  engineEdition: number;
  language: string | null;
  dataPath: string;
  logPath: string;
  freeMb: number | null;
  /** The XPhone databases atlas.xml names on this server. */
  databases: TwinDatabase[];
  /** msdb's full backups of those databases, newest first. */
  backups: BackupRecord[];
}

/** One atlas.xml entry, its connection string without secrets. */
export interface TwinAtlasEntry {
  name: string;
  server: string | null;
  database: string | null;
  integratedSecurity: boolean;
}

/** The backup share, as this machine and as each SQL Server see it. */
export interface TwinShare {
  path: string;
  seenHere: boolean;
  /** By server: whether its service account reaches the folder (xp_fileexist). */
  seenBySql: Record<string, boolean>;
}

/**
 * A real run this server's store recorded to its end: what each step took, and how far the
 * forecast of its downtime was off. The next forecast takes these times over its estimates.
 */
export interface PreviousRun {
  runId: string;
  finishedAt: string;
  steps: Array<{ stepId: string; seconds: number }>;
  downtimes: Array<{
    firstStep: string;
    lastStep: string;
    forecastSeconds: number;
    actualSeconds: number | null;
    errorPercent: number | null;
  }>;
}

export interface TwinFacts {
  machine: { name: string; os: string; hardware: string; virtual: 'vmware' | 'hyperv' | 'other' | null };
  xphone: { version: string; installDir: string };
  services: HostInventory['services'];
  appPools: HostInventory['appPools'];
  volumes: HostInventory['volumes'];
  atlas: TwinAtlasEntry[];
  sql: TwinSqlServer[];
  share: TwinShare | null;
  /** The Backup-Manager's past runs from its log: durations of backups and restores. */
  backupManager: Array<{
    operation: 'backup' | 'restore';
    startedAt: string;
    seconds: number;
    failed: boolean;
  }>;
  /** The last real run recorded on this server, if any (`twin collect` after a run). */
  previousRun: PreviousRun | null;
}

/** The file `twin collect` writes: facts, what it could not read, and a checksum over both. */
export interface Twin {
  format: typeof TWIN_FORMAT;
  schema: typeof TWIN_SCHEMA;
  /** The xpmigrate that wrote it. */
  tool: string;
  collectedAt: string;
  /** Collected from the rehearsal's simulated server: never the facts of a real run. */
  simulated: boolean;
  facts: TwinFacts;
  unread: Unread[];
  /** sha256 of the canonical JSON of facts and unread: a hand edit or a damaged copy shows. */
  sha256: string;
}

/** "VMware, Inc. VMware7,1" → vmware; "Microsoft Corporation Virtual Machine" → hyperv. */
export function hypervisorOf(hardware: string): TwinFacts['machine']['virtual'] {
  if (/vmware/i.test(hardware)) return 'vmware';
  if (/microsoft corporation virtual machine/i.test(hardware)) return 'hyperv';
  if (/virtual|kvm|qemu|xen/i.test(hardware)) return 'other';
  return null; // physical, or not told
}
