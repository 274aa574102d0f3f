export type {
  Host,
  MutationHook,
  SnapshotInfo,
  SnapshotProvider,
  SqlCredentials,
  SqlEndpoint,
} from './host.js';
export { SERVICE_PASSWORD_VARIABLE, WindowsHost, type WindowsHostOptions } from './windows/index.js';
export { writeAtomic } from './write-atomic.js';
