import type { Text } from '../i18n/index.js';

/** Texts of the command line: help, headings, labels and questions. */
export const T = {
  programDescription: {
    de: 'Zieht einen XPhone Connect Server um und aktualisiert ihn auf V9 – fortsetzbar über Neustarts und VM-Snapshots.',
    en: 'Moves and upgrades an XPhone Connect Server to V9, resumable across reboots and VM snapshots.',
  },
  optLang: {
    de: 'Sprache der Ausgabe (de|en; sonst die Sprache des Systems)',
    en: 'output language (de|en; else the OS locale)',
  },
  optDebug: {
    de: 'bei Fehlern Details und Stacktrace zeigen',
    en: 'show details and stack traces on errors',
  },
  optHelp: { de: 'Hilfe anzeigen', en: 'display help' },
  optVersion: { de: 'Version anzeigen', en: 'display the version' },
  helpCommand: { de: 'Hilfe zu einem Befehl anzeigen', en: 'display help for a command' },
  cmdPlan: {
    de: 'Umzugsplan ermitteln: welche Phasen und Schritte für diesen Server nötig sind',
    en: 'work out the plan: which phases and steps this server needs',
  },
  optFormat: { de: 'Ausgabeformat: text, markdown oder json', en: 'output format: text, markdown or json' },
  optJob: {
    de: 'Aufgabe: upgrade (auf V9, Standard), sql-express (SQL Express Update auf 2019), db-script (DB-Umzug mit SQL Scripts)',
    en: 'job: upgrade (to V9, default), sql-express (SQL Express upgrade to 2019), db-script (database move with SQL scripts)',
  },
  optFrom: {
    de: 'installierte XPhone Version, z.B. "4.5.35 SR5", "V7", "8", "9.0.330.1359"',
    en: 'installed XPhone version, e.g. "4.5.35 SR5", "V7", "8", "9.0.330.1359"',
  },
  optTarget: {
    de: 'Umzugsplan A, B, C oder D (sonst aus den Antworten)',
    en: 'plan A, B, C or D (else from the answers)',
  },
  optUsers: { de: 'Anzahl der XPhone Benutzer', en: 'number of XPhone users' },
  optTeamdesk: {
    de: 'TeamDesk mit Direktrufen im Einsatz (Grenze 250 statt 500)',
    en: 'TeamDesk with direct calls in use (limit 250 instead of 500)',
  },
  optSeparate: { de: 'SQL Server auf einer eigenen Maschine', en: 'SQL Server on a machine of its own' },
  optOnlyDb: {
    de: 'nur die Datenbanken umziehen, der XPhone Server bleibt',
    en: 'only move the databases; the XPhone Server stays',
  },
  optExisting: {
    de: 'ein vorhandener SQL Server soll genutzt werden',
    en: 'an existing SQL Server is to be used',
  },
  optSqlVersion: {
    de: 'Version des externen/vorhandenen SQL Servers (z.B. 2016)',
    en: 'version of the external/existing SQL Server (e.g. 2016)',
  },
  optAnalytics: { de: 'XPhone Analytics ist installiert', en: 'XPhone Analytics is installed' },
  optCalendar: {
    de: 'Kalenderabgleich serverseitig (MAPI-Kriterium)',
    en: 'server-side calendar synchronisation (MAPI criterion)',
  },
  optContacts: {
    de: 'Exchange Kontaktordner serverseitig (MAPI-Kriterium)',
    en: 'server-side Exchange contact folders (MAPI criterion)',
  },
  optVoicemail: {
    de: 'Voicemail-Fernabfrage mit Outlook als Message-Store (MAPI-Kriterium)',
    en: 'voicemail remote access with Outlook as message store (MAPI criterion)',
  },
  optServiceAccount: {
    de: 'Windows-Account für den XPhone Dienst (Schritt 7)',
    en: 'Windows account for the XPhone service (step 7)',
  },
  optVirtual: {
    de: 'der XPhone Server ist eine virtuelle Maschine',
    en: 'the XPhone server is a virtual machine',
  },
  optLittleDowntime: {
    de: 'wenig Unterbrechung: paralleler Zwischen-Server für die Updates',
    en: 'little downtime: a parallel intermediate server for the updates',
  },
  yesNo: { de: 'ja|nein', en: 'yes|no' },
  // Plan output
  headFrom: { de: 'Installiert', en: 'Installed' },
  headTo: { de: 'Ziel', en: 'Target' },
  headPlan: { de: 'Umzugsplan', en: 'Plan' },
  headWarnings: { de: 'Warnungen', en: 'Warnings' },
  headPhase: { de: 'Phase', en: 'Phase' },
  colRow: { de: '#', en: '#' },
  colApplies: { de: 'nötig', en: 'applies' },
  colKind: { de: 'Art', en: 'kind' },
  colStep: { de: 'Schritt', en: 'step' },
  colReason: { de: 'Grund', en: 'reason' },
  appliesRequired: { de: 'Pflicht', en: 'required' },
  appliesOptional: { de: 'optional', en: 'optional' },
  appliesNo: { de: 'entfällt', en: 'no' },
  kindAuto: { de: 'auto', en: 'auto' },
  kindManual: { de: 'manuell', en: 'manual' },
  kindCheck: { de: 'Prüfung', en: 'check' },
  kindReboot: { de: 'Neustart', en: 'reboot' },
  kindSnapshot: { de: 'Snapshot', en: 'snapshot' },
  summaryLine: {
    de: '{required} Pflicht-Schritte, {optional} optionale, {no} entfallen.',
    en: '{required} required steps, {optional} optional, {no} not applicable.',
  },
  legend: {
    de: 'X = Pflicht, (X) = optional, – = nicht Teil des Plans (wie im Leitfaden)',
    en: 'X = required, (X) = optional, – = not part of the plan (as in the guide)',
  },
  // Questions
  askFrom: {
    de: 'Installierte XPhone Version (z.B. 4.5.35 SR5, V7, 9.0.330.1359)',
    en: 'Installed XPhone version (e.g. 4.5.35 SR5, V7, 9.0.330.1359)',
  },
  askOnlyDb: {
    de: 'Nur die Datenbanken auf einen vorhandenen SQL Server umziehen (der XPhone Server bleibt)?',
    en: 'Only move the databases to an existing SQL Server (the XPhone Server stays)?',
  },
  askSeparate: {
    de: 'Soll der SQL Server auf einer eigenen Maschine laufen?',
    en: 'Shall SQL Server run on a machine of its own?',
  },
  askUsers: { de: 'Wie viele XPhone Benutzer?', en: 'How many XPhone users?' },
  askAnalytics: { de: 'Ist XPhone Analytics installiert?', en: 'Is XPhone Analytics installed?' },
  askVirtual: {
    de: 'Ist der XPhone Server eine virtuelle Maschine?',
    en: 'Is the XPhone server a virtual machine?',
  },
  askCalendar: { de: 'Serverseitiger Kalenderabgleich?', en: 'Server-side calendar synchronisation?' },
  askContacts: { de: 'Serverseitige Exchange Kontaktordner?', en: 'Server-side Exchange contact folders?' },
  askVoicemail: {
    de: 'Voicemail-Fernabfrage mit Outlook als Message-Store?',
    en: 'Voicemail remote access with Outlook as message store?',
  },
  askLittleDowntime: {
    de: 'Soll der Server während der Updates weiterlaufen (paralleler Zwischen-Server)?',
    en: 'Keep the server running during the updates (parallel intermediate server)?',
  },
  askInvalid: { de: 'Ungültige Antwort: {detail}', en: 'Invalid answer: {detail}' },
  // Runs
  cmdStart: {
    de: 'einen Lauf beginnen (mit --simulate als Probe gegen einen simulierten Server)',
    en: 'start a run (with --simulate: a rehearsal against a simulated server)',
  },
  cmdResume: {
    de: 'einen Lauf fortsetzen (nach Neustart, Abbruch, Bestätigung)',
    en: 'resume a run (after a reboot, a kill, a confirmation)',
  },
  cmdStatus: { de: 'zeigen, wo ein Lauf steht', en: 'show where a run stands' },
  cmdConfirm: {
    de: 'einen manuellen Schritt bestätigen (auch: fehlgeschlagenen Schritt als erledigt markieren)',
    en: 'confirm a manual step (also: mark a failed step as done)',
  },
  cmdSkip: {
    de: 'einen Schritt überspringen (Pflicht-Schritte nur mit --force)',
    en: 'skip a step (required steps only with --force)',
  },
  cmdRetry: { de: 'den fehlgeschlagenen Schritt wiederholen', en: 'retry the failed step' },
  cmdAbort: { de: 'den Lauf abbrechen', en: 'abort the run' },
  cmdHistory: { de: 'das Journal eines Laufs zeigen', en: "show a run's journal" },
  cmdRuns: { de: 'alle Läufe im Zustandsspeicher zeigen', en: 'list the runs in the state store' },
  cmdAtlas: {
    de: 'atlas.xml: Datenbank-Verbindungen anzeigen und gezielt ändern',
    en: 'atlas.xml: show the database connections and change them surgically',
  },
  cmdAtlasShow: { de: 'die Verbindungen in <Databases> anzeigen', en: 'show the connections in <Databases>' },
  cmdAtlasDiff: {
    de: 'zeigen, was eine Änderung ändern würde (unified diff), ohne zu schreiben',
    en: 'show what an edit would change (unified diff), without writing',
  },
  cmdAtlasApply: {
    de: 'die Änderung schreiben: Sicherungskopie, dann atomar ersetzen; nur bei beendeten Atlas-Diensten',
    en: 'write the edit: a backup copy, then an atomic replace; only while the Atlas services are stopped',
  },
  optAtlasFile: {
    de: 'die atlas.xml (sonst aus der Registry: InstallDir des XPhone Servers)',
    en: 'the atlas.xml (else from the registry: the XPhone Server InstallDir)',
  },
  optAtlasServer: {
    de: 'Datenbanken auf diesen SQL Server zeigen lassen: HOST[\\INSTANZ][,PORT] (Windows-Login)',
    en: 'point databases at this SQL Server: HOST[\\INSTANCE][,PORT] (Windows login)',
  },
  optAtlasDatabase: {
    de: 'nur diese Datenbank (Eintragsname oder Initial Catalog); mehrfach möglich',
    en: 'only this database (entry name or Initial Catalog); may be repeated',
  },
  optRenameInstance: {
    de: 'Instanz umbenennen, z.B. XPCONNECT=XPCONNECT2019',
    en: 'rename an instance, e.g. XPCONNECT=XPCONNECT2019',
  },
  optRenameDatabase: { de: 'Datenbanknamen ändern, ALT=NEU', en: 'change a database name, OLD=NEW' },
  optAtlasForce: {
    de: 'auch schreiben, wenn Atlas-Dienste laufen',
    en: 'write even while Atlas services run',
  },
  optAtlasSimulate: {
    de: 'die atlas.xml und Dienste des simulierten Servers neben --state',
    en: "the simulated server's atlas.xml and services beside --state",
  },
  atlasFound: {
    de: '{file} ({encoding}, Zeilenenden {eol}): {count} Verbindung(en) in <Databases> (Zeile {line})',
    en: '{file} ({encoding}, line endings {eol}): {count} connection(s) in <Databases> (line {line})',
  },
  atlasProblem: {
    de: '  ! Zeile {line}, Spalte {column} <{element}>: {detail}',
    en: '  ! line {line}, column {column} <{element}>: {detail}',
  },
  atlasNothing: {
    de: 'Nichts zu ändern: {file} enthält die neuen Werte schon.',
    en: 'Nothing to change: {file} already holds the new values.',
  },
  atlasApplied: {
    de: '{file} geändert ({count} Änderung(en)); Sicherungskopie: {backup}',
    en: '{file} changed ({count} change(s)); backup copy: {backup}',
  },
  atlasNoEdit: {
    de: 'Keine Änderung angegeben: --server, --rename-instance oder --rename-database.',
    en: 'No edit given: --server, --rename-instance or --rename-database.',
  },
  atlasBadPair: { de: '"{value}" hat nicht die Form ALT=NEU.', en: '"{value}" is not of the form OLD=NEW.' },
  cmdSim: {
    de: 'den Zustand des simulierten Servers zeigen (inkl. effects)',
    en: "show the simulated server's state (including effects)",
  },
  optState: {
    de: 'Zustandsspeicher (sonst XPMIGRATE_STATE, sonst Standardpfad)',
    en: 'state store (else XPMIGRATE_STATE, else the default path)',
  },
  optRun: { de: 'Lauf-ID (Standard: der neueste Lauf)', en: 'run id (default: the newest run)' },
  optJson: { de: 'Ausgabe als JSON', en: 'print JSON' },
  optSimulate: {
    de: 'Probe gegen einen simulierten XPhone Server',
    en: 'rehearse against a simulated XPhone server',
  },
  optAutoConfirm: {
    de: 'nur mit --simulate: manuelle Schritte automatisch bestätigen',
    en: 'with --simulate only: answer manual steps automatically',
  },
  optSqlServer: {
    de: 'Ziel-SQL-Server (Verbindungszeichenfolge oder Host[\\Instanz][,Port]); ohne Kennwort, das kommt aus XPMIGRATE_SQL_PASSWORD',
    en: 'target SQL Server (connection string or host[\\instance][,port]); no password, that comes from XPMIGRATE_SQL_PASSWORD',
  },
  optHealthTimeout: {
    de: 'Sekunden, die nach einem Neustart auf den Server gewartet wird',
    en: 'seconds to wait for the server after a reboot',
  },
  cmdExportDb: {
    de: 'Datenbank als ein SQL Script für eine (auch ältere) SQL Server Version schreiben: Schema, Daten als mehrzeilige INSERTs, Schlüssel, Indizes, Sichten, Prozeduren, Funktionen, Trigger',
    en: 'write a database as one SQL script for a (possibly older) SQL Server version: schema, data as multi-row INSERTs, keys, indexes, views, procedures, functions, triggers',
  },
  optExportServer: {
    de: 'Quell-Server: Name oder Verbindungszeichenfolge',
    en: 'source server: a name or a connection string',
  },
  optExportDatabase: { de: 'die zu exportierende Datenbank', en: 'the database to export' },
  optExportTarget: {
    de: 'Ziel-Version: 2014, 2016, 2017, 2019 oder 2022',
    en: 'target version: 2014, 2016, 2017, 2019 or 2022',
  },
  optExportOut: {
    de: 'die Script-Datei (erst nach vollständigem Schreiben an ihrem Platz)',
    en: 'the script file (in place only once completely written)',
  },
  optExportTargetServer: {
    de: 'Ziel-Server, um vorab FILESTREAM und die Express-Grenze zu prüfen',
    en: 'target server, to check FILESTREAM and the Express limit beforehand',
  },
  exportRows: { de: '{rows} Zeilen', en: '{rows} rows' },
  exportDone: {
    de: 'Script {file} für SQL Server {target}: {tables} Tabellen, {rows} Zeilen in {inserts} INSERTs, {batches} Batches, {bytes} Bytes.',
    en: 'Script {file} for SQL Server {target}: {tables} tables, {rows} rows in {inserts} INSERTs, {batches} batches, {bytes} bytes.',
  },
  cmdImportDb: {
    de: 'SQL Script importieren wie SQLCMD (GO [n], :setvar, $(var), :r, :on error), Batch für Batch, fortsetzbar',
    en: 'import a SQL script like SQLCMD (GO [n], :setvar, $(var), :r, :on error), batch by batch, resumable',
  },
  optImportInput: {
    de: 'das Script (UTF-8 oder UTF-16 LE mit BOM)',
    en: 'the script (UTF-8, or UTF-16 LE with BOM)',
  },
  optImportServer: {
    de: 'Ziel-Server: Name (SQLSRV\\SQL2016) oder Verbindungszeichenfolge',
    en: 'target server: a name (SQLSRV\\SQL2016) or a connection string',
  },
  optImportVar: {
    de: 'Script-Variable setzen, mehrfach möglich; gilt vor :setvar im Script (z.B. DataPath=D:\\Data\\)',
    en: "set a script variable, repeatable; wins over the script's :setvar (e.g. DataPath=D:\\Data\\)",
  },
  optImportDryRun: {
    de: 'nur die Batches auflisten, ohne Verbindung (mit --json: batches[] mit startLine und repeat)',
    en: 'only list the batches, without connecting (with --json: batches[] with startLine and repeat)',
  },
  optImportRestart: {
    de: 'den Stand vergessen und beim ersten Batch beginnen',
    en: 'forget the checkpoint and begin at the first batch',
  },
  optImportResolve: {
    de: 'ein unterbrochener Batch außerhalb einer Transaktion: rerun (erneut senden) oder skip (gilt als erledigt)',
    en: 'an interrupted batch outside a transaction: rerun (send it again) or skip (count it as done)',
  },
  importDryRunSummary: {
    de: '{batches} Batches, {units} Ausführungen, {bytes} Bytes SQL',
    en: '{batches} batches, {units} executions, {bytes} bytes of SQL',
  },
  importProgress: {
    de: '  Batch {batch} ({units} ausgeführt), {mb} von {total} MB, {percent} %',
    en: '  batch {batch} ({units} run), {mb} of {total} MB, {percent} %',
  },
  importAlreadyDone: {
    de: '{file} ist auf diesem Server bereits vollständig importiert; nichts zu tun (--restart beginnt von vorn).',
    en: '{file} is already fully imported on this server; nothing to do (--restart begins again).',
  },
  importResumed: {
    de: 'Fortgesetzt: {units} Ausführungen waren bereits erledigt und wurden nicht wiederholt.',
    en: 'Resumed: {units} executions were already done and were not repeated.',
  },
  importSettled: {
    de: 'Der unterbrochene Batch: {how} (marked = laut Server übernommen, rolled-back = vom Server zurückgerollt und erneut gesendet).',
    en: 'The interrupted batch: {how} (marked = committed per the server, rolled-back = rolled back by the server and sent again).',
  },
  importIgnored: {
    de: '{file}:{line} Batch {batch}: {number} {message}',
    en: '{file}:{line} batch {batch}: {number} {message}',
  },
  importDone: {
    de: 'Import fertig: {batches} Batches, {units} Ausführungen aus {file}.',
    en: 'Import done: {batches} batches, {units} executions from {file}.',
  },
  cmdSql: { de: 'SQL Server prüfen', en: 'check a SQL Server' },
  cmdSqlCheck: {
    de: 'Prüfungen (nur lesend): Version, Edition, FILESTREAM, SYSADMIN, db_owner, Backup-Freigabe aus Sicht des SQL Servers, freier Platz',
    en: 'read-only checks: version, edition, FILESTREAM, SYSADMIN, db_owner, the backup share as the SQL Server sees it, free space',
  },
  optSqlCheckAccount: {
    de: 'XPhone Dienste-Account, der db_owner braucht',
    en: 'XPhone service account that needs db_owner',
  },
  optSqlExternal: {
    de: 'externer (kundeneigener) SQL Server: mindestens 2014 und FILESTREAM nötig',
    en: 'external (customer) SQL Server: 2014 or newer and FILESTREAM required',
  },
  optSqlSimulate: {
    de: 'den simulierten SQL Server der Probe neben --state fragen',
    en: "ask the rehearsal's simulated SQL Server beside --state",
  },
  optRetryEvidence: {
    de: 'Angabe für den neuen Versuch key=value, z.B. replace=XPDATA,XPVDIR (mehrfach möglich)',
    en: 'input for the new attempt key=value, e.g. replace=XPDATA,XPVDIR (repeatable)',
  },
  optSourceSql: {
    de: 'SQL Server des alten XPhone Servers (Verbindungszeichenfolge oder Host[\\Instanz]); gesichert wird dort',
    en: "the old XPhone server's SQL Server (connection string or host[\\instance]); the backup is taken there",
  },
  optBackupDir: {
    de: 'Ordner/Freigabe für die Backups, wie die SQL Server ihn sehen (z.B. \\\\SQLSERVER\\XPhoneBackup)',
    en: 'folder/share for the backups as the SQL Servers see it (e.g. \\\\SQLSERVER\\XPhoneBackup)',
  },
  optDatabases: {
    de: 'XPhone Datenbanken, durch Komma getrennt',
    en: 'XPhone databases, comma separated',
  },
  optEvidence: { de: 'Nachweis key=value (mehrfach möglich)', en: 'evidence key=value (repeatable)' },
  optReason: { de: 'Begründung', en: 'reason' },
  optForce: { de: 'auch einen Pflicht-Schritt überspringen', en: 'skip even a required step' },
  optBy: {
    de: 'wer die Entscheidung trifft (Standard: Benutzer@Rechner)',
    en: 'who decides (default: user@host)',
  },
  optSimVersion: {
    de: 'installierte Version des simulierten Servers (Standard: --from)',
    en: 'installed version of the simulated server (default: --from)',
  },
  optSnapshots: {
    de: 'wer die VM-Snapshots anlegt: hyperv, vmware (govc) oder manual (Standard: manual; mit --simulate die simulierte VM)',
    en: 'who takes the VM snapshots: hyperv, vmware (govc) or manual (default: manual; with --simulate the simulated VM)',
  },
  optVm: {
    de: 'Name der XPhone-VM in Hyper-V bzw. vCenter',
    en: 'the XPhone VM as Hyper-V or vCenter names it',
  },
  optHypervHost: {
    de: 'der Hyper-V-Host, wenn es nicht dieser Rechner ist (PowerShell-Remoting)',
    en: 'the Hyper-V host when it is not this machine (PowerShell remoting)',
  },
  optReboot: {
    de: 'Neustart: auto (xpmigrate startet neu) oder operator (der Mensch startet neu)',
    en: 'reboot: auto (xpmigrate restarts the server) or operator (a person restarts it)',
  },
  optJournalMirror: {
    de: 'Ordner außerhalb der VM, in den jeder Checkpoint gespiegelt wird (erkennt einen mit der VM zurückgesetzten Zustandsspeicher)',
    en: 'folder outside the VM where every checkpoint is mirrored (notices a store reverted with the VM)',
  },
  optMediaDir: {
    de: 'Installationsmedium (für die BAT-Skripte des SQL-Express-Upgrades)',
    en: 'installation medium (for the SQL Express upgrade BAT scripts)',
  },
  optStoreOutsideVm: {
    de: 'Probe: der Zustandsspeicher liegt außerhalb der simulierten VM (ein Rollback setzt ihn nicht zurück)',
    en: 'rehearsal: the store lives outside the simulated VM (a rollback does not revert it)',
  },
  optScriptDir: {
    de: 'DB-Umzug mit SQL Scripts: Ordner der Scripts (<Datenbank>.sql; Standard: scripts neben dem Zustandsspeicher)',
    en: 'database move with SQL scripts: folder of the scripts (<database>.sql; default: scripts beside the state store)',
  },
  optScriptTarget: {
    de: 'DB-Umzug mit SQL Scripts: SQL Server Version der Scripts (2014, 2016, 2017, 2019, 2022; Standard: die des Ziel-Servers)',
    en: "database move with SQL scripts: the scripts' SQL Server version (2014, 2016, 2017, 2019, 2022; default: the target server's)",
  },
  optV4ExportDir: {
    de: 'V4 → V9: Export-Ordner des Migrations-Managers, den xpmigrate selbst prüft',
    en: "V4 → V9: the Migrations-Manager's export folder, checked by xpmigrate itself",
  },
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
  rollbackDetected: {
    de: 'Der Zustandsspeicher wurde mit der VM zurückgesetzt (Checkpoint {seq}); {lost} verlorene Einträge aus dem Spiegel ins Journal übernommen.',
    en: 'The store was reverted with the VM (checkpoint {seq}); {lost} lost entries taken from the mirror into the journal.',
  },
  mirrorFailed: {
    de: 'Journal-Spiegel {dir} nicht beschreibbar ({detail}); ein Rollback der VM wird so nicht erkannt.',
    en: 'Journal mirror {dir} could not be written ({detail}); a VM rollback will not be noticed that way.',
  },
  aborted: { de: 'Nichts geändert.', en: 'Nothing changed.' },
  cmdDiagnose: {
    de: 'Logdateien des Backup-Managers auf bekannte Probleme untersuchen (Ursache und Abhilfe)',
    en: "analyse the Backup-Manager's log files for known problems (cause and remedy)",
  },
  argDiagnosePath: { de: 'Logdatei oder Ordner', en: 'log file or folder' },
  diagFile: {
    de: '{lines} Zeilen, {entries} Meldungen ({encoding})',
    en: '{lines} lines, {entries} messages ({encoding})',
  },
  diagNothing: { de: 'Keine bekannten Probleme gefunden.', en: 'No known problems found.' },
  diagLines: { de: 'Zeilen {lines} ({count}×)', en: 'lines {lines} ({count}×)' },
  diagCause: { de: 'Ursache', en: 'Cause' },
  diagRemedy: { de: 'Abhilfe', en: 'Remedy' },
  cmdUsersCsv: {
    de: 'Benutzer-CSV des V4 Migrations-Managers für den V9 Text-Connector prüfen (und umkodieren)',
    en: 'check (and re-encode) the V4 Migrations-Manager users CSV for the V9 Text-Connector',
  },
  argUsersCsv: { de: 'die CSV-Datei', en: 'the CSV file' },
  optConvertTo: {
    de: 'umkodieren nach utf-8-bom, utf-16le oder windows-1252',
    en: 're-encode to utf-8-bom, utf-16le or windows-1252',
  },
  optCsvOut: { de: 'Zieldatei der Umkodierung', en: 'file to write the re-encoded CSV to' },
  csvSummary: {
    de: '{file}: {rows} Zeilen, Kodierung {encoding}, Trenner {separator}',
    en: '{file}: {rows} rows, encoding {encoding}, separator {separator}',
  },
  csvLine: { de: 'Zeile {line}', en: 'line {line}' },
  csvOk: { de: 'Keine Probleme.', en: 'No problems.' },
  csvConverted: { de: 'Geschrieben: {file} ({encoding})', en: 'Written: {file} ({encoding})' },
  csvUnmappable: {
    de: 'Zeichen ohne Entsprechung in Windows-1252 (als ? geschrieben) in Zeile {lines}',
    en: 'characters Windows-1252 cannot hold (written as ?) in line {lines}',
  },
  CSV_NO_HEADER: { de: 'keine Kopfzeile', en: 'no header line' },
  CSV_MISSING_COLUMN: {
    de: 'Spalte {detail} fehlt in der Kopfzeile',
    en: 'column {detail} is missing from the header',
  },
  CSV_FIELD_COUNT: {
    de: '{found} Felder, die Kopfzeile hat {expected}',
    en: '{found} fields, the header has {expected}',
  },
  CSV_EMPTY_FIELD: { de: '{detail} ist leer', en: '{detail} is empty' },
  CSV_DUPLICATE: {
    de: '{column} "{value}" doppelt (wie in Zeile {first})',
    en: '{column} "{value}" duplicated (as in line {first})',
  },
  CSV_QUOTE: { de: 'Anführungszeichen nicht geschlossen', en: 'unterminated quote' },
  cmdDoctor: {
    de: 'alle Prüfungen, die der Plan braucht, jetzt ausführen (nur lesend): bestanden / Warnung / Fehler mit Abhilfe',
    en: 'run every read-only check the plan needs now: pass / warn / fail with the remedy',
  },
  doctorSummary: {
    de: '{checks} Prüfungen: {failed} Fehler, {warned} Warnungen.',
    en: '{checks} checks: {failed} failed, {warned} warnings.',
  },
  doctorColumns: { de: 'Status|Prüfung|Ziel|Ergebnis|Abhilfe', en: 'Status|Check|Subject|Result|Remedy' },
  cmdReport: {
    de: 'Bericht eines Laufs für den Kunden: Plan, Versionen, jeder Schritt mit Bestätigung, Nachweis und Dauer, Snapshots, Rollbacks',
    en: 'a record of a run for the customer: plan, versions, every step with who confirmed it, evidence and duration, snapshots, rollbacks',
  },
  optReportFormat: { de: 'html, markdown oder json', en: 'html, markdown or json' },
  optReportOut: {
    de: 'in diese Datei schreiben (sonst Standardausgabe)',
    en: 'write to this file (else standard output)',
  },
  reportWritten: { de: 'Bericht geschrieben: {file}', en: 'Report written: {file}' },
  cmdV4Exports: {
    de: 'Export-Ordner des V4 Migrations-Managers prüfen: Punkte a–e vorhanden, Benutzer-CSV gültig',
    en: "check the V4 Migrations-Manager's export folder: items a–e present, users CSV valid",
  },
  argV4Exports: { de: 'der Export-Ordner', en: 'the export folder' },
  optV4Item: {
    de: 'Muster für einen Punkt, z.B. voicemail=Ansagen (mehrfach möglich; Schlüssel: voicemail, autoattendant, dynamic-lines, pbx)',
    en: 'pattern for an item, e.g. voicemail=Greetings (repeatable; keys: voicemail, autoattendant, dynamic-lines, pbx)',
  },
  v4Missing: { de: 'nicht gefunden', en: 'not found' },
  v4CsvProblems: {
    de: '{file}: {count} Probleme, Details: xpmigrate users-csv',
    en: '{file}: {count} problems, details: xpmigrate users-csv',
  },
  progressFailed: { de: 'FEHLER', en: 'FAILED' },
  progressSkipped: { de: 'übersprungen', en: 'skipped' },
  progressRecovered: {
    de: 'nach Abbruch geklärt ({policy}: {answer})',
    en: 'resolved after interruption ({policy}: {answer})',
  },
  progressRefused: { de: 'abgelehnt: {reason}', en: 'refused: {reason}' },
  progressDuplicate: { de: 'schon erledigt: {reason}', en: 'already handled: {reason}' },
  waitOperator: { de: 'Wartet auf Bestätigung: {step}', en: 'Waiting for an operator: {step}' },
  waitFailed: {
    de: 'Schritt fehlgeschlagen: {step}. xpmigrate retry | skip {id} --reason … | abort',
    en: 'Step failed: {step}. xpmigrate retry | skip {id} --reason … | abort',
  },
  waitReboot: {
    de: 'Neustart nötig; nach dem Neustart setzt xpmigrate resume fort.',
    en: 'Reboot needed; after the reboot xpmigrate resume continues.',
  },
  waitConfirmHint: {
    de: 'Bestätigen: xpmigrate confirm {id}{evidence}',
    en: 'Confirm with: xpmigrate confirm {id}{evidence}',
  },
  runDone: { de: 'Lauf {run} abgeschlossen.', en: 'Run {run} finished.' },
  runAborted: { de: 'Lauf {run} abgebrochen.', en: 'Run {run} aborted.' },
  runStarted: { de: 'Lauf {run} begonnen ({steps} Schritte).', en: 'Run {run} started ({steps} steps).' },
  queued: {
    de: 'Befehl gespeichert; Prozess {pid} auf {host} führt den Lauf und übernimmt ihn.',
    en: 'Command queued; process {pid} on {host} holds the run and will take it.',
  },
  // Errors
  errorPrefix: { de: 'Fehler', en: 'error' },
  remedyPrefix: { de: 'Abhilfe', en: 'remedy' },
  usageUnknownOption: { de: 'unbekannte Option {option}', en: 'unknown option {option}' },
  usageUnknownCommand: { de: 'unbekannter Befehl {command}', en: 'unknown command {command}' },
  usageMissingArgument: { de: 'Wert fehlt: {detail}', en: 'missing value: {detail}' },
  usageExcess: { de: 'zu viele Argumente', en: 'too many arguments' },
  titleUsage: { de: 'Aufruf:', en: 'Usage:' },
  cmdUi: {
    de: 'Visualizer im Browser: Zustandsdiagramm live, Checkliste, Journal, Snapshots; Schritte bestätigen, wiederholen, überspringen, zurückrollen',
    en: 'visualizer in the browser: the live statechart, checklist, journal, snapshots; confirm, retry, skip steps, roll back',
  },
  optUiPort: { de: 'Port (0 = ein freier)', en: 'port (0 = any free one)' },
  optUiHost: {
    de: 'Adresse, auf der gelauscht wird; eine andere als dieser Rechner nur mit Bedacht',
    en: 'address to listen on; anything but this machine only with care',
  },
  optUiInspect: {
    de: 'zusätzlich an einen WebSocket-Inspector senden (Stately Inspector, @statelyai/inspect), z.B. ws://localhost:8080',
    en: 'also stream to a WebSocket inspector (Stately inspector, @statelyai/inspect), e.g. ws://localhost:8080',
  },
  uiListening: {
    de: 'Visualizer für Lauf {run}: {url}\n  Nur mit diesem Token erreichbar. Beenden mit Strg+C.',
    en: 'Visualizer for run {run}: {url}\n  Reachable only with this token. Stop with Ctrl+C.',
  },
  uiNotLoopback: {
    de: 'Achtung: lauscht auf {host}, nicht nur auf diesem Rechner. Wer die Adresse mit Token kennt, kann den Lauf steuern.',
    en: 'Caution: listening on {host}, not only on this machine. Whoever knows the address with its token can drive the run.',
  },
  uiInspecting: { de: 'Sende auch an den Inspector {url}.', en: 'Also streaming to the inspector at {url}.' },
  titleOptions: { de: 'Optionen:', en: 'Options:' },
  defaultValue: { de: 'Standard', en: 'default' },
  titleCommands: { de: 'Befehle:', en: 'Commands:' },
  titleArguments: { de: 'Argumente:', en: 'Arguments:' },
} as const satisfies Record<string, Text>;
