export {
  backupDatabase,
  backupFile,
  backupUsable,
  backupVerifies,
  checkRoom,
  type OnProgress,
  restoreDatabase,
  restoredFrom,
  type SqlProgress,
} from './backup.js';
export {
  type Check,
  type CheckInput,
  type CheckStatus,
  folderVisibleToServer,
  networkAccount,
  runChecks,
  type ServerFacts,
  serverFacts,
} from './checks.js';
export {
  type BatchFailure,
  credentialsFromEnv,
  driverConfig,
  normalizeConnection,
  refuseSecrets,
  type SqlAccess,
  SqlBatchError,
  SqlConnection,
  type SqlTransactionScope,
  serverAddress,
  serverLabel,
  sqlAccess,
  withoutSecrets,
  withSql,
} from './connect.js';
export * from './connection-string.js';
export { assertDatabaseNames, assertSourceDatabases, ensureDatabases, ownedDatabases } from './databases.js';
export { diagnose as diagnoseSqlError } from './diagnose.js';
export { runServer, sqlServerEffects } from './effects.js';
export { type BackupRecord, backupHistory, serverLanguage } from './history.js';
export { chooseOdbcDriver, odbcConnectionString } from './odbc.js';
