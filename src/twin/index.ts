/** The customer's server as facts (`twin collect`), the file that carries them, and reading it back. */
export { type CollectOptions, collectTwin } from './collect.js';
export type { PreviousRun, Twin, TwinFacts } from './facts.js';
export { readTwin, sealTwin, writeTwin } from './file.js';
