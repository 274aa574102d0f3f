export { diagnose, type FileReport, type Finding } from './analyse.js';
export { type DoctorCheck, doctor } from './doctor.js';
export { type CsvTarget, checkUsersCsv, convertCsv } from './users-csv.js';
export { checkV4ExportFolder } from './v4-exports.js';
