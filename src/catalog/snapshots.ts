import type { EvidenceField } from './step.js';

/**
 * The name xpmigrate gives a snapshot step's snapshot (`xpmigrate-<run>-<step>`): the automated
 * providers take it under this name, and the operator who takes it by hand is offered it.
 */
export const snapshotName = (runId: string, stepId: string) => `xpmigrate-${runId.slice(0, 8)}-${stepId}`;

/**
 * A snapshot step the operator takes by hand (`--snapshots manual`, a real run's default) is a
 * prompt, not an effect: the name it was taken under is its evidence, recorded for rollback.
 */
export const SNAPSHOT_NAME_FIELD: EvidenceField = {
  key: 'snapshot',
  label: { de: 'Name des Snapshots', en: 'Snapshot name' },
  hint: {
    de: 'wie er im Hypervisor angelegt wurde (VM dafür ausgeschaltet); der vorgeschlagene Name passt',
    en: 'as it was taken in the hypervisor (with the VM powered off); the suggested name will do',
  },
};
