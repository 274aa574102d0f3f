export { diagnose, type FileReport, type Finding } from './analyse.js';
export { KNOWN_PROBLEMS, type KnownProblem, type Severity } from './catalog.js';
export { detectEncoding, type LogEncoding } from './decode.js';
