/** Every kind of journal entry: a closed list, so readers (CLI, page, report) can name each one. */
export const JOURNAL_KINDS = [
  'run-started',
  'step-started',
  'step-done',
  'step-failed',
  'progress',
  'recovered',
  'rebooted',
  'operator-confirm',
  'operator-skip',
  'operator-retry',
  'operator-abort',
  'command-refused',
  'command-duplicate',
  'machine-changed',
  'mirror-failed',
  'rollback-requested',
  'rollback',
  'rollback-detected',
  'rollback-failed',
  'snapshot-removed',
  'run-ended',
] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

export interface JournalEntry {
  kind: JournalKind;
  stepId?: string;
  attempt?: number;
  who: string;
  detail?: Record<string, unknown>;
}
