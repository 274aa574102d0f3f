export { CATALOG_QUERIES, type Catalog, readCatalog } from './catalog.js';
export { type CheckpointDb, type ImportRow, type ImportStatus, ScriptImports } from './checkpoints.js';
export { sqlScriptEffects } from './effects.js';
export {
  dataQuery,
  type ExportOptions,
  type ExportResult,
  exportDatabase,
  type TableProgress,
} from './export.js';
export {
  type IgnoredFailure,
  type ImportOptions,
  type ImportProgress,
  type ImportResult,
  importId,
  importScript,
  type OpenConnection,
  runsInTransaction,
  withTargetFolders,
} from './import.js';
export { CODE, codeOnly, type LexMode, scanLine } from './lexer.js';
export { MAX_LINE_CHARS, SCRIPT_ENCODINGS, type ScriptEncoding } from './script-lines.js';
export {
  type Batch,
  locate,
  type OnError,
  type SplitOptions,
  splitScript,
} from './splitter.js';
export {
  type Finding,
  SCRIPT_TARGETS,
  type TargetFacts,
  type TargetVersion,
  targetFactsOf,
} from './target.js';
export { MODULE_NAMES } from './verify.js';
export { SESSION_OPTIONS } from './writer.js';
