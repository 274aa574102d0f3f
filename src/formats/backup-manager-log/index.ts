/** The Backup-Manager's log files: entries, the known problems they show, and one file's analysis. */
export { analyseLogFile, type FileReport, type Finding, rankFindings } from './analyse.js';
export { EntryReader, type LogEntry } from './entries.js';
export { KNOWN_PROBLEMS, type KnownProblem, SEVERITIES, type Severity } from './problems.js';
export { type BackupManagerRun, backupManagerRuns } from './runs.js';
