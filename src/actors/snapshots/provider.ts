import { XpmError } from '../../errors/index.js';
import { type Clock, type Host, type SnapshotProvider, systemClock } from '../../host/index.js';
import { HyperVProvider } from './hyperv.js';
import { manualProvider } from './manual.js';
import type { SnapshotSettings } from './settings.js';
import { VmwareProvider } from './vmware.js';

/** The provider a run's settings name; a simulation's VM snapshots itself. Its waits run on `clock`. */
export function snapshotProvider(
  settings: SnapshotSettings | undefined,
  host: Host,
  clock: Clock = systemClock,
): SnapshotProvider {
  const kind = settings?.provider ?? (host.snapshots ? 'simulated' : 'manual');
  const shared = {
    clock,
    // The snapshot tools start with the host's environment (a test's fake Hyper-V, govc's URL).
    ...(host.env ? { env: host.env } : {}),
    ...(settings?.timeoutSeconds ? { timeoutSeconds: settings.timeoutSeconds } : {}),
  };
  switch (kind) {
    case 'simulated':
      if (!host.snapshots) throw new XpmError('E_INTERNAL', { detail: 'simulated snapshots on a real host' });
      return host.snapshots;
    case 'hyperv':
      return new HyperVProvider({
        vm: vmOf(settings, kind),
        ...(settings?.hypervHost ? { hypervHost: settings.hypervHost } : {}),
        ...shared,
      });
    case 'vmware':
      return new VmwareProvider({ vm: vmOf(settings, kind), ...shared });
    case 'manual':
      return manualProvider;
  }
}

function vmOf(settings: SnapshotSettings | undefined, provider: string): string {
  if (!settings?.vm) throw new XpmError('E_SNAPSHOT_VM_REQUIRED', { provider });
  return settings.vm;
}
