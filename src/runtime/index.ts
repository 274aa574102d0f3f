export { activeStep, statePath, statusOf, type XpSnapshot } from './active.js';
export { persistedJson, transitionOf } from './checkpoint.js';
export { judge, type OperatorCommand, type Verdict } from './commands.js';
export { type DriveOptions, drive, type Progress } from './driver.js';
export { FAULT_POINTS, type FaultPoint, fault, faultAt, faultStep } from './faults.js';
export { lostSince, recordRevertedStore, requestRollback, rewindRun, watchMirror } from './rollback.js';
export { createRun, findRun, type OpenRun, openRun, type RunSettings } from './run.js';
