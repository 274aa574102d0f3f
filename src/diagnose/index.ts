export { diagnose, type FileReport, type Finding } from './analyse.js';
export { KNOWN_PROBLEMS, type KnownProblem, type Severity } from './catalog.js';
export { detectEncoding, type LogEncoding } from './decode.js';
export { type DoctorCheck, type DoctorInput, doctor } from './doctor.js';
export {
  type CsvProblem,
  type CsvReport,
  type CsvTarget,
  checkUsersCsv,
  convertCsv,
  REQUIRED_COLUMNS,
} from './users-csv.js';
export { checkV4ExportFolder, V4_EXPORT_ITEMS, type V4ExportReport } from './v4-exports.js';
