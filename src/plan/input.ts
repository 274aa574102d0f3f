import type { PlanId } from '../catalog/index.js';

/** Which job the plan is for; `upgrade` goes from the installed version to V9. */
export const JOBS = ['upgrade', 'sql-express', 'db-script'] as const;
export type Job = (typeof JOBS)[number];

/**
 * Facts and answers, as the user gave them. Anything left undefined is unknown: the plan then
 * marks the steps it decides as optional and says what would decide them.
 */
export interface PlanInput {
  job?: Job;
  /** The installed XPhone version in any common spelling. */
  from?: string;
  /** The target environment, when the user already knows it. */
  target?: string;
  users?: number;
  /** TeamDesk with direct calls: C4B help's advice of 250 users for SQL Express (not the guide's). */
  teamdesk?: boolean;
  /** SQL Server runs (or shall run) on its own machine. */
  separateSqlServer?: boolean;
  /** Only the databases move; the XPhone server stays where it is. */
  onlyDatabases?: boolean;
  existingSqlServer?: boolean;
  /** Version of the existing or external SQL Server, e.g. "2016" or "13.0.5026.0". */
  sqlVersion?: string;
  analytics?: boolean;
  calendarSync?: boolean;
  exchangeContacts?: boolean;
  voicemailOutlook?: boolean;
  /** The Windows account the XPhone service shall run as (step 7). */
  serviceAccount?: string;
  virtual?: boolean;
  littleDowntime?: boolean;
  /** Row 12: the guide's Backup-Manager (default), or xpmigrate's restore of its own safety copy. */
  restoreWith?: RestoreWith;
}

export const RESTORE_WITH = ['backup-manager', 'xpmigrate'] as const;
export type RestoreWith = (typeof RESTORE_WITH)[number];

/** The command-line flag of every input, so errors name what the user typed. */
export const FLAGS: Record<keyof PlanInput, string> = {
  job: '--job',
  from: '--from',
  target: '--target',
  users: '--users',
  teamdesk: '--teamdesk',
  separateSqlServer: '--separate-sql-server',
  onlyDatabases: '--only-databases',
  existingSqlServer: '--existing-sql-server',
  sqlVersion: '--sql-version',
  analytics: '--analytics',
  calendarSync: '--calendar-sync',
  exchangeContacts: '--exchange-contacts',
  voicemailOutlook: '--voicemail-outlook',
  serviceAccount: '--service-account',
  virtual: '--virtual',
  littleDowntime: '--little-downtime',
  restoreWith: '--restore-with',
};

export function isPlanId(value: string): value is PlanId {
  return ['A', 'B', 'C', 'D'].includes(value);
}
