/** Which provider snapshots the XPhone VM, and where. Part of a run's settings. */
export interface SnapshotSettings {
  provider: 'hyperv' | 'vmware' | 'manual' | 'simulated';
  /** The VM as Hyper-V or vCenter names it. */
  vm?: string;
  /** The Hyper-V host, when it is not this machine (PowerShell remoting). */
  hypervHost?: string;
  /** How long a snapshot or revert may take before the run asks the operator. */
  timeoutSeconds?: number;
}

export const SNAPSHOT_PROVIDERS = ['hyperv', 'vmware', 'manual'] as const;
