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
  'lock-released',
  'machine-taken-over',
  'run-ended',
] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

/** The kinds whose details readers rely on, with those details typed. */
interface Typed {
  'step-failed': {
    code: string;
    detail: string;
    params?: Record<string, string | number>;
    /** What `retry --evidence` must carry for the next attempt to go ahead. */
    retryEvidence?: Record<string, string>;
  };
  progress: { operation: string; database: string; percent: number };
  recovered: { policy: string; probe: string; decision: string };
  'operator-skip': { reason?: string } & Record<string, unknown>;
  'command-refused': CommandAnswer;
  'command-duplicate': CommandAnswer;
  'rollback-detected': { how: string; storeSeq: number; snapshot: unknown; lost: unknown[] };
  'mirror-failed': { dir: string; error: string };
  'run-ended': { status: string };
  'lock-released': { pid: number; host: string; since: string; here: string };
  'machine-taken-over': { role: string; machine: string };
}
/** A command that changed nothing: the command as given and why, in both languages. */
type CommandAnswer = { command?: string; reason: string; reasonDe?: string } & Record<string, unknown>;

type Entry<K extends JournalKind, D> = {
  kind: K;
  stepId?: string;
  attempt?: number;
  who: string;
  detail?: D;
};

/**
 * A run event: what the journal keeps and, the same value, what the driver reports as it goes
 * (the CLI prints it). Its kind is one of JOURNAL_KINDS; the kinds that are read carry typed details.
 */
export type JournalEntry =
  | { [K in keyof Typed]: Entry<K, Typed[K]> }[keyof Typed]
  | Entry<Exclude<JournalKind, keyof Typed>, Record<string, unknown>>;

/** An entry as read back (store, mirror): its kind may be one a newer build wrote, its detail untyped. */
export interface StoredEntry {
  kind: JournalKind | (string & {});
  stepId?: string;
  attempt?: number;
  who: string;
  detail?: Record<string, unknown>;
}
