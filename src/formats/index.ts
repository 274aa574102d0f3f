/** The files the vendor's tools write (logs, user CSVs, V4 exports): how to read them. No state. */

export {
  analyseLogFile,
  type BackupManagerRun,
  backupManagerRuns,
  type FileReport,
  type Finding,
  KNOWN_PROBLEMS,
  rankFindings,
  type Severity,
} from './backup-manager-log/index.js';
export { detectEncoding, type LogEncoding, sniffEncoding } from './encoding.js';
export { type SourceLine, TextReader, type TextSource } from './text-source.js';
export { type CsvReport, type CsvTarget, checkUsersCsv, convertCsv } from './users-csv.js';
export { checkV4ExportFolder, type V4ExportReport } from './v4-exports.js';
