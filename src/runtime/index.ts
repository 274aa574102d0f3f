export { activeStep, statePath, statusOf, type XpSnapshot } from './active.js';
export { persistedJson, transitionOf } from './checkpoint.js';
export { judge, type OperatorCommand, type Verdict } from './commands.js';
export { commandOf, type Persisted, persistedOf, planOf, reasonOf, settingsOf } from './decode.js';
export { type DriveResult, drive } from './driver.js';
export {
  armFaults,
  FAULT_POINTS,
  type FaultArming,
  type FaultPoint,
  fault,
  faultAt,
  faultStep,
} from './faults.js';
export {
  type Elsewhere,
  type MachineNames,
  machineNames,
  sameMachine,
} from './placement.js';
export type { DriveOptions, ProgressListener, ProgressPlace, RunEvent, StandInOperator } from './protocol.js';
export { lostSince, recordRevertedStore, requestRollback, rewindRun, watchMirror } from './rollback.js';
export { createRun, findRun, type OpenRun, openRun, runStarted } from './run.js';
export { operatorSnapshots, type RunSettings, stepsOfRun } from './run-settings.js';
