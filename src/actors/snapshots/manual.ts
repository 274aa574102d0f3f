import type { SnapshotProvider } from '../../host/index.js';

/**
 * The operator takes, reverts and removes snapshots in the hypervisor's own console; the tool
 * records what they name. It cannot tell whether a snapshot exists.
 */
export const manualProvider: SnapshotProvider = {
  kind: 'manual',
  async take() {
    // The snapshot effect asks the operator for the name instead (see effects.ts).
    throw new Error('a manual snapshot is taken by the operator');
  },
  async exists() {
    return undefined;
  },
  async revert() {},
  async remove() {},
  async list() {
    return undefined;
  },
};
