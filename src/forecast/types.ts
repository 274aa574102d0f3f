/** Seconds: the shortest plausible, the expected and the longest plausible duration. */
export interface Span {
  low: number;
  expected: number;
  high: number;
}

/** What a step is, for the forecast: what its duration depends on. */
export type Nature =
  | 'sql-backup'
  | 'sql-restore'
  | 'sql-express-upgrade'
  | 'bm-backup'
  | 'bm-restore'
  | 'script-export'
  | 'script-import'
  | 'update'
  | 'manual'
  | 'snapshot'
  | 'reboot'
  | 'check'
  | 'services-stop'
  | 'services-start'
  | 'auto';

/** Why a step's forecast is what it is: shown beside it, so a partner can judge it. */
export type Basis =
  /** From msdb's backup history: `sizeMb` at the measured rate (`factor`: e.g. backup and verify = 2). */
  | { kind: 'sql-history'; sizeMb: number; rate: { median: number; samples: number }; factor: number }
  /** From the Backup-Manager's logged runs of this operation. */
  | { kind: 'bm-log'; runs: number; operation: 'backup' | 'restore' }
  /** A restore from a backup rate: SQL Server records no restore durations. */
  | { kind: 'restore-from-backup'; sizeMb: number; rate: { median: number; samples: number } }
  /** The guide's nature of the step: a typical duration, to be replaced by the operator's. */
  | { kind: 'typical' }
  | { kind: 'operator'; minutes: number }
  /** What the same step took in the last real run on this server (`twin collect` after it). */
  | { kind: 'previous-run'; seconds: number; runId: string }
  /** A fact the twin lacks: no number is made up. */
  | { kind: 'unknown'; needs: 'database-sizes' | 'backup-history' | 'script-throughput' };

export interface StepForecast {
  stepId: string;
  nature: Nature;
  /** null: unknown (see basis.needs). */
  span: Span | null;
  basis: Basis;
  inDowntime: boolean;
}

/** From stopping XPhone on the old server to the new one answering healthy. */
export interface Downtime {
  firstStep: string;
  lastStep: string;
  /** The sum of the known steps in it. */
  span: Span;
  /** Steps in the window whose duration is unknown: the span is then a lower bound. */
  unknown: string[];
}

export interface Forecast {
  steps: StepForecast[];
  total: Span;
  /** Each stretch XPhone is down, in order (the updates V5 → V8; the move to V9). */
  downtimes: Downtime[];
}
