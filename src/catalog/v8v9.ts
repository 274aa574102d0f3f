import type { Text } from '../i18n/index.js';
import { backupManagerSteps } from './backup-manager.js';
import { GUIDE_LINKS } from './links.js';
import { type StepDef, versionEvidence } from './step.js';

/** The four target environments of "Umzugsplan ermitteln". */
export const PLANS = ['A', 'B', 'C', 'D'] as const;
export type PlanId = (typeof PLANS)[number];

export const PLAN_TEXT: Record<PlanId, Text> = {
  A: {
    de: 'Alles auf einer Maschine mit integriertem SQL Express Server (Default für kleine und mittlere Installationen)',
    en: 'Everything on one machine with the integrated SQL Express server (default for small and medium installations)',
  },
  B: {
    de: 'Alles auf einer Maschine, aber mit einem SQL Standard/Enterprise Server (> 500 User, große Installationen)',
    en: 'Everything on one machine, but with SQL Server Standard/Enterprise (> 500 users, large installations)',
  },
  C: {
    de: 'XPhone Server und SQL Server auf getrennten Maschinen',
    en: 'XPhone Server and SQL Server on separate machines',
  },
  D: {
    de: 'Nur Umzug der XPhone Datenbank(en) auf einen externen, vorhandenen SQL Server; der XPhone Server bleibt, wo er ist',
    en: 'Only move the XPhone database(s) to an existing external SQL Server; the XPhone Server stays where it is',
  },
};

/** A cell of the guide's matrix: X = required, (X) = optional, '' = not part of the plan. */
export type Mark = 'X' | '(X)' | '';

/** One criterion that decides an optional row (the guide's "Kriterien"). */
export interface Criterion {
  id: string;
  text: Text;
}

export interface MatrixRow {
  row: string;
  marks: Record<PlanId, Mark>;
  /** For (X) rows: what decides. `any` = required when any criterion holds, not needed when none does. */
  criteria?: { rule: 'any' | 'advice'; items: Criterion[] };
  steps: StepDef[];
}

const SECTION = 'UMZUGSPLAN AUSFÜHREN';
const ref = (item: string) => ({ section: SECTION, item });

/** Before every plan: "erstellen Sie zuerst einen kompletten Backup … mit Hilfe des Backup-Managers!" */
export const V8V9_BACKUP_MANAGER: StepDef[] = backupManagerSteps({
  id: 'v8v9.backup-manager',
  machine: 'old',
  operation: 'backup',
  title: {
    de: 'Kompletten Backup des vorhandenen XPhone Servers mit dem Backup-Manager erstellen',
    en: 'Make a complete backup of the existing XPhone Server with the Backup-Manager',
  },
  help: {
    de: 'Für alle Umzugspläne gilt: zuerst einen kompletten Backup des vorhandenen XPhone Servers mit Hilfe des Backup-Managers (XPhoneServerBackup.exe) erstellen. Bei einem ausgelagerten SQL Server den Backup-Manager unter dem XPhone Dienste-Account starten; Backup-Manager und SQL Server brauchen dasselbe Backup-Verzeichnis unter demselben UNC-Pfad. Danach die Backup-Datei und die Logdatei angeben.',
    en: 'For every plan: first make a complete backup of the existing XPhone Server with the Backup-Manager (XPhoneServerBackup.exe). With an external SQL Server start the Backup-Manager as the XPhone service account; Backup-Manager and SQL Server need the same backup folder under the same UNC path. Then name the backup file and the log file.',
  },
  source: { section: SECTION },
});

/** xpmigrate's own copy of the databases, beside the Backup-Manager's: named as what it is. */
export const V8V9_BACKUP: StepDef = {
  id: 'v8v9.backup',
  kind: 'auto',
  machine: 'old',
  effect: { name: 'sql.backup-databases', input: {} },
  recovery: 'probe',
  title: {
    de: 'Zusätzliche Sicherheitskopie der XPhone Datenbanken (xpmigrate, SQL BACKUP)',
    en: 'Extra safety copy of the XPhone databases (xpmigrate, SQL BACKUP)',
  },
  help: {
    de: 'xpmigrate ergänzt diesen Schritt; der Leitfaden verlangt nur den Backup des Backup-Managers. Der SQL Server schreibt jede XPhone Datenbank selbst auf die Freigabe (--backup-dir, z.B. \\\\SQLSERVER\\XPhoneBackup): BACKUP … COPY_ONLY, CHECKSUM, danach RESTORE VERIFYONLY. Die Kopie stört die Sicherungskette des Kunden nicht und ist der Weg zurück, falls der Backup-Manager-Backup sich nicht zurückspielen lässt. Das Dienstkonto des SQL Servers braucht Vollzugriff auf die Freigabe.',
    en: "xpmigrate adds this step; the guide asks only for the Backup-Manager's backup. The SQL Server writes each XPhone database to the share itself (--backup-dir, e.g. \\\\SQLSERVER\\XPhoneBackup): BACKUP … COPY_ONLY, CHECKSUM, then RESTORE VERIFYONLY. The copy leaves the customer's backup chain alone and is the way back should the Backup-Manager's backup not restore. The SQL Server's service account needs full control of the share.",
  },
  source: { section: SECTION },
};

/**
 * Not a matrix row: the guide's "Umschalt-Termin". The old server runs until the cut-over date; the
 * restore must use a backup taken then, or the changes since the first backup are lost.
 */
export const V8V9_CUTOVER: StepDef[] = backupManagerSteps({
  id: 'v8v9.cutover',
  machine: 'old',
  operation: 'backup',
  condition: 'newMachine',
  title: {
    de: 'Umschalt-Termin: letzten Backup des alten Servers mit dem Backup-Manager erstellen',
    en: "Cut-over: take the old server's final backup with the Backup-Manager",
  },
  help: {
    de: 'Der alte Server läuft bis zum festgelegten Umschalt-Termin weiter. Jetzt auf dem alten Server mit dem Backup-Manager den letzten Backup erstellen. Der Restore (Zeile 12) nimmt diesen Backup, sonst fehlen die Änderungen seit dem ersten. xpmigrate läuft auf dem neuen Server: Backup-Datei und Logdatei so angeben, wie der neue Server sie erreicht (UNC-Pfad, z. B. \\\\ALTERSERVER\\XPhoneBackup\\…).',
    en: 'The old server keeps running until the agreed cut-over date. Now take the final backup with the Backup-Manager on the old server. The restore (row 12) takes this backup, or the changes since the first one are lost. xpmigrate runs on the new server: name the backup file and the log as the new server reaches them (a UNC path, e.g. \\\\OLDSERVER\\XPhoneBackup\\…).',
  },
  source: { section: 'UMZUG VON V8 NACH V9' },
});

/**
 * The old server stops for good at the cut-over: the operator stops it there, and xpmigrate, on
 * the new server, checks that its ports no longer answer. Both are xpmigrate's, said so.
 */
export const V8V9_CUTOVER_STOP: StepDef[] = [
  {
    id: 'v8v9.cutover-stop',
    kind: 'manual',
    machine: 'old',
    operatorStops: 'services',
    recovery: 'ask',
    condition: 'newMachine',
    title: {
      de: 'Umschalt-Termin: XPhone Dienste auf dem alten Server beenden',
      en: 'Cut-over: stop the XPhone services on the old server',
    },
    help: {
      de: 'xpmigrate macht aus dem „dann wird er abgeschaltet“ des Leitfadens einen eigenen Schritt: auf dem alten Server die Dienste „Atlas…“ beenden (und ihren Starttyp auf „Deaktiviert“ stellen, damit ein Neustart sie nicht wieder startet). Der SQL Server des alten Servers bleibt an, für die Sicherheitskopie. Der nächste Schritt prüft von hier aus, dass er nicht mehr antwortet.',
      en: 'xpmigrate makes the guide\'s "then it is switched off" a step of its own: stop the "Atlas…" services on the old server (and set their start type to "Disabled", so that a restart does not start them again). The old server\'s SQL Server stays on, for the safety copy. The next step checks from here that it no longer answers.',
    },
    source: { section: 'UMZUG VON V8 NACH V9' },
  },
  {
    id: 'v8v9.cutover-stopped',
    kind: 'check',
    machine: 'old',
    effect: { name: 'windows.check-xphone-stopped', input: {} },
    recovery: 'rerun',
    condition: 'newMachine',
    title: {
      de: 'Prüfen: der alte Server antwortet nicht mehr (Ports 2230, 2231)',
      en: 'Check: the old server no longer answers (ports 2230, 2231)',
    },
    help: {
      de: 'xpmigrate ergänzt diese Prüfung: vom neuen Server aus antwortet der alte weder auf Port 2230 (Verzeichnis-Admin) noch auf 2231 (Web-API). Sonst arbeiten Clients dort weiter, und ihre Änderungen fehlen nach dem Restore.',
      en: 'xpmigrate adds this check: seen from the new server, the old one answers neither on port 2230 (directory admin) nor on 2231 (Web API). Otherwise clients keep working there, and their changes are missing after the restore.',
    },
    source: { section: 'UMZUG VON V8 NACH V9' },
  },
];

/**
 * Plan D has no cut-over date: the XPhone server stays and stops at row 8, when atlas.xml is
 * pointed at the external databases. Whatever it wrote until then must be in the backup row 12
 * restores, so xpmigrate stops it first and the final backup is taken then, while atlas.xml still
 * names the old databases (the Backup-Manager finds them there). Not in the guide: said so.
 */
export const V8V9_PLAN_D_STOP: StepDef[] = [
  {
    id: 'v8v9.8-stop',
    row: '8',
    kind: 'auto',
    machine: 'old',
    effect: { name: 'windows.stop-services', input: {} },
    recovery: 'rerun',
    condition: 'sameMachine',
    title: {
      de: 'XPhone Dienste beenden (Plan D, vor dem letzten Backup)',
      en: 'Stop the XPhone services (plan D, before the final backup)',
    },
    help: {
      de: 'xpmigrate ergänzt diesen Schritt: bei Plan D bleibt der XPhone Server, wo er ist, und hält in Zeile 8 an. Ab hier schreibt er nichts mehr in seine Datenbanken; der letzte Backup (nächster Schritt) enthält damit alles, was der Restore in Zeile 12 zurückspielen muss.',
      en: 'xpmigrate adds this step: in plan D the XPhone server stays where it is and stops at row 8. From here it writes nothing more to its databases; the final backup (next step) therefore holds everything the restore in row 12 must bring back.',
    },
    source: ref('8'),
  },
  ...backupManagerSteps({
    id: 'v8v9.8-final-backup',
    machine: 'old',
    operation: 'backup',
    row: '8',
    condition: 'sameMachine',
    title: {
      de: 'Letzten Backup mit dem Backup-Manager erstellen (Plan D, Dienste beendet)',
      en: 'Take the final backup with the Backup-Manager (plan D, services stopped)',
    },
    help: {
      de: 'xpmigrate ergänzt diesen Schritt: jetzt, bei beendeten Diensten und bevor atlas.xml umgestellt wird, den letzten Backup mit dem Backup-Manager erstellen (er findet die Datenbanken über atlas.xml, noch die bisherigen). Der Restore in Zeile 12 nimmt diesen Backup, nicht den ersten: sonst fehlt, was seitdem geschrieben wurde. Danach Backup-Datei und Logdatei angeben.',
      en: 'xpmigrate adds this step: now, with the services stopped and before atlas.xml is changed, take the final backup with the Backup-Manager (it finds the databases through atlas.xml, still the existing ones). The restore in row 12 takes this backup, not the first one: otherwise what was written since is missing. Then name the backup file and the log file.',
    },
    source: ref('8'),
  }),
  {
    id: 'v8v9.8-final-copy',
    row: '8',
    kind: 'auto',
    machine: 'old',
    effect: { name: 'sql.backup-databases', input: {} },
    recovery: 'probe',
    condition: 'sameMachine',
    title: {
      de: 'Zusätzliche Sicherheitskopie beim Beenden (xpmigrate, SQL BACKUP, Plan D)',
      en: 'Extra safety copy at the stop (xpmigrate, SQL BACKUP, plan D)',
    },
    help: {
      de: 'xpmigrate ergänzt diesen Schritt: die Datenbanken noch einmal auf die Freigabe sichern (COPY_ONLY, CHECKSUM, geprüft), jetzt bei beendeten XPhone Diensten. Mit --restore-with xpmigrate spielt Zeile 12 diese Kopie zurück.',
      en: 'xpmigrate adds this step: back up the databases to the share once more (COPY_ONLY, CHECKSUM, verified), now with the XPhone services stopped. With --restore-with xpmigrate, row 12 restores this copy.',
    },
    source: ref('8'),
  },
];

/** xpmigrate's safety copy at cut-over, beside the Backup-Manager's final backup. */
export const V8V9_CUTOVER_BACKUP: StepDef = {
  id: 'v8v9.cutover-backup',
  kind: 'auto',
  machine: 'old',
  effect: { name: 'sql.backup-databases', input: {} },
  recovery: 'probe',
  condition: 'newMachine',
  title: {
    de: 'Zusätzliche Sicherheitskopie am Umschalt-Termin (xpmigrate, SQL BACKUP)',
    en: 'Extra safety copy at cut-over (xpmigrate, SQL BACKUP)',
  },
  help: {
    de: 'xpmigrate ergänzt diesen Schritt: die Datenbanken des alten Servers noch einmal auf die Freigabe sichern (COPY_ONLY, CHECKSUM, geprüft), jetzt bei beendeten XPhone Diensten. Mit --restore-with xpmigrate spielt Zeile 12 diese Kopie zurück.',
    en: "xpmigrate adds this step: back up the old server's databases to the share once more (COPY_ONLY, CHECKSUM, verified), now with the XPhone services stopped. With --restore-with xpmigrate, row 12 restores this copy.",
  },
  source: { section: 'UMZUG VON V8 NACH V9' },
};

/** Row 12 as the guide has it: the Backup-Manager's restore, its log checked. */
const BACKUP_MANAGER_RESTORE: StepDef[] = backupManagerSteps({
  id: 'v8v9.12.restore',
  machine: 'new',
  operation: 'restore',
  row: '12',
  title: { de: 'Restore starten (Backup-Manager)', en: 'Start the restore (Backup-Manager)' },
  help: {
    de: 'Restore mit dem Backup-Manager starten, mit dem neuesten Backup (am Umschalt-Termin). Der Backup-Manager ermittelt die Ziel-Datenbank(en) anhand der Einträge in atlas.xml und stellt dort die Datenbanken aus dem Backup wieder her. Vorhandene Datenbanken werden überschrieben – hier die in Zeile 9 frisch angelegten, das ist so gewollt. Tipp: Meldungen im Logfile des Backup-Managers beachten! Für den Restore werden SYSADMIN Rechte auf der Datenbank benötigt, besonders bei einem externen SQL Server. Hinweis von xpmigrate: ab Version 9.8.69 spielt „XPhoneServerBackup.exe /restoreLatest“ den neuesten Backup ohne Dialog zurück. Danach die Logdatei angeben.',
    en: 'Start the restore with the Backup-Manager, using the newest backup (from the cut-over). The Backup-Manager finds the target database(s) from the entries in atlas.xml and restores the databases there from the backup. Existing databases are overwritten – here the ones row 9 has just created, which is intended. Tip: mind the messages in the Backup-Manager\'s log! The restore needs SYSADMIN on the database server, especially on an external SQL Server. xpmigrate\'s note: from version 9.8.69, "XPhoneServerBackup.exe /restoreLatest" restores the newest backup without a dialog. Then name the log file.',
  },
  source: ref('12'),
});

/**
 * Row 12 with xpmigrate's own safety copy instead (--restore-with xpmigrate): not in the guide.
 * Overwriting the databases row 9 created is the normal case, so it is asked for before, by name.
 */
export const V8V9_SQL_RESTORE: StepDef[] = [
  {
    id: 'v8v9.12.confirm-overwrite',
    row: '12',
    kind: 'manual',
    machine: 'operator',
    recovery: 'ask',
    title: {
      de: 'Überschreiben der vorhandenen Datenbanken bestätigen',
      en: 'Confirm that the existing databases are overwritten',
    },
    help: {
      de: 'Vorhandene Datenbanken werden überschrieben! Auf dem Ziel-SQL-Server (--sql-server) liegen die Datenbanken, die Zeile 9 frisch angelegt hat; der Restore ersetzt sie. Die Namen der Datenbanken angeben, die überschrieben werden dürfen.',
      en: 'Existing databases are overwritten! The target SQL Server (--sql-server) holds the databases row 9 has just created; the restore replaces them. Name the databases that may be overwritten.',
    },
    source: ref('12'),
    evidence: [
      {
        key: 'replace',
        label: {
          de: 'Datenbanken, die überschrieben werden dürfen',
          en: 'Databases that may be overwritten',
        },
        databases: true,
        hint: {
          de: 'Namen mit Komma, z. B. XPDATA,XPVDIR,XPSTATS',
          en: 'names with commas, e.g. XPDATA,XPVDIR,XPSTATS',
        },
      },
    ],
  },
  {
    id: 'v8v9.12.sql-restore',
    row: '12',
    kind: 'auto',
    machine: 'sql',
    // The cut-over copy is the newer one: it is taken when the old server stops for good.
    effect: {
      name: 'sql.restore-databases',
      input: {
        backupSteps: [V8V9_CUTOVER_BACKUP.id, 'v8v9.8-final-copy', V8V9_BACKUP.id],
        replaceConfirmedAt: 'v8v9.12.confirm-overwrite',
      },
    },
    recovery: 'probe',
    title: {
      de: 'Restore der Sicherheitskopie mit xpmigrate (SQL RESTORE, nur Datenbanken)',
      en: "Restore xpmigrate's safety copy (SQL RESTORE, databases only)",
    },
    help: {
      de: 'xpmigrate ergänzt diesen Weg (--restore-with xpmigrate), der Leitfaden nimmt den Backup-Manager: die Datenbanken aus der neuesten Sicherheitskopie dieses Laufs auf dem Ziel-SQL-Server wiederherstellen, mit MOVE in dessen Datenordner und Fortschrittsanzeige. Nur die Datenbanken: Konfigurationsdateien stellt nur der Backup-Manager wieder her. Überschrieben werden nur die im vorigen Schritt genannten Datenbanken. Für den Restore werden SYSADMIN Rechte auf dem SQL Server benötigt. Ein Backup einer neueren SQL Server Version lässt sich nicht wiederherstellen (dann Umzug mit SQL-Skripten).',
      en: "xpmigrate adds this way (--restore-with xpmigrate); the guide uses the Backup-Manager: the databases from this run's newest safety copy onto the target SQL Server, with MOVE into its data folder and a progress bar. Databases only: only the Backup-Manager restores configuration files. Only the databases named in the previous step are overwritten. The restore needs SYSADMIN on the SQL Server. A backup from a newer SQL Server version cannot be restored (use the move with SQL scripts).",
    },
    source: ref('12'),
  },
];

const MAPI_CRITERIA: Criterion[] = [
  {
    id: 'calendarSync',
    text: { de: 'Kalenderabgleich (serverseitig)', en: 'Calendar synchronisation (server side)' },
  },
  {
    id: 'exchangeContacts',
    text: { de: 'Exchange Kontaktordner (serverseitig)', en: 'Exchange contact folders (server side)' },
  },
  {
    id: 'voicemailOutlook',
    text: {
      de: 'Voicemail-Fernabfrage und Outlook ist der Message-Store',
      en: 'Voicemail remote access with Outlook as the message store',
    },
  },
];

/** The guide's table "Umzugsplan ausführen", row by row, marks exactly as printed. */
export const V8V9_MATRIX: MatrixRow[] = [
  {
    row: '1',
    marks: { A: '', B: 'X', C: '', D: '' },
    steps: [
      {
        id: 'v8v9.1.install-sql-standard',
        row: '1',
        kind: 'manual',
        machine: 'new',
        recovery: 'ask',
        title: {
          de: 'SQL Standard/Enterprise Server auf dem XPhone Server installieren',
          en: 'Install SQL Server Standard/Enterprise on the XPhone server',
        },
        help: {
          de: 'SQL Standard/Enterprise Server auf dem XPhone Server installieren. Mehrere Instanzen sind nicht notwendig, die Default-Instanz ist völlig ausreichend.',
          en: 'Install SQL Server Standard/Enterprise on the XPhone server. Several instances are not needed; the default instance is enough.',
        },
        source: ref('1'),
        evidence: [{ key: 'instance', label: { de: 'SQL Server Instanz', en: 'SQL Server instance' } }],
      },
    ],
  },
  {
    row: '2',
    marks: { A: '', B: 'X', C: 'X', D: 'X' },
    steps: [
      {
        id: 'v8v9.2a.create-databases',
        row: '2',
        kind: 'auto',
        machine: 'sql',
        effect: { name: 'sql.create-databases', input: {} },
        recovery: 'probe',
        title: {
          de: 'XPhone Datenbanken auf dem (externen) SQL Server anlegen, db_owner für den Dienste-Account',
          en: 'Create the XPhone databases on the (external) SQL Server, db_owner for the service account',
        },
        help: {
          de: 'a) Alle benötigten XPhone Datenbanken auf dem (externen) SQL Server anlegen. Der XPhone Server greift mit integrierter Windows-Anmeldung (Dienste-Account des XPhone Servers) auf die Datenbanken zu; dieser Account braucht auf jeder Datenbank db_owner Rechte.',
          en: 'a) Create all needed XPhone databases on the (external) SQL Server. The XPhone Server uses integrated Windows login (the XPhone service account); that account needs db_owner on every database.',
        },
        source: { ...ref('2a'), link: GUIDE_LINKS.externalSql },
      },
      {
        id: 'v8v9.2b.filestream',
        row: '2',
        kind: 'check',
        machine: 'sql',
        effect: { name: 'sql.check-filestream', input: {} },
        recovery: 'rerun',
        title: {
          de: 'FILESTREAM auf dem kundeneigenen SQL Server aktivieren',
          en: 'Enable FILESTREAM on the customer-owned SQL Server',
        },
        help: {
          de: 'b) FILESTREAM für kundeneigene SQL Server aktivieren (SQL Server Configuration Manager und sp_configure filestream_access_level). Die Prüfung liest die wirksame Stufe.',
          en: 'b) Enable FILESTREAM on customer-owned SQL Servers (SQL Server Configuration Manager and sp_configure filestream_access_level). The check reads the effective level.',
        },
        source: { ...ref('2b'), link: GUIDE_LINKS.appIntegration },
      },
    ],
  },
  {
    row: '3',
    marks: { A: '(X)', B: '(X)', C: '(X)', D: '' },
    criteria: { rule: 'any', items: MAPI_CRITERIA },
    steps: [
      {
        id: 'v8v9.3.mapi',
        row: '3',
        kind: 'manual',
        machine: 'new',
        recovery: 'ask',
        condition: 'mapi',
        title: { de: 'MAPI (Outlook) installieren', en: 'Install MAPI (Outlook)' },
        help: {
          de: 'MAPI (Outlook) installieren, wenn eines dieser Kriterien zutrifft: Kalenderabgleich (serverseitig); Exchange Kontaktordner (serverseitig); Voicemail-Fernabfrage und Outlook ist der Message-Store.',
          en: 'Install MAPI (Outlook) if any of these applies: calendar synchronisation (server side); Exchange contact folders (server side); voicemail remote access with Outlook as the message store.',
        },
        source: { ...ref('3'), link: GUIDE_LINKS.appIntegration },
      },
    ],
  },
  {
    row: '4',
    marks: { A: 'X', B: '', C: '', D: '' },
    steps: [
      {
        id: 'v8v9.4.autorun-sql-express',
        row: '4',
        kind: 'manual',
        machine: 'new',
        recovery: 'ask',
        title: {
          de: 'Autorun ausführen, SQL Express auf C:\\ installieren',
          en: 'Run Autorun and install SQL Express on C:\\',
        },
        help: {
          de: 'Autorun ausführen. SQL Express auf C:\\ installieren (empfohlen). Alle Optionen wie auf dem „alten“ Server.',
          en: 'Run Autorun. Install SQL Express on C:\\ (recommended). All options as on the "old" server.',
        },
        source: ref('4'),
      },
    ],
  },
  {
    row: '5',
    marks: { A: '', B: 'X', C: 'X', D: '' },
    steps: [
      {
        id: 'v8v9.5.autorun-no-sql',
        row: '5',
        kind: 'manual',
        machine: 'new',
        recovery: 'ask',
        title: {
          de: 'Autorun ausführen, keinen SQL Server installieren',
          en: 'Run Autorun without installing SQL Server',
        },
        help: {
          de: 'Autorun ausführen. Keinen SQL Server installieren! Alle anderen Optionen wie auf dem „alten“ Server.',
          en: 'Run Autorun. Do not install any SQL Server! All other options as on the "old" server.',
        },
        source: ref('5'),
      },
    ],
  },
  {
    row: '6',
    marks: { A: 'X', B: 'X', C: 'X', D: '' },
    steps: [
      {
        id: 'v8v9.6.install-xphone',
        row: '6',
        kind: 'manual',
        machine: 'new',
        recovery: 'ask',
        title: { de: 'XPhone Server installieren', en: 'Install the XPhone Server' },
        help: {
          de: 'XPhone Server installieren. Feature-Auswahl i.d.R. wie auf dem alten Server, neue Features sind möglich.',
          en: 'Install the XPhone Server. Features usually as on the old server; new features are possible.',
        },
        source: ref('6'),
        evidence: [versionEvidence(9, { de: 'Installierte Version', en: 'Installed version' })],
      },
    ],
  },
  {
    row: '7',
    marks: { A: '(X)', B: 'X', C: 'X', D: 'X' },
    criteria: {
      rule: 'any',
      items: [
        {
          id: 'serviceAccount',
          text: {
            de: 'Der XPhone Server soll unter einem Windows-Account laufen, der für die Datenbanken berechtigt ist',
            en: 'The XPhone Server shall run under a Windows account that has rights on the databases',
          },
        },
      ],
    },
    steps: [
      {
        id: 'v8v9.7.service-account',
        row: '7',
        kind: 'manual',
        machine: 'new',
        recovery: 'ask',
        condition: 'serviceAccount',
        title: {
          de: 'XPhone Dienste-Account im Server Manager anpassen',
          en: 'Set the XPhone service account in the Server Manager',
        },
        help: {
          de: 'Der XPhone Server muss unter einem Windows-Account laufen, der für die Datenbanken berechtigt ist (zwingend bei Plan B, C und D). Tipp: der Dienste-Account kann nur umgestellt werden, wenn die in atlas.xml eingetragene SQL Instanz über das Netzwerk erreichbar ist, sonst kommt es zu einer „Endlos-Schleife“.',
          en: 'The XPhone Server must run under a Windows account that has rights on the databases (mandatory for plans B, C and D). Tip: the service account can only be changed while the SQL instance named in atlas.xml is reachable over the network; otherwise an endless loop follows.',
        },
        source: ref('7'),
        evidence: [
          {
            key: 'account',
            label: { de: 'Dienste-Account (DOMÄNE\\Name)', en: 'Service account (DOMAIN\\name)' },
            hint: {
              de: 'derselbe wie bei --service-account, z. B. KUNDE\\xphone-dienst',
              en: 'the same as --service-account, e.g. CUSTOMER\\xphone-svc',
            },
            setting: 'serviceAccount',
          },
        ],
      },
    ],
  },
  {
    row: '7a',
    marks: { A: '', B: 'X', C: 'X', D: 'X' },
    steps: [
      {
        id: 'v8v9.7a.analytics-app-pool',
        row: '7a',
        kind: 'auto',
        machine: 'new',
        effect: { name: 'windows.set-app-pool-identity', input: {} },
        recovery: 'rerun',
        // "Zwingend notwendig, wenn die Analytics Webseite verwendet wird": without Analytics, not needed.
        condition: 'analytics',
        title: {
          de: 'IIS Application Pool „XPhoneConnectAnalytics“: Identität = XPhone Dienste-Account',
          en: 'IIS application pool "XPhoneConnectAnalytics": identity = XPhone service account',
        },
        help: {
          de: 'IIS Application Pool „XPhoneConnectAnalytics“ anpassen (Pool Identity = XPhone Dienste-Account). Zwingend notwendig, wenn die Analytics Webseite verwendet wird.',
          en: 'Set the IIS application pool "XPhoneConnectAnalytics" identity to the XPhone service account. Mandatory if the Analytics web site is used.',
        },
        source: ref('7a'),
      },
    ],
  },
  {
    row: '8',
    marks: { A: '', B: 'X', C: 'X', D: 'X' },
    steps: [
      {
        id: 'v8v9.8.atlas-xml',
        row: '8',
        kind: 'auto',
        machine: 'new',
        effect: { name: 'atlas.point-databases', input: {} },
        recovery: 'probe',
        title: {
          de: 'atlas.xml anpassen: <Databases> auf die externen Datenbanken umstellen',
          en: 'Edit atlas.xml: point <Databases> at the external databases',
        },
        help: {
          de: 'Der Bereich <Databases> in atlas.xml muss auf die externen Datenbanken umgestellt werden. Den Eintrag useLogin="Windows" nicht vergessen. Die Datei wird nur bei beendeten Atlas-Diensten geändert; eine Sicherungskopie bleibt liegen.',
          en: 'The <Databases> section of atlas.xml must point at the external databases. Keep useLogin="Windows". The file is changed only while the Atlas services are stopped; a backup copy is kept.',
        },
        source: { ...ref('8'), link: GUIDE_LINKS.externalSql },
      },
    ],
  },
  {
    row: '9',
    marks: { A: 'X', B: 'X', C: 'X', D: 'X' },
    steps: [
      {
        id: 'v8v9.9.start-service',
        row: '9',
        kind: 'auto',
        machine: 'new',
        effect: { name: 'windows.start-services', input: {} },
        recovery: 'rerun',
        title: {
          de: 'XPhone Server Dienst starten (initialisiert die Datenbanken)',
          en: 'Start the XPhone Server service (initialises the databases)',
        },
        help: {
          de: 'WICHTIG: XPhone Server Dienst starten! Dadurch werden die Datenbanken für den späteren Betrieb initialisiert. Tipp: bei externem SQL Server werden beim ersten Mal evtl. nicht alle Tabellen angelegt und der Server startet nicht. Abhilfe: die partiell angelegten Tabellen löschen (SQL Management Studio) und nochmal probieren; nach 1–2 Versuchen sind die Tabellen vorhanden.',
          en: 'IMPORTANT: start the XPhone Server service! This initialises the databases. Tip: with an external SQL Server the first start may create only some tables and the server does not start. Remedy: drop the partially created tables (SQL Management Studio) and try again; after 1–2 tries the tables exist.',
        },
        source: ref('9'),
      },
      {
        id: 'v8v9.9a.setup-wizard',
        row: '9',
        kind: 'manual',
        machine: 'new',
        recovery: 'ask',
        title: {
          de: 'Web-Admin starten, Einrichtungs-Wizard einmal komplett durchlaufen',
          en: 'Open Web-Admin and run the setup wizard once to the end',
        },
        help: {
          de: 'a) Web-Admin starten. Der Einrichtungs-Wizard muss einmal komplett – mit beliebigen Werten! – durchlaufen werden. Es geht nur darum, dass die Admin-Oberfläche fehlerfrei startet; die eigentliche Konfiguration stellt später der Backup-Manager wieder her.',
          en: 'a) Open Web-Admin. Run the setup wizard once completely, with any values. Only a clean start of the admin interface matters; the Backup-Manager restores the real configuration later.',
        },
        source: ref('9a'),
      },
      {
        id: 'v8v9.9b.analytics-site',
        row: '9',
        kind: 'manual',
        machine: 'new',
        recovery: 'ask',
        condition: 'analytics',
        title: { de: 'Analytics Webseite einmal starten', en: 'Open the Analytics web site once' },
        help: {
          de: 'b) Analytics Webseite einmal starten (falls Analytics installiert ist). Die Webseiten müssen fehlerfrei laufen.',
          en: 'b) Open the Analytics web site once (if Analytics is installed). The web sites must run without errors.',
        },
        source: ref('9b'),
      },
    ],
  },
  {
    row: '10',
    marks: { A: '(X)', B: '(X)', C: '(X)', D: '' },
    criteria: {
      rule: 'advice',
      items: [
        {
          id: 'licences',
          text: {
            de: 'Hardware-Tausch; kann auch später erfolgen, eine vorhandene Lizenzdatei wird beim Restore nicht überschrieben',
            en: 'Hardware change; can be done later, a restore does not overwrite an existing licence file',
          },
        },
      ],
    },
    steps: [
      {
        id: 'v8v9.10.licences',
        row: '10',
        kind: 'manual',
        machine: 'new',
        recovery: 'ask',
        title: { de: 'Lizenzen einspielen (HW-Tausch)', en: 'Install the licences (hardware change)' },
        help: {
          de: 'Lizenzen einspielen (HW-Tausch). Kann auch zu einem späteren Zeitpunkt erfolgen. Eine vorhandene Lizenzdatei wird beim Restore nicht überschrieben.',
          en: 'Install the licences (hardware change). This can also be done later. A restore does not overwrite an existing licence file.',
        },
        source: ref('10'),
      },
    ],
  },
  {
    row: '11',
    marks: { A: '(X)', B: '(X)', C: '(X)', D: '(X)' },
    criteria: {
      rule: 'advice',
      items: [
        {
          id: 'patches',
          text: {
            de: 'Empfehlung, insbesondere Patches für den Backup-Manager',
            en: 'Recommended, especially patches for the Backup-Manager',
          },
        },
      ],
    },
    steps: [
      {
        id: 'v8v9.11.patches',
        row: '11',
        kind: 'manual',
        machine: 'new',
        recovery: 'ask',
        optional: 'recommended',
        title: {
          de: 'Alle Patches mit dem „System Info Collector“ einspielen',
          en: 'Install all patches with the "System Info Collector"',
        },
        help: {
          de: 'Empfehlung: alle Patches mittels „System Info Collector“ (SupportInfoCollector.exe) einspielen, insbesondere Patches für den Backup-Manager (falls vorhanden).',
          en: 'Recommended: install all patches with the "System Info Collector" (SupportInfoCollector.exe), especially patches for the Backup-Manager (if any).',
        },
        source: ref('11'),
      },
    ],
  },
  {
    row: '12',
    marks: { A: 'X', B: 'X', C: 'X', D: 'X' },
    steps: [...BACKUP_MANAGER_RESTORE],
  },
  {
    row: '13',
    marks: { A: '(X)', B: '(X)', C: '(X)', D: '' },
    criteria: {
      rule: 'advice',
      items: [
        { id: 'ip', text: { de: 'IP Adressen anpassen', en: 'Adjust IP addresses' } },
        {
          id: 'certificates',
          text: {
            de: 'Zertifikate neu einspielen (z.B. Federation)',
            en: 'Install certificates again (e.g. Federation)',
          },
        },
        {
          id: 'um',
          text: {
            de: 'UM: 3rd Party Applikationen für serverside rendering installieren (z.B. MS Office)',
            en: 'UM: install third-party applications for server-side rendering (e.g. MS Office)',
          },
        },
        {
          id: 'vdir',
          text: {
            de: 'VDir: MAPI Adapter anpassen, weitere Datenquellen prüfen, Notes installieren und Notes Adapter prüfen',
            en: 'VDir: adapt the MAPI adapter, check other data sources, install Notes and check the Notes adapter',
          },
        },
        {
          id: 'external',
          text: {
            de: 'Zugriff auf externe Systeme prüfen (z.B. DMZ Server mit Mobile Anwendung, E-Mail Smarthost)',
            en: 'Check access to external systems (e.g. DMZ server with the Mobile app, e-mail smarthost)',
          },
        },
        {
          id: 'webapi',
          text: {
            de: 'Neu in V9: der IIS der Mobile Web-Applikation muss den XPhone Server auf Port 2231 (WebApi) erreichen; neue Web-API URL in der Mobile App konfigurieren (Systemeinstellungen → Allgemein)',
            en: 'New in V9: the IIS of the Mobile web app must reach the XPhone Server on port 2231 (Web API); configure the new Web-API URL for the Mobile app (System settings → General)',
          },
        },
      ],
    },
    steps: [
      {
        id: 'v8v9.13.follow-up',
        row: '13',
        kind: 'manual',
        machine: 'new',
        recovery: 'ask',
        title: { de: 'Nacharbeiten je nach Bedarf', en: 'Follow-up work as needed' },
        help: {
          de: 'Nacharbeiten je nach Bedarf: IP Adressen; Zertifikate (z.B. Federation); UM: 3rd Party Applikationen für serverside rendering (z.B. MS Office); VDir: MAPI Adapter, weitere Datenquellen, Notes; externe Systeme (DMZ Server mit Mobile, E-Mail Smarthost). Neu in V9: der IIS der Mobile Web-Applikation muss den XPhone Server auf Port 2231 erreichen; die neue Web-API URL in der Mobile App konfigurieren (Systemeinstellungen → Allgemein).',
          en: 'Follow-up as needed: IP addresses; certificates (e.g. Federation); UM: third-party applications for server-side rendering (e.g. MS Office); VDir: MAPI adapter, other data sources, Notes; external systems (DMZ server with Mobile, e-mail smarthost). New in V9: the IIS of the Mobile web app must reach the XPhone Server on port 2231; configure the new Web-API URL for the Mobile app (System settings → General).',
        },
        source: ref('13'),
      },
    ],
  },
];
