export { type CsvTarget, checkUsersCsv, checkV4ExportFolder, convertCsv } from '../formats/index.js';
export { diagnose, type FileReport, type Finding } from './analyse.js';
export { type DoctorCheck, doctor } from './doctor.js';
