/** The vendor guide's knowledge as typed data. No I/O. */
export { backupManagerSteps, FILE_EVIDENCE_KEYS } from './backup-manager.js';
export { ANALYTICS_DATABASES, isAnalyticsDatabase } from './databases.js';
export { DB_SCRIPT_STEPS, SCRIPT_TARGET_VERSIONS } from './db-script.js';
export type { EffectInputs, EffectName, EffectRef } from './effects.js';
export { HAND_OVER_ID, handOverStep } from './handover.js';
export { HOPS_CLEANUP, HOPS_INTERMEDIATE_SERVER, HOPS_PREPARE, HOPS_REACHED_V8, hopSteps } from './hops.js';
export { GUIDE_LINKS } from './links.js';
export { type DrivingRole, MACHINE_ROLE_TEXT, MachineRole } from './machines.js';
export { PHASE_TITLES } from './phases.js';
export { SNAPSHOT_NAME_FIELD, snapshotName } from './snapshots.js';
export { MIGRATE_SQL_SCRIPTS, SQL_EXPRESS_RENAMES, SQL_EXPRESS_STEPS } from './sql-express.js';
export { parseSqlServerVersion, SQL_SERVER_RELEASES, sqlServerYearForMajor } from './sql-versions.js';
export {
  type Condition,
  type EvidenceField,
  type GuideRef,
  Recovery,
  type StepDef,
  StepKind,
} from './step.js';
export { V4_EXPORT_ITEMS, V4V9_STEPS } from './v4v9.js';
export {
  type Criterion,
  type Mark,
  type MatrixRow,
  PLAN_TEXT,
  PLANS,
  type PlanId,
  V8V9_BACKUP,
  V8V9_BACKUP_MANAGER,
  V8V9_CUTOVER,
  V8V9_CUTOVER_BACKUP,
  V8V9_CUTOVER_STOP,
  V8V9_MATRIX,
  V8V9_PLAN_D_STOP,
  V8V9_SQL_RESTORE,
} from './v8v9.js';
export {
  compareParts,
  hopsToV8,
  isLatestV4,
  LATEST_V4,
  NEWEST_KNOWN_MAJOR,
  OLDEST_SOURCE_MAJOR,
  parseVersion,
  productName,
  TARGET_MAJOR,
  type VersionProblem,
  type VersionResult,
  type XPhoneVersion,
} from './versions.js';
export {
  EXPRESS_USER_LIMIT,
  EXPRESS_USER_LIMIT_TEAMDESK,
  MIN_EXTERNAL_SQL_VERSION,
  WARNINGS,
  type WarningCode,
} from './warnings.js';
