export { snapshotEffects } from './effects.js';
export { HyperVProvider } from './hyperv.js';
export { snapshotProvider } from './provider.js';
export { SNAPSHOT_PROVIDERS, type SnapshotSettings } from './settings.js';
export { assertExactVmName, VmwareProvider } from './vmware.js';
