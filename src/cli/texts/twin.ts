import type { Text } from '../../i18n/index.js';

/** `twin collect`, `--twin`, `--estimate` and the forecast. */
export const TWIN = {
  cmdTwin: {
    de: 'der Zwilling des Kundenservers: seine Fakten für Probelauf und Prognose',
    en: "the customer server's twin: its facts for the rehearsal and the forecast",
  },
  cmdTwinCollect: {
    de: 'auf dem (alten) Server nur lesend erfassen: Versionen, Dienste, SQL Instanzen und Datenbankgrößen, atlas.xml, IIS, Datenträger, Freigabe, Sicherungshistorie und Backup-Manager-Läufe',
    en: 'read (only) the facts of this (old) server: versions, services, SQL instances and database sizes, atlas.xml, IIS, disks, the share, backup history and Backup-Manager runs',
  },
  optTwinOut: { de: 'die Zwillingsdatei (JSON), die geschrieben wird', en: 'the twin file (JSON) to write' },
  optTwinBackupManagerLog: {
    de: 'Logdatei des Backup-Managers oder ihr Ordner (zeigt der Backup-Manager in seinem Kopf; sonst INSTALLDIR\\Logs\\XPhoneServerBackup.log)',
    en: "the Backup-Manager's log file or its folder (the Backup-Manager shows it in its header; else INSTALLDIR\\Logs\\XPhoneServerBackup.log)",
  },
  optTwinSimulate: {
    de: 'den simulierten Server neben --state erfassen (Probelauf, Tests)',
    en: 'collect the simulated server beside --state (rehearsal, tests)',
  },
  optTwin: {
    de: 'Zwillingsdatei von „twin collect“: Version und Antworten daraus, Prognose; mit --simulate probt der Probelauf diesen Server',
    en: 'twin file from "twin collect": version and answers from it, a forecast; with --simulate the rehearsal rehearses this server',
  },
  optEstimate: {
    de: 'eigene Schätzung eines Schritts in Minuten, z.B. --estimate v8v9.6.install-xphone=45 (mehrfach)',
    en: 'your own estimate of a step in minutes, e.g. --estimate v8v9.6.install-xphone=45 (repeatable)',
  },
  twinWritten: {
    de: 'Zwilling geschrieben: {file} ({servers} SQL Server, {databases} Datenbanken, {backups} Sicherungen in der Historie, {runs} Backup-Manager-Läufe).',
    en: 'Twin written: {file} ({servers} SQL Servers, {databases} databases, {backups} backups in the history, {runs} Backup-Manager runs).',
  },
  twinPrevious: {
    de: 'Letzter Lauf auf diesem Server ({run}): Ausfallzeit {first} → {last} – Prognose {forecast}, tatsächlich {actual} (Abweichung {error}). Die nächste Prognose nimmt die gemessenen Zeiten.',
    en: 'Last run on this server ({run}): downtime {first} → {last} – forecast {forecast}, actual {actual} (off by {error}). The next forecast takes the measured times.',
  },
  twinBackupManagerHint: {
    de: '→ Ohne Läufe des Backup-Managers schätzt die Prognose seine Schritte aus der SQL-Sicherungsrate. Den Log-Ordner zeigt der Backup-Manager in seinem Kopf: --backup-manager-log ORDNER.',
    en: '→ Without Backup-Manager runs the forecast estimates its steps from the SQL backup rate. The Backup-Manager shows its log folder in its header: --backup-manager-log FOLDER.',
  },
  twinUnread: { de: 'Nicht gelesen: {fact} – {reason}', en: 'Not read: {fact} – {reason}' },
  twinNoSecrets: {
    de: 'Die Datei enthält keine Passwörter und keine Verbindungszeichenfolgen (nur Server- und Datenbanknamen).',
    en: 'The file holds no passwords and no connection strings (only server and database names).',
  },
  headForecast: { de: 'Prognose', en: 'Forecast' },
  forecastColumns: {
    de: 'Ausfall|Schritt|Dauer (Spanne)|Grundlage',
    en: 'Down|Step|Duration (range)|Basis',
  },
  expressOverflow: {
    de: '{database} hat {gb} GB Daten: SQL Express fasst 10 GB je Datenbank. Dieser Plan bleibt beim Restore stehen – Plan B (SQL Standard) oder C/D mit externem SQL Server wählen.',
    en: '{database} has {gb} GB of data: SQL Express holds 10 GB per database. This plan stops at the restore – choose plan B (SQL Standard) or C/D with an external SQL Server.',
  },
  twinRehearsal: {
    de: 'Probelauf des Kundenservers {machine} (XPhone {version}, Zwilling vom {at}).',
    en: "Rehearsal of the customer's server {machine} (XPhone {version}, twin of {at}).",
  },
} as const satisfies Record<string, Text>;
