export { JOURNAL_KINDS, type JournalEntry, type JournalKind, type StoredEntry } from './journal.js';
export { absolutePath, stateFile } from './location.js';
export {
  acquireRunLock,
  dropRestoredLock,
  type LockHolder,
  lockHolder,
  type RunLock,
  releaseLock,
} from './lock.js';
export { JournalMirror } from './mirror.js';
export { type Db, lost as storeLost, mirrorNote, notedRun, openDb, runNote } from './open.js';
export { SQLITE_DRIVERS, type SqliteDriver, sqliteDriver } from './sqlite.js';
export {
  type Attempt,
  type Checkpoint,
  type InboxRow,
  type JournalRow,
  RUN_STATUSES,
  type RunRow,
  type RunStatus,
  type SnapshotRow,
  Store,
  type Transition,
} from './store.js';
