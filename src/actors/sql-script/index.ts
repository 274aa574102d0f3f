export { sqlScriptEffects } from './effects.js';
export {
  type IgnoredFailure,
  type ImportOptions,
  type ImportProgress,
  type ImportResult,
  importId,
  importScript,
  type OpenConnection,
  runsInTransaction,
} from './import.js';
export { type Batch, locate, type OnError, type SplitOptions, splitScript } from './splitter.js';
