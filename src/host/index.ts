export { type Clock, SkippingClock, systemClock } from './clock.js';
export type {
  Host,
  HostInventory,
  MutationHook,
  SnapshotInfo,
  SnapshotProvider,
  SqlCredentials,
  SqlEndpoint,
} from './host.js';
export { SERVICE_PASSWORD_VARIABLE, WindowsHost, type WindowsHostOptions } from './windows/index.js';
export { checkOutput, type WriteOptions, writeAtomic, writeAtomicWith } from './write-atomic.js';
