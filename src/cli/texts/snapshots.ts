import type { Text } from '../../i18n/index.js';

/** `snapshots` and `rollback`. */
export const SNAPSHOTS = {
  optYes: { de: 'ohne Rückfrage ausführen', en: 'do it without asking' },
  optTo: { de: 'Name des Snapshots', en: 'name of the snapshot' },
  optAllSnapshots: { de: 'alle Snapshots des Laufs', en: "all of the run's snapshots" },
  cmdSnapshots: {
    de: 'VM-Snapshots der Läufe zeigen (Warnung bei langen Ketten und alten Snapshots)',
    en: "list the runs' VM snapshots (warns about long chains and old snapshots)",
  },
  cmdSnapshotsList: { de: 'Snapshots zeigen', en: 'list snapshots' },
  cmdSnapshotsRemove: {
    de: 'Snapshots nach der Abnahme beim Anbieter entfernen',
    en: 'remove snapshots at the provider after acceptance',
  },
  cmdRollback: {
    de: 'die VM auf einen Snapshot zurücksetzen; der Lauf geht von dessen Checkpoint weiter',
    en: "revert the VM to a snapshot; the run continues from the snapshot's checkpoint",
  },
  snapshotsNone: { de: 'Keine Snapshots.', en: 'No snapshots.' },
  snapshotsChain: {
    de: 'Warnung: {count} Snapshots in der Kette von {vm} (mehr als 3 bremsen die VM); nach der Abnahme entfernen: xpmigrate snapshots remove --all',
    en: 'Warning: {count} snapshots in the chain of {vm} (more than 3 slow the VM down); remove them after acceptance: xpmigrate snapshots remove --all',
  },
  snapshotsProvider: {
    de: 'Warnung: der Snapshot-Anbieter von {vm} antwortet nicht ({detail}); die Kette ist nur aus dem Zustandsspeicher gezählt.',
    en: 'Warning: the snapshot provider of {vm} does not answer ({detail}); the chain is counted from the store only.',
  },
  snapshotsOld: {
    de: 'Warnung: Snapshot {name} ist {hours} h alt (mehr als 72 h).',
    en: 'Warning: snapshot {name} is {hours} h old (more than 72 h).',
  },
  snapshotRemoved: { de: 'Snapshot {name} entfernt.', en: 'Snapshot {name} removed.' },
  confirmRemove: {
    de: '{count} Snapshot(s) beim Anbieter {provider} entfernen ({names})?',
    en: 'Remove {count} snapshot(s) at provider {provider} ({names})?',
  },
  confirmRollback: {
    de: 'VM auf Snapshot {name} ({at}) zurücksetzen? Alles danach geht verloren; der Lauf geht vom Schritt nach {step} weiter.',
    en: 'Revert the VM to snapshot {name} ({at})? Everything after it is lost; the run continues after {step}.',
  },
  manualRevert: {
    de: 'Manueller Anbieter: die VM jetzt selbst auf {name} zurücksetzen; danach hier bestätigen.',
    en: 'Manual provider: revert the VM to {name} yourself now; then confirm here.',
  },
  rollbackDone: {
    de: 'Zurückgesetzt auf {name}. Rückgängig gemacht: {undone}. Weiter mit: xpmigrate resume --run {run}',
    en: 'Reverted to {name}. Undone: {undone}. Continue with: xpmigrate resume --run {run}',
  },
  rollbackStoreReverted: {
    de: 'Der Zustandsspeicher lag auf der VM und wurde mit ihr zurückgesetzt; {lost} Journal-Einträge danach sind im Journal festgehalten. Weiter mit: xpmigrate resume --run {run}',
    en: 'The store was on the VM and was reverted with it; {lost} journal entries after that are kept in the journal. Continue with: xpmigrate resume --run {run}',
  },
  aborted: { de: 'Nichts geändert.', en: 'Nothing changed.' },
} as const satisfies Record<string, Text>;
