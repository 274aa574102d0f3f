import { backupManagerSteps } from './backup-manager.js';
import { type StepDef, versionEvidence } from './step.js';

const SECTION = 'UMZUG VON V5 / V6 / V7 NACH V9';

/** Before the first hop: full backup, a snapshot in a VM, optionally the intermediate server. */
/** `--little-downtime`: the updates run on a parallel intermediate server (the guide's "Zwischen-Server"). */
export const HOPS_INTERMEDIATE_SERVER = 'hops.intermediate-server';

export const HOPS_PREPARE: StepDef[] = [
  ...backupManagerSteps({
    id: 'hops.backup',
    machine: 'old',
    operation: 'backup',
    title: {
      de: 'Komplette Sicherung des aktuellen Systems vor der Migration (Backup-Manager)',
      en: 'Complete backup of the current system before the migration (Backup-Manager)',
    },
    help: {
      de: 'Empfehlung des Leitfadens: vor Beginn der Migration eine komplette Sicherung des aktuellen Systems erstellen, damit jederzeit auf diesen Stand zurückgegangen werden kann – mit dem Backup-Manager (XPhoneServerBackup.exe). Danach die Backup-Datei und die Logdatei angeben.',
      en: "The guide's recommendation: before starting, make a complete backup of the current system so that you can always return to this state – with the Backup-Manager (XPhoneServerBackup.exe). Then name the backup file and the log file.",
    },
    source: { section: SECTION },
  }),
  {
    id: 'hops.snapshot-start',
    kind: 'snapshot',
    machine: 'hypervisor',
    effect: { name: 'snapshot.take', input: {} },
    recovery: 'probe',
    condition: 'virtual',
    title: { de: 'VM-Snapshot vor dem ersten Update', en: 'VM snapshot before the first update' },
    help: {
      de: 'In virtuellen Umgebungen einen Snapshot anlegen. Der Hersteller erlaubt Snapshots nur bei ausgeschalteter VM: die VM wird heruntergefahren, der Snapshot erstellt und die VM wieder gestartet.',
      en: 'In a virtual environment take a snapshot. The vendor allows snapshots only while the VM is powered off: the VM is shut down, snapshotted and started again.',
    },
    source: { section: SECTION },
  },
  {
    id: HOPS_INTERMEDIATE_SERVER,
    kind: 'manual',
    machine: 'operator',
    recovery: 'ask',
    condition: 'littleDowntime',
    title: {
      de: 'Parallelen Zwischen-Server aufsetzen und die Sicherung dort einspielen',
      en: 'Set up a parallel intermediate server and restore the backup there',
    },
    help: {
      de: 'Soll der XPhone Server während der Migration weitgehend unterbrechungsfrei laufen: einen parallelen Rechner aufsetzen, auf dem die Aktualisierungen bis inkl. V8 durchgeführt werden. Von diesem Server erfolgt dann der Umzug auf den V9 Server. xpmigrate läuft ab jetzt auf dem Zwischen-Server.',
      en: 'To keep the XPhone Server running during the migration: set up a parallel machine on which the updates up to and including V8 are done. The move to the V9 server then starts from it. From now on xpmigrate runs on the intermediate server.',
    },
    source: { section: SECTION },
    evidence: [
      { key: 'machine', label: { de: 'Name des Zwischen-Servers', en: 'Name of the intermediate server' } },
    ],
  },
];

/**
 * One major update (guide: "Nach jedem Major Update muss das neue System einmal neu gestartet
 * werden"; test client recommended; snapshot after every step in a VM).
 */
export function hopSteps(from: number, to: number): StepDef[] {
  const hop = `hop.v${from}v${to}`;
  return [
    {
      id: `${hop}.update`,
      kind: 'manual',
      machine: 'old',
      recovery: 'ask',
      title: {
        de: `Major Update V${from} → V${to} installieren`,
        en: `Install the major update V${from} → V${to}`,
      },
      help: {
        de: `Das Setup der Version V${to} auf dem XPhone Server ausführen. Danach wird die installierte Version gelesen; sie muss V${to} sein.`,
        en: `Run the V${to} setup on the XPhone server. The installed version is read afterwards and must be V${to}.`,
      },
      source: { section: SECTION },
      evidence: [
        versionEvidence(
          to,
          { de: 'Installierte Version', en: 'Installed version' },
          { installedVersion: true },
        ),
      ],
    },
    {
      id: `${hop}.reboot`,
      kind: 'reboot',
      machine: 'old',
      effect: { name: 'host.reboot', input: {} },
      recovery: 'probe',
      title: {
        de: `Neustart nach dem Update auf V${to} (automatische Datenbank-Änderungen)`,
        en: `Restart after the update to V${to} (automatic database changes)`,
      },
      help: {
        de: 'WICHTIG: Nach jedem Major Update muss das System einmal neu gestartet werden, damit alle automatischen Datenbank-Änderungen sauber durchgeführt werden. xpmigrate setzt nach dem Neustart fort und wartet, bis der Server bereit ist.',
        en: 'IMPORTANT: after every major update the system must be restarted once so that all automatic database changes complete. xpmigrate continues after the restart and waits until the server is ready.',
      },
      source: { section: SECTION },
    },
    {
      id: `${hop}.test-client`,
      kind: 'manual',
      machine: 'operator',
      recovery: 'ask',
      optional: 'recommended',
      title: {
        de: `Test-Client auf V${to} aktualisieren und am Server anmelden`,
        en: `Update a test client to V${to} and log in to the server`,
      },
      help: {
        de: `Einen Test-Client auf V${to} aktualisieren und sich am neuen Server anmelden. Das gibt die zusätzliche Sicherheit, dass das Update erfolgreich durchgelaufen ist.`,
        en: `Update a test client to V${to} and log in to the updated server. This confirms that the update succeeded.`,
      },
      source: { section: SECTION },
      evidence: [
        { key: 'client', label: { de: 'Test-Client (Rechner/Benutzer)', en: 'Test client (machine/user)' } },
      ],
    },
    {
      id: `${hop}.snapshot`,
      kind: 'snapshot',
      machine: 'hypervisor',
      effect: { name: 'snapshot.take', input: {} },
      recovery: 'probe',
      condition: 'virtual',
      title: { de: `VM-Snapshot nach dem Schritt auf V${to}`, en: `VM snapshot after the step to V${to}` },
      help: {
        de: 'Nach jedem Migrationsschritt einen erneuten Snapshot anlegen (nur bei ausgeschalteter VM).',
        en: 'Take another snapshot after every migration step (only while the VM is powered off).',
      },
      source: { section: SECTION },
    },
  ];
}

/**
 * After the last hop: the guide's "erfordert zwingend eine vorherige, schrittweise Aktualisierung
 * … auf die Version V8". A hop skipped with --force must not carry a V7 server into the move.
 */
export const HOPS_REACHED_V8: StepDef = {
  id: 'hops.check-v8',
  kind: 'check',
  machine: 'old',
  effect: { name: 'windows.check-installed-version', input: { major: 8 } },
  recovery: 'rerun',
  title: { de: 'Installierte Version ist V8', en: 'The installed version is V8' },
  help: {
    de: 'xpmigrate ergänzt diese Prüfung: der Umzug nach V9 setzt zwingend eine schrittweise Aktualisierung bis V8 voraus. Ist ein Update übersprungen worden, hält der Lauf hier an, statt eine ältere Version in den Umzug zu führen.',
    en: 'xpmigrate adds this check: the move to V9 requires the step-by-step update up to V8. If an update was skipped, the run stops here instead of carrying an older version into the move.',
  },
  source: { section: SECTION },
};

/** After the move to V9 from an intermediate server: it "kann … wieder gelöscht werden". */
export const HOPS_CLEANUP: StepDef = {
  id: 'hops.intermediate-delete',
  kind: 'manual',
  machine: 'operator',
  recovery: 'ask',
  // Planned only with --little-downtime (see plan/build.ts); the guide leaves the deletion open.
  optional: 'may',
  title: { de: 'Zwischen-Server löschen', en: 'Delete the intermediate server' },
  help: {
    de: 'Der Zwischen-Server kann nach erfolgreichem Umzug auf V9 wieder gelöscht werden.',
    en: 'The intermediate server can be deleted after the successful move to V9.',
  },
  source: { section: SECTION },
};
