import { TextReader } from '../text-source.js';
import { EntryReader, type LogEntry } from './entries.js';

/** One backup or restore the Backup-Manager logged: when it started, how long it took, how it ended. */
export interface BackupManagerRun {
  operation: 'backup' | 'restore';
  /** The log's local time, as written (`2025-02-01T10:00:00`). */
  startedAt: string;
  seconds: number;
  /** An ERR line between its start and its end. */
  failed: boolean;
}

/**
 * The start and end lines of a run, in both languages the Backup-Manager writes ("Backup
 * started", "Sicherung gestartet", "Restore finished", "Wiederherstellung beendet"). A shared
 * folder test ("Start testing backup on a shared folder … ends here") is not a run.
 */
const START = /^(Backup|Sicherung|Restore|Wiederherstellung) (started|gestartet)\b/i;
const END = /^(Backup|Sicherung|Restore|Wiederherstellung) (finished|beendet|ended|abgebrochen|failed)\b/i;

const operationOf = (word: string): BackupManagerRun['operation'] =>
  /^(restore|wiederherstellung)$/i.test(word) ? 'restore' : 'backup';

/** No Backup-Manager run of an XPhone server's databases takes a day. */
const LONGEST_RUN_SECONDS = 24 * 3600;

/** The runs a Backup-Manager log holds, oldest first: their durations are the forecast's measure. */
export function backupManagerRuns(file: string): BackupManagerRun[] {
  const reader = new EntryReader();
  const runs: BackupManagerRun[] = [];
  let open: { operation: BackupManagerRun['operation']; at: LogEntry; failed: boolean } | undefined;
  const take = (entry: LogEntry | undefined) => {
    if (!entry) return;
    const start = START.exec(entry.text);
    if (start) {
      open = { operation: operationOf(start[1]!), at: entry, failed: false };
      return;
    }
    if (!open) return;
    if (entry.level === 'ERR') open.failed = true;
    const end = END.exec(entry.text);
    if (end && operationOf(end[1]!) === open.operation) {
      const seconds = (localMs(entry.time) - localMs(open.at.time)) / 1000;
      // Backwards or over a day: the clock was set between start and end (xpmigrate's rule, not
      // the vendor's), so the span is no measure of the run.
      if (seconds >= 0 && seconds <= LONGEST_RUN_SECONDS)
        runs.push({
          operation: open.operation,
          startedAt: open.at.time,
          seconds,
          failed: open.failed || !/finished|beendet|ended/i.test(end[2]!),
        });
      open = undefined;
    }
  };
  for (const line of new TextReader(file, file).lines(64 * 1024)) take(reader.push(line.text));
  take(reader.end());
  return runs;
}

/** The log's wall-clock time; only differences are used, so the zone does not matter. */
function localMs(time: string): number {
  return Date.parse(`${time}Z`);
}
