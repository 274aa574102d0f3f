// What the front ends name of runs, re-exported so that they depend on the service alone.
export { type RunStatus, type SnapshotRow, sqliteDriver, stateFile } from '../persistence/index.js';
export {
  type Elsewhere,
  faultAt,
  type OperatorCommand,
  type ProgressPlace,
  type RunEvent,
} from '../runtime/index.js';
export {
  commandHost,
  rehearsalMachine,
  rehearsalSqlServers,
  rehearsalWorld,
  SIMULATED_ANALYTICS_SQL,
  SIMULATED_SHARE,
  SIMULATED_SOURCE_SQL,
  sqlHost,
  walkTo,
} from './hosts.js';
export { checkOperatorText, OPERATOR_TEXT_LIMITS } from './operator-text.js';
export { previousRunOf } from './previous-run.js';
export { redact } from './redact.js';
export {
  type DriveOutcome,
  type DriveRequest,
  type RollbackTarget,
  type RunRecord,
  RunService,
  type SendOutcome,
} from './run-service.js';
export type { RunState } from './run-state.js';
export { defaultTarget, type StartRequest } from './settings.js';
export { timelineOf } from './timeline.js';
export {
  expressOverflow,
  forecastFor,
  planInputWithTwin,
  seedFromTwin,
} from './twin.js';
export { type RunModel, runModel } from './view.js';
