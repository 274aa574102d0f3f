import type { Text } from '../i18n/index.js';

interface ErrorText {
  message: Text;
  remedy?: Text;
}

/** Every error a user can meet, by stable code. `{name}` placeholders come from the error's params. */
export const ERRORS = {
  E_USAGE: {
    message: { de: '{detail}', en: '{detail}' },
    remedy: { de: 'Hilfe: xpmigrate {command} --help', en: 'Help: xpmigrate {command} --help' },
  },
  E_INPUT_MISSING: {
    message: { de: '{flag} fehlt.', en: '{flag} is missing.' },
    remedy: {
      de: '{flag} angeben, z.B. --from "V7" oder --from 9.0.330.1359.',
      en: 'Give {flag}, e.g. --from "V7" or --from 9.0.330.1359.',
    },
  },
  E_RUN_UNFINISHED: {
    message: {
      de: 'Im Zustandsspeicher {file} ist Lauf {run} nicht beendet ({state}): ein zweiter Lauf würde Sicherung, Snapshot und Neustart noch einmal ausführen und die Startaufgabe auf sich umstellen.',
      en: 'Run {run} in the state store {file} has not ended ({state}): a second run would back up, snapshot and reboot again and take over the startup task.',
    },
    remedy: {
      de: 'Den Lauf fortsetzen (xpmigrate resume --run {run}) oder abbrechen (xpmigrate abort --run {run}); einen zweiten Lauf bewusst beginnen: --new-run.',
      en: 'Continue it (xpmigrate resume --run {run}) or abort it (xpmigrate abort --run {run}); to start a second run on purpose: --new-run.',
    },
  },
  E_START_WRONG_MACHINE: {
    message: {
      de: 'Dieser Lauf beginnt auf dem bisherigen XPhone Server{namedDe}; dies ist {here}{installedDe}. Seine ersten Schritte (Backup des bisherigen Servers{hopsDe}) geschehen dort, nicht hier.',
      en: 'This run starts on the existing XPhone server{namedEn}; this is {here}{installedEn}. Its first steps (the backup of the existing server{hopsEn}) happen there, not here.',
    },
    remedy: {
      de: 'xpmigrate auf dem bisherigen XPhone Server starten (als Administrator, dort „xpmigrate start …“); an der Übergabe geht der Lauf auf diesen Rechner weiter. Ist dies doch der bisherige Server, den Zwilling dieses Rechners nehmen (xpmigrate twin collect).',
      en: 'Start xpmigrate on the existing XPhone server (as an administrator, "xpmigrate start …" there); at the hand-over the run comes over to this machine. If this is the existing server after all, take this machine\'s twin (xpmigrate twin collect).',
    },
  },
  E_START_SETTINGS_MISSING: {
    message: {
      de: 'Ein echter Lauf rät nichts: diese Schritte brauchen {flags}.',
      en: 'A real run guesses nothing: its steps need {flags}.',
    },
    remedy: {
      de: 'Jede Angabe mitgeben ({flags}).{foundDe} Eine Probe ohne echten Server: --simulate.',
      en: 'Give each of them ({flags}).{foundEn} A rehearsal without a real server: --simulate.',
    },
  },
  E_INPUT_VERSION: {
    message: {
      de: '{flag} "{value}": keine bekannte XPhone Version.',
      en: '{flag} "{value}": not a known XPhone version.',
    },
    remedy: {
      de: 'Erlaubt: V4 (XPhone UC 2011, z.B. "4.5.35 SR5") bis V9, z.B. "V7", "8", "9.0.330.1359".',
      en: 'Allowed: V4 (XPhone UC 2011, e.g. "4.5.35 SR5") to V9, e.g. "V7", "8", "9.0.330.1359".',
    },
  },
  E_INPUT_VERSION_OLD: {
    message: {
      de: '{flag} "{value}": V{major} ist älter als V4 und wird nicht unterstützt.',
      en: '{flag} "{value}": V{major} is older than V4 and not supported.',
    },
    remedy: {
      de: 'Erlaubt: V4 bis V9. Ältere Systeme zuerst mit Hilfe des C4B Supports auf V4 (4.5.35 SR5) bringen.',
      en: 'Allowed: V4 to V9. Bring older systems to V4 (4.5.35 SR5) first, with C4B support.',
    },
  },
  E_INPUT_VERSION_NEW: {
    message: {
      de: '{flag} "{value}": V{major} ist neuer als das Ziel V9.',
      en: '{flag} "{value}": V{major} is newer than the target V9.',
    },
    remedy: {
      de: 'Erlaubt: V4 bis V9. Ein Umzug V9 → V9 (neuer Server) geht mit --from 9.',
      en: 'Allowed: V4 to V9. A move V9 → V9 (new server) works with --from 9.',
    },
  },
  E_INPUT_PLAN: {
    message: { de: '{flag} "{value}": unbekannter Umzugsplan.', en: '{flag} "{value}": unknown plan.' },
    remedy: {
      de: 'Erlaubt: A (SQL Express, eine Maschine), B (SQL Standard/Enterprise, eine Maschine), C (getrennte SQL Server Maschine), D (nur Datenbanken umziehen).',
      en: 'Allowed: A (SQL Express, one machine), B (SQL Standard/Enterprise, one machine), C (separate SQL Server machine), D (only move the databases).',
    },
  },
  E_INPUT_CONTRADICTION: {
    message: {
      de: 'Plan {plan} passt nicht zu {flag} {value}.',
      en: 'Plan {plan} contradicts {flag} {value}.',
    },
    remedy: {
      de: 'Plan D braucht einen vorhandenen SQL Server und zieht nur die Datenbanken um; A und B laufen auf einer Maschine, C auf getrennten. Plan oder Angabe korrigieren.',
      en: 'Plan D needs an existing SQL Server and only moves the databases; A and B run on one machine, C on separate ones. Correct the plan or the answer.',
    },
  },
  E_INPUT_EXISTING_UNDECIDED: {
    message: {
      de: '{flag} yes: ein vorhandener SQL Server gehört zu Plan C (neuer XPhone Server, SQL Server getrennt) oder Plan D (nur die Datenbanken ziehen um, der XPhone Server bleibt, wo er ist). Welcher, lässt sich aus den Angaben nicht ablesen.',
      en: '{flag} yes: an existing SQL Server belongs to plan C (a new XPhone Server, SQL Server separate) or plan D (only the databases move, the XPhone Server stays where it is). The answers do not say which.',
    },
    remedy: {
      de: 'Angeben: {only} yes (Plan D) oder {only} no (Plan C), oder den Plan mit {target} C|D nennen.',
      en: 'Give {only} yes (plan D) or {only} no (plan C), or name the plan with {target} C|D.',
    },
  },
  E_INPUT_JOB: {
    message: { de: '{flag} "{value}": unbekannte Aufgabe.', en: '{flag} "{value}": unknown job.' },
    remedy: { de: 'Erlaubt: {allowed}.', en: 'Allowed: {allowed}.' },
  },
  E_INPUT_USERS: {
    message: {
      de: '{flag} "{value}": keine gültige Benutzerzahl.',
      en: '{flag} "{value}": not a valid number of users.',
    },
    remedy: {
      de: 'Erlaubt: eine ganze Zahl ab 1, z.B. --users 350.',
      en: 'Allowed: a whole number from 1, e.g. --users 350.',
    },
  },
  E_INPUT_SQL_VERSION: {
    message: {
      de: '{flag} "{value}": keine bekannte SQL Server Version.',
      en: '{flag} "{value}": not a known SQL Server version.',
    },
    remedy: {
      de: 'Erlaubt: ein Jahr (2008, 2012, 2014, 2016, 2017, 2019, 2022, 2025) oder die Versionsnummer, z.B. 15.0.2000.5.',
      en: 'Allowed: a year (2008, 2012, 2014, 2016, 2017, 2019, 2022, 2025) or the version number, e.g. 15.0.2000.5.',
    },
  },
  E_INPUT_CHOICE: {
    message: { de: '{flag} "{value}": nicht erlaubt.', en: '{flag} "{value}": not allowed.' },
    remedy: { de: 'Erlaubt: {allowed}.', en: 'Allowed: {allowed}.' },
  },
  E_INPUT_TOO_LONG: {
    message: {
      de: '{field}: {length} Zeichen, erlaubt sind höchstens {max}.',
      en: '{field}: {length} characters, at most {max} are allowed.',
    },
    remedy: { de: 'Kürzer fassen; nichts wurde geändert.', en: 'Say it shorter; nothing was changed.' },
  },
  E_INPUT_CONTROL: {
    message: {
      de: '{field}: Zeichen {at} ist ein Steuerzeichen ({char}).',
      en: '{field}: character {at} is a control character ({char}).',
    },
    remedy: {
      de: 'Nur sichtbaren Text eingeben (Steuerzeichen verändern Terminal und Bericht); nichts wurde geändert.',
      en: 'Type visible text only (control characters change the terminal and the report); nothing was changed.',
    },
  },
  E_SQLITE_UNAVAILABLE: {
    message: {
      de: 'XPMIGRATE_SQLITE={driver}: diesen SQLite-Treiber hat Node.js {node} nicht ({detail}).',
      en: 'XPMIGRATE_SQLITE={driver}: Node.js {node} does not have this SQLite driver ({detail}).',
    },
    remedy: {
      de: 'XPMIGRATE_SQLITE entfernen (xpmigrate nimmt dann den Treiber, der lädt) oder den Node.js des Bundles verwenden (node:sqlite braucht 22.5 oder neuer). Nichts wurde geöffnet.',
      en: "Remove XPMIGRATE_SQLITE (xpmigrate then takes the driver that loads) or use the bundle's Node.js (node:sqlite needs 22.5 or newer). Nothing was opened.",
    },
  },
  E_STORE_OPEN: {
    message: {
      de: 'Der Zustandsspeicher {file} lässt sich nicht öffnen: {detail}',
      en: 'Cannot open the state store {file}: {detail}',
    },
    remedy: {
      de: 'Pfad und Rechte prüfen (--state oder XPMIGRATE_STATE).',
      en: 'Check the path and the permissions (--state or XPMIGRATE_STATE).',
    },
  },
  E_STORE_CORRUPT: {
    message: {
      de: 'Der Zustandsspeicher {file} ist beschädigt: {detail}',
      en: 'The state store {file} is corrupted: {detail}',
    },
    remedy: {
      de: 'Nichts wurde verändert. Die Datei aus einer Sicherung oder dem Journal-Spiegel wiederherstellen; nicht löschen, sonst beginnt der Lauf von vorn.',
      en: 'Nothing was changed. Restore the file from a backup or the journal mirror; do not delete it, or the run starts from scratch.',
    },
  },
  E_STORE_NEWER: {
    message: {
      de: 'Der Zustandsspeicher {file} hat Schema {found}; diese xpmigrate Version kennt nur bis {known}.',
      en: 'The state store {file} has schema {found}; this xpmigrate version knows up to {known}.',
    },
    remedy: {
      de: 'Die neuere xpmigrate Version verwenden, die den Speicher angelegt hat.',
      en: 'Use the newer xpmigrate version that wrote the store.',
    },
  },
  E_RUN_LOCKED: {
    message: {
      de: 'Lauf {run} wird gerade von Prozess {pid} auf {host} ausgeführt (seit {since}).',
      en: 'Run {run} is held by process {pid} on {host} (since {since}).',
    },
    remedy: {
      de: 'Warten, bis dieser Prozess endet, oder ihn beenden; ein beendeter Prozess auf diesem Rechner gibt den Lauf frei.',
      en: 'Wait for that process to end, or stop it; a dead holder on this machine is taken over automatically.',
    },
  },
  E_RUN_LOCKED_ELSEWHERE: {
    message: {
      de: 'Lauf {run} ist von Prozess {pid} auf dem Rechner {host} gesperrt (seit {since}); dies ist {here}. Ob jener Prozess noch läuft, ist von hier nicht zu erkennen: die Sperre wird nie von selbst übernommen.',
      en: 'Run {run} is locked by process {pid} on the machine {host} (since {since}); this is {here}. Whether that process still runs cannot be told from here, so the lock is never taken over by itself.',
    },
    remedy: {
      de: 'Läuft xpmigrate auf {host} nicht mehr (Server umbenannt, Zustandsspeicher kopiert): xpmigrate unlock --run {run}. Sonst den Prozess dort zuerst beenden.',
      en: 'If xpmigrate no longer runs on {host} (server renamed, state store copied): xpmigrate unlock --run {run}. Otherwise stop the process there first.',
    },
  },
  E_RUN_NOT_FOUND: {
    message: { de: 'Lauf "{run}" gibt es in {file} nicht.', en: 'There is no run "{run}" in {file}.' },
    remedy: { de: 'Die Läufe zeigt: xpmigrate runs', en: 'List the runs with: xpmigrate runs' },
  },
  E_STORE_READONLY: {
    message: {
      de: 'Der Zustandsspeicher ist schreibgeschützt ({code}): {detail}',
      en: 'The state store is read-only ({code}): {detail}',
    },
    remedy: {
      de: 'Dieses Konto (nach einem Neustart: SYSTEM) braucht Schreibrechte auf die Datei und ihren Ordner (für -wal und -shm). Nichts wurde halb geschrieben; danach den Befehl wiederholen.',
      en: 'This account (after a reboot: SYSTEM) needs write access to the file and its folder (for -wal and -shm). Nothing was half written; then repeat the command.',
    },
  },
  E_STORE_IOERR: {
    message: {
      de: 'Ein-/Ausgabefehler am Zustandsspeicher ({code}): {detail}',
      en: 'Disk I/O error on the state store ({code}): {detail}',
    },
    remedy: {
      de: 'Datenträger und Ordner prüfen (kein Netzlaufwerk, keine entfernte Platte). Die letzte bestätigte Änderung ist erhalten; danach den Befehl wiederholen.',
      en: 'Check the disk and the folder (no network drive, no removed disk). The last committed change is kept; then repeat the command.',
    },
  },
  E_STORE_FULL: {
    message: {
      de: 'Der Datenträger des Zustandsspeichers ist voll ({code}).',
      en: "The state store's disk is full ({code}).",
    },
    remedy: {
      de: 'Platz schaffen, dann den Befehl wiederholen: die letzte bestätigte Änderung ist erhalten.',
      en: 'Free some space, then repeat the command: the last committed change is kept.',
    },
  },
  E_STORE_CANTOPEN: {
    message: {
      de: 'Der Zustandsspeicher lässt sich nicht öffnen ({code}): {detail}',
      en: 'The state store cannot be opened ({code}): {detail}',
    },
    remedy: {
      de: 'Pfad und Rechte prüfen (--state oder XPMIGRATE_STATE), auch für den Ordner.',
      en: 'Check the path and the permissions (--state or XPMIGRATE_STATE), the folder included.',
    },
  },
  E_STORE_BUSY: {
    message: {
      de: 'Der Zustandsspeicher ist von einem anderen Prozess gesperrt ({code}).',
      en: 'The state store is locked by another process ({code}).',
    },
    remedy: {
      de: 'Warten, bis der andere xpmigrate-Prozess (oder ein Virenscanner, eine Sicherung) die Datei freigibt, dann wiederholen.',
      en: 'Wait until the other xpmigrate process (or a virus scanner, a backup) lets go of the file, then repeat.',
    },
  },
  E_STORE_NETWORK: {
    message: {
      de: 'Der Zustandsspeicher {file} liegt auf einem Netzlaufwerk ({drive}): SQLite braucht für sein Write-Ahead-Log gemeinsamen Speicher, den Netzwerk-Dateisysteme nicht bieten.',
      en: 'The state store {file} is on a network drive ({drive}): SQLite needs shared memory for its write-ahead log, which network file systems do not give.',
    },
    remedy: {
      de: 'Den Speicher auf eine lokale Platte legen (z.B. --state C:\\ProgramData\\xpmigrate\\state.db, der Standard); für eine Kopie außerhalb der VM --journal-mirror auf das Netzlaufwerk zeigen lassen.',
      en: 'Put the store on a local disk (e.g. --state C:\\ProgramData\\xpmigrate\\state.db, the default); for a copy outside the VM point --journal-mirror at the network drive.',
    },
  },
  E_NOT_ELEVATED: {
    message: {
      de: 'Diese Konsole läuft nicht als Administrator: Dienste, Neustart-Aufgabe und Registrierung verlangen erhöhte Rechte.',
      en: 'This console does not run as administrator: services, the restart task and the registry need elevated rights.',
    },
    remedy: {
      de: 'Eine Konsole mit „Als Administrator ausführen“ öffnen und den Befehl dort wiederholen. Nichts wurde begonnen.',
      en: 'Open a console with "Run as administrator" and repeat the command there. Nothing was started.',
    },
  },
  E_STORE_MISSING: {
    message: {
      de: 'Es gibt keinen Zustandsspeicher {file}.',
      en: 'There is no state store {file}.',
    },
    remedy: {
      de: 'Den Pfad prüfen (--state oder XPMIGRATE_STATE); ein Lauf beginnt mit xpmigrate start. Nichts wurde angelegt.',
      en: 'Check the path (--state or XPMIGRATE_STATE); a run begins with xpmigrate start. Nothing was created.',
    },
  },
  E_STORE_LOST: {
    message: {
      de: 'Der Zustandsspeicher {file} ist verloren ({how}: leer, ohne sein Write-Ahead-Log, gelöscht oder ersetzt). Ihn als leeren Speicher zu lesen, hieße Sicherung, Snapshot und Neustart noch einmal auszuführen.',
      en: 'The state store {file} is lost ({how}: empty, without its write-ahead log, deleted or replaced). Reading it as an empty store would back up, snapshot and reboot all over again.',
    },
    remedy: {
      de: 'Nichts wurde geschrieben. Die Datei (mit ihrer -wal-Datei) aus einer Sicherung oder dem VM-Snapshot wiederherstellen. Journal-Spiegel dieses Speichers: {mirror} (dort <Lauf>.jsonl, die Geschichte des Laufs). Nicht neu beginnen, solange der Stand des Servers unklar ist; wer es nach Prüfung bewusst tut: xpmigrate start … --after-loss.',
      en: "Nothing was written. Restore the file (with its -wal file) from a backup or the VM snapshot. This store's journal mirror: {mirror} (<run>.jsonl there holds the run's history). Do not start over while the server's state is unclear; to do it on purpose once checked: xpmigrate start … --after-loss.",
    },
  },
  E_NO_RUNS: {
    message: { de: 'In {file} gibt es keinen Lauf.', en: 'There is no run in {file}.' },
    remedy: {
      de: 'Einen Lauf beginnen: xpmigrate start --from …',
      en: 'Start one: xpmigrate start --from …',
    },
  },
  E_RUN_MACHINE_CHANGED: {
    message: {
      de: 'Lauf {run} steht in Zustand "{state}", den diese xpmigrate Version nicht mehr kennt.',
      en: 'Run {run} is in state "{state}", which this xpmigrate version no longer has.',
    },
    remedy: {
      de: 'Den Lauf mit der xpmigrate Version fortsetzen, die ihn begonnen hat (Version {version}); nichts wurde verändert.',
      en: 'Resume the run with the xpmigrate version that started it (machine {version}); nothing was changed.',
    },
  },
  E_COMMAND_REFUSED: {
    message: { de: '{command} abgelehnt: {reason}', en: '{command} refused: {reason}' },
    remedy: {
      de: 'Den aktuellen Stand zeigt: xpmigrate status',
      en: 'See where the run stands: xpmigrate status',
    },
  },
  E_SIMULATE_ONLY: {
    message: { de: '{flag} gibt es nur mit --simulate.', en: '{flag} works only with --simulate.' },
    remedy: {
      de: 'In einer Probe (--simulate) bestätigt --auto-confirm die manuellen Schritte; auf einem echten Server bestätigt sie ein Mensch.',
      en: 'In a rehearsal (--simulate) --auto-confirm answers the manual steps; on a real server a person confirms them.',
    },
  },
  E_BACKUP_MANAGER_FILE: {
    message: {
      de: 'Die Backup-Datei des Backup-Managers "{file}" ist nicht da oder leer.',
      en: 'The Backup-Manager\'s backup file "{file}" is not there or empty.',
    },
    remedy: {
      de: 'Den Backup mit dem Backup-Manager (erneut) erstellen und den vollen Pfad der Datei angeben: xpmigrate retry --evidence file=PFAD.',
      en: 'Make the backup with the Backup-Manager (again) and give the full path of its file: xpmigrate retry --evidence file=PATH.',
    },
  },
  E_BACKUP_MANAGER_LOG_STALE: {
    message: {
      de: 'Die Logdatei "{file}" hat seit {since} keinen Eintrag: sie zeigt nicht den Lauf des Backup-Managers, nach dem dieser Schritt fragt.',
      en: 'The log file "{file}" has no entry since {since}: it does not show the Backup-Manager run this step asks about.',
    },
    remedy: {
      de: 'Den Backup-Manager jetzt ausführen; hat er in eine andere Logdatei geschrieben: xpmigrate retry --evidence log=PFAD.',
      en: 'Run the Backup-Manager now; if it wrote to another log file: xpmigrate retry --evidence log=PATH.',
    },
  },
  E_BACKUP_MANAGER_LOG: {
    message: {
      de: 'Die Logdatei des Backup-Managers "{file}" meldet einen Fehler ({finding}, Zeile {lines}): {causeDe}',
      en: 'The Backup-Manager\'s log "{file}" shows an error ({finding}, line {lines}): {causeEn}',
    },
    remedy: {
      de: '{remedyDe} Danach den Backup-Manager erneut ausführen und: xpmigrate retry (gelesen werden nur die neuen Einträge).',
      en: '{remedyEn} Then run the Backup-Manager again and: xpmigrate retry (only the new entries are read).',
    },
  },
  E_INPUT_DATABASE_NAME: {
    message: {
      de: '{flag}: "{name}" ist kein Datenbankname, der als Dateiname taugt.',
      en: '{flag}: "{name}" is not a database name that is safe as a file name.',
    },
    remedy: {
      de: 'Datenbanknamen mit Komma angeben, ohne \\ / : * ? " < > |, ohne ".." und ohne Leerzeichen am Rand, höchstens 128 Zeichen, z. B. XPDATA,XPVDIR,XPSTATS.',
      en: 'Give database names separated by commas, without \\ / : * ? " < > |, without ".." and without spaces at either end, at most 128 characters, e.g. XPDATA,XPVDIR,XPSTATS.',
    },
  },
  E_SQL_SOURCE_DATABASE_MISSING: {
    message: {
      de: 'Auf dem Quell-SQL-Server {server} gibt es {databases} nicht; nichts wurde begonnen.',
      en: 'The source SQL Server {server} has no {databases}; nothing was started.',
    },
    remedy: {
      de: '--databases prüfen (Tippfehler?). Dort vorhanden: {existing}.',
      en: 'Check --databases (a typo?). There are: {existing}.',
    },
  },
  E_SQL_ANALYTICS_INSTANCE: {
    message: {
      de: 'Auf dem Quell-SQL-Server {server} gibt es {databases} nicht: XPhone hält Analytics in einer eigenen Instanz (XPANALYTICS); nichts wurde begonnen.',
      en: 'The source SQL Server {server} has no {databases}: XPhone keeps Analytics in an instance of its own (XPANALYTICS); nothing was started.',
    },
    remedy: {
      de: 'Die Analytics-Instanz angeben: --source-analytics-sql "{instance}" (so nennt sie atlas.xml, sonst der Standard), oder Analytics mit --databases weglassen.',
      en: 'Name the Analytics instance: --source-analytics-sql "{instance}" (as atlas.xml names it, else the default), or leave Analytics out of --databases.',
    },
  },
  E_SQL_BACKUP_DATABASE_MISSING: {
    message: {
      de: '{server} zeigt der Anmeldung {login} keine Datenbank {databases}: keine Sicherheitskopie wurde geschrieben.',
      en: '{server} shows the login {login} no database {databases}: no safety copy was written.',
    },
    remedy: {
      de: 'Prüfen, ob es die Datenbank dort gibt (umbenannt, offline?) und ob die Anmeldung sie sieht (VIEW ANY DATABASE); dann: xpmigrate retry.',
      en: 'Check that the database exists there (renamed, offline?) and that the login sees it (VIEW ANY DATABASE); then: xpmigrate retry.',
    },
  },
  E_VERSION_NOT_REACHED: {
    message: {
      de: 'Der Server meldet Version {installed}; vor dem Umzug nach V9 muss V{major} installiert sein (schrittweise Aktualisierung laut Leitfaden).',
      en: "The server reports version {installed}; V{major} must be installed before the move to V9 (the guide's step-by-step update).",
    },
    remedy: {
      de: 'Das fehlende Major Update installieren (ein übersprungenes Update nachholen), dann: xpmigrate retry.',
      en: 'Install the missing major update (the one that was skipped), then: xpmigrate retry.',
    },
  },
  E_EVIDENCE_NOT_REACHABLE: {
    message: {
      de: '{path} ist ein Pfad auf {machine}; xpmigrate läuft auf {here} und liest dort ein anderes Laufwerk.',
      en: '{path} is a path on {machine}; xpmigrate runs on {here} and would read another drive there.',
    },
    remedy: {
      de: 'Den Pfad so angeben, wie {here} ihn erreicht, als UNC-Pfad (z. B. \\\\{machine}\\XPhoneBackup\\… oder \\\\{machine}\\C$\\…): xpmigrate retry --evidence file=… --evidence log=…',
      en: 'Name the path as {here} reaches it, as a UNC path (e.g. \\\\{machine}\\XPhoneBackup\\… or \\\\{machine}\\C$\\…): xpmigrate retry --evidence file=… --evidence log=…',
    },
  },
  E_MACHINE_REMOTE_CHANGE: {
    message: {
      de: 'Schritt {step} ändert den Rechner, auf dem er geschieht ({machine}); xpmigrate läuft aber auf {here}. Nichts wurde geändert.',
      en: 'Step {step} changes the machine it happens on ({machine}); but xpmigrate runs on {here}. Nothing was changed.',
    },
    remedy: {
      de: 'Den Schritt auf {machine} von Hand erledigen und hier mit „xpmigrate confirm {step} --reason …“ als erledigt markieren.',
      en: 'Do the step on {machine} by hand and mark it done here with "xpmigrate confirm {step} --reason …".',
    },
  },
  E_OLD_SERVER_RUNNING: {
    message: {
      de: 'Der bisherige XPhone Server {server} antwortet noch auf Port {ports}: seine XPhone Dienste laufen, Clients arbeiten dort weiter und ihre Änderungen fehlen im Restore.',
      en: 'The existing XPhone server {server} still answers on port {ports}: its XPhone services run, clients keep working there and their changes would be missing from the restore.',
    },
    remedy: {
      de: 'Auf {server} die Dienste „Atlas…“ beenden (Dienste-Konsole oder „Get-Service Atlas* | Stop-Service“), dann: xpmigrate retry.',
      en: 'Stop the "Atlas…" services on {server} (services console or "Get-Service Atlas* | Stop-Service"), then: xpmigrate retry.',
    },
  },
  E_MACHINE_UNNAMED: {
    message: {
      de: 'Der Lauf kennt den Namen des {role} Servers nicht (ein Lauf aus einer älteren Version).',
      en: 'The run does not know the name of the {role} server (a run from an older build).',
    },
    remedy: {
      de: 'Den Schritt selbst prüfen und mit „xpmigrate confirm … --reason …“ als erledigt markieren.',
      en: 'Check the step yourself and mark it done with "xpmigrate confirm … --reason …".',
    },
  },
  E_BOOT_ID_UNREADABLE: {
    message: {
      de: 'Nach dem Neustart war bis zum Ablauf der Frist nicht festzustellen, ob der Server neu gestartet ist: seine Boot-ID ist nicht lesbar ({detail}).',
      en: 'After the restart it could not be told before the deadline whether the server restarted: its boot id cannot be read ({detail}).',
    },
    remedy: {
      de: 'Prüfen, ob der Server neu gestartet ist und WMI antwortet („Get-CimInstance Win32_OperatingSystem“ in einer PowerShell als Administrator), dann: xpmigrate retry.',
      en: 'Check that the server restarted and that WMI answers ("Get-CimInstance Win32_OperatingSystem" in an elevated PowerShell), then: xpmigrate retry.',
    },
  },
  E_SERVER_UNHEALTHY: {
    message: {
      de: 'Der XPhone Server ist nach dem Start der Dienste nicht bereit ({detail}).',
      en: 'The XPhone Server is not ready after its services started ({detail}).',
    },
    remedy: {
      de: 'Die Ereignisanzeige und die Logs des XPhone Servers prüfen (bei externem SQL Server: Tipp aus Zeile 9 – teilweise angelegte Tabellen löschen und erneut starten), dann: xpmigrate retry.',
      en: "Check the event log and the XPhone Server's logs (with an external SQL Server: row 9's tip – drop partially created tables and start again), then: xpmigrate retry.",
    },
  },
  E_SQL_DB_OWNER_NOT_GRANTED: {
    message: {
      de: '{server}: {account} ist nach der Zuweisung nicht db_owner von {database}.',
      en: '{server}: {account} is not db_owner of {database} after the grant.',
    },
    remedy: {
      de: 'Im SQL Management Studio unter {database} → Sicherheit → Benutzer den Benutzer des Logins {account} prüfen (ein wiederhergestellter Benutzer kann anders heißen) und ihm die Rolle db_owner geben, dann: xpmigrate retry.',
      en: 'In SQL Management Studio under {database} → Security → Users check the user of the login {account} (a restored user may have another name) and give it the db_owner role, then: xpmigrate retry.',
    },
  },
  E_SQL_SERVER_TOO_OLD: {
    message: {
      de: '{server} ist SQL Server {version}; die XPhone Datenbanken brauchen mindestens SQL Server 2014 (Leitfaden). Nichts wurde angelegt.',
      en: '{server} is SQL Server {version}; the XPhone databases need at least SQL Server 2014 (the guide). Nothing was created.',
    },
    remedy: {
      de: 'Einen SQL Server 2014 oder neuer angeben (--sql-server), dann: xpmigrate retry.',
      en: 'Name a SQL Server 2014 or newer (--sql-server), then: xpmigrate retry.',
    },
  },
  E_SIM_NOTHING_TO_DO: {
    message: {
      de: 'Lauf {run} wartet nicht an einem manuellen Schritt (aktuell: {step}): auf dem Probe-Server ist nichts zu tun.',
      en: 'Run {run} is not waiting at a manual step (now: {step}): there is nothing to do on the rehearsal server.',
    },
    remedy: {
      de: 'xpmigrate status zeigt, worauf der Lauf wartet; ein fehlgeschlagener Schritt: xpmigrate retry.',
      en: 'xpmigrate status shows what the run waits for; a failed step: xpmigrate retry.',
    },
  },

  E_ATLAS_READ: {
    message: { de: '{file} lässt sich nicht lesen: {detail}', en: 'Cannot read {file}: {detail}' },
    remedy: {
      de: 'Pfad prüfen (--file) und ob das Konto die Datei lesen darf.',
      en: 'Check the path (--file) and that this account may read the file.',
    },
  },
  E_ATLAS_NOT_FOUND: {
    message: { de: 'Keine atlas.xml unter {folder} gefunden.', en: 'No atlas.xml found under {folder}.' },
    remedy: { de: 'Die Datei mit --file angeben.', en: 'Give the file with --file.' },
  },
  E_ATLAS_FILE_REQUIRED: {
    message: {
      de: 'Ohne Windows-Registry ist der Installationsordner unbekannt.',
      en: 'Without the Windows registry the install folder is unknown.',
    },
    remedy: {
      de: 'Die Datei mit --file angeben (oder --simulate --state DATEI für einen simulierten Server).',
      en: 'Give the file with --file (or --simulate --state FILE for a simulated server).',
    },
  },
  E_ATLAS_ENCODING: {
    message: {
      de: '{file}: die Bytes sind kein gültiges {encoding}.',
      en: '{file}: the bytes are not valid {encoding}.',
    },
    remedy: {
      de: 'Die Datei wurde nicht verändert. atlas.xml muss UTF-8 (mit oder ohne BOM) oder UTF-16 mit BOM sein; die letzte funktionierende Sicherung prüfen.',
      en: 'The file was not changed. atlas.xml must be UTF-8 (with or without BOM) or UTF-16 with BOM; check the last working backup.',
    },
  },
  E_ATLAS_XML: {
    message: {
      de: '{file}, Zeile {line}, Spalte {column}: kein gültiges XML ({detail}).',
      en: '{file}, line {line}, column {column}: not valid XML ({detail}).',
    },
    remedy: {
      de: 'Die Datei wurde nicht verändert. Die Stelle korrigieren oder die letzte Sicherungskopie (atlas.xml.*.bak) zurückholen.',
      en: 'The file was not changed. Fix that place or bring back the last backup copy (atlas.xml.*.bak).',
    },
  },
  E_ATLAS_NO_DATABASES: {
    message: { de: '{file} hat keinen Bereich <Databases>.', en: '{file} has no <Databases> section.' },
    remedy: {
      de: 'Ist das die atlas.xml des XPhone Servers? Mit --file die richtige Datei angeben.',
      en: "Is this the XPhone Server's atlas.xml? Give the right file with --file.",
    },
  },
  E_ATLAS_NO_ENTRIES: {
    message: {
      de: '{file}: in <Databases> (Zeile {line}) steht kein Connection String.',
      en: '{file}: <Databases> (line {line}) holds no connection string.',
    },
    remedy: {
      de: 'Nichts zu ändern. xpmigrate atlas show zeigt, was gefunden wurde.',
      en: 'Nothing to change. xpmigrate atlas show lists what was found.',
    },
  },
  E_ATLAS_CONNECTION_STRING: {
    message: {
      de: '{file}, Zeile {line}, Spalte {column}: Connection String nicht lesbar: {detail}.',
      en: '{file}, line {line}, column {column}: cannot read the connection string: {detail}.',
    },
    remedy: {
      de: 'Die Datei wurde nicht verändert. Den Eintrag von Hand prüfen (Schlüssel=Wert; getrennt durch Semikolon).',
      en: 'The file was not changed. Check that entry by hand (key=value pairs separated by semicolons).',
    },
  },
  E_ATLAS_NO_SUCH_DATABASE: {
    message: { de: '--database "{value}": nicht in {file}.', en: '--database "{value}": not in {file}.' },
    remedy: { de: 'Vorhanden: {allowed}.', en: 'Present: {allowed}.' },
  },
  E_ATLAS_SERVER: {
    message: { de: '--server "{value}": keine Serverangabe.', en: '--server "{value}": not a server.' },
    remedy: {
      de: 'Erlaubt: {detail}, z.B. SQL01\\XPHONE oder sql01.firma.local,1433.',
      en: 'Allowed: {detail}, e.g. SQL01\\XPHONE or sql01.corp.local,1433.',
    },
  },
  E_ATLAS_INSTANCE: {
    message: {
      de: 'Instanzname "{value}" ist ungültig: {detail}.',
      en: 'Instance name "{value}" is not valid: {detail}.',
    },
    remedy: {
      de: 'SQL Server Instanznamen: 1–16 Zeichen, beginnend mit Buchstabe, z.B. XPCONNECT2019.',
      en: 'SQL Server instance names: 1–16 characters starting with a letter, e.g. XPCONNECT2019.',
    },
  },
  E_ATLAS_DATABASE_NAME: {
    message: { de: 'Datenbankname "{value}" ist ungültig.', en: 'Database name "{value}" is not valid.' },
    remedy: {
      de: '1–128 Zeichen ohne [ ] ; \' ".',
      en: '1–128 characters without [ ] ; \' ".',
    },
  },
  E_ATLAS_BUSY: {
    message: {
      de: '{file} ist von einem anderen Programm geöffnet und konnte nach mehreren Versuchen nicht ersetzt werden ({detail}).',
      en: '{file} is held open by another program and could not be replaced after several tries ({detail}).',
    },
    remedy: {
      de: 'Die Datei unverändert; die Sicherungskopie liegt daneben. Editor schließen, den Virenscanner die Datei freigeben lassen, dann wiederholen.',
      en: 'The file is unchanged; the backup copy lies beside it. Close the editor, let the virus scanner release the file, then repeat.',
    },
  },
  E_ATLAS_READONLY: {
    message: { de: '{file} ist schreibgeschützt.', en: '{file} is read-only.' },
    remedy: {
      de: 'Die Datei wurde nicht verändert. Schreibschutz aufheben (Eigenschaften) und erneut versuchen.',
      en: 'The file was not changed. Clear the read-only attribute and try again.',
    },
  },
  E_ATLAS_DISK_FULL: {
    message: { de: 'Kein Platz für die neue {file}.', en: 'No space for the new {file}.' },
    remedy: {
      de: 'Die Datei wurde nicht verändert. Platz auf dem Laufwerk schaffen und erneut versuchen.',
      en: 'The file was not changed. Free space on the drive and try again.',
    },
  },
  E_ATLAS_WRITE: {
    message: { de: '{file} lässt sich nicht ersetzen: {detail}', en: 'Cannot replace {file}: {detail}' },
    remedy: {
      de: 'Die Datei wurde nicht verändert. Rechte auf Ordner und Datei prüfen.',
      en: 'The file was not changed. Check the rights on the folder and the file.',
    },
  },
  E_ATLAS_SERVICES_RUNNING: {
    message: {
      de: '{file} wird nicht geändert, solange XPhone Dienste laufen: {services}.',
      en: '{file} is not changed while XPhone services run: {services}.',
    },
    remedy: {
      de: 'Die Atlas-Dienste beenden (Dienste-Verwaltung) und erneut versuchen, oder --force, wenn sicher ist, dass der Server die Datei nicht schreibt.',
      en: 'Stop the Atlas services (Services console) and try again, or --force if you are sure the server does not write the file.',
    },
  },
  E_SQL_CONNECTION_STRING: {
    message: {
      de: 'Verbindungszeichenfolge ungültig: {reason}.',
      en: 'Connection string not valid: {reason}.',
    },
    remedy: {
      de: 'ADO.NET-Form verwenden, z.B. "Data Source=SQLSRV01\\XPCONNECT;Integrated Security=SSPI" oder nur den Server "SQLSRV01,1433".',
      en: 'Use the ADO.NET form, e.g. "Data Source=SQLSRV01\\XPCONNECT;Integrated Security=SSPI", or just the server "SQLSRV01,1433".',
    },
  },
  E_SQL_PROTOCOL: {
    message: {
      de: '{server}: Protokoll "{protocol}" wird nicht unterstützt.',
      en: '{server}: protocol "{protocol}" is not supported.',
    },
    remedy: {
      de: 'TCP/IP im SQL Server Configuration Manager aktivieren und den Server ohne "np:"/"lpc:" angeben.',
      en: 'Enable TCP/IP in SQL Server Configuration Manager and give the server without "np:"/"lpc:".',
    },
  },
  E_SQL_INTEGRATED_CREDENTIALS: {
    message: {
      de: '{server}: Windows-Anmeldung (Integrated Security) ist hier nur mit Anmeldedaten möglich.',
      en: '{server}: Windows login (Integrated Security) needs credentials here.',
    },
    remedy: {
      de: 'Unter Windows das Paket msnodesqlv8 installieren (npm install msnodesqlv8), oder XPMIGRATE_SQL_USER=DOMÄNE\\Benutzer und XPMIGRATE_SQL_PASSWORD setzen (NTLM).',
      en: 'On Windows install the msnodesqlv8 package (npm install msnodesqlv8), or set XPMIGRATE_SQL_USER=DOMAIN\\user and XPMIGRATE_SQL_PASSWORD (NTLM).',
    },
  },
  E_SQL_NO_LOGIN: {
    message: { de: '{server}: keine Anmeldung angegeben.', en: '{server}: no login given.' },
    remedy: {
      de: '"Integrated Security=SSPI" in die Verbindungszeichenfolge, oder XPMIGRATE_SQL_USER und XPMIGRATE_SQL_PASSWORD setzen.',
      en: 'Put "Integrated Security=SSPI" in the connection string, or set XPMIGRATE_SQL_USER and XPMIGRATE_SQL_PASSWORD.',
    },
  },
  E_SQL_UNREACHABLE: {
    message: {
      de: 'SQL Server {server} nicht erreichbar: {detail}',
      en: 'SQL Server {server} is not reachable: {detail}',
    },
    remedy: {
      de: 'Servername prüfen, TCP/IP im SQL Server Configuration Manager aktivieren, Firewall für den SQL-Port (Standard 1433) öffnen, den Dienst "SQL Server (…)" starten. Danach: xpmigrate retry.',
      en: 'Check the server name, enable TCP/IP in SQL Server Configuration Manager, open the firewall for the SQL port (default 1433), start the "SQL Server (…)" service. Then: xpmigrate retry.',
    },
  },
  E_SQL_INSTANCE: {
    message: {
      de: 'Instanz von {server} nicht gefunden: {detail}',
      en: 'Instance of {server} not found: {detail}',
    },
    remedy: {
      de: 'Instanzname prüfen; der Dienst "SQL Server-Browser" muss laufen und UDP 1434 erreichbar sein – oder den Port angeben ("Server,Port").',
      en: 'Check the instance name; the "SQL Server Browser" service must run and UDP 1434 be reachable – or give the port ("server,port").',
    },
  },
  E_SQL_TLS: {
    message: {
      de: 'TLS-Verbindung zu {server} abgelehnt: {detail}',
      en: 'TLS connection to {server} refused: {detail}',
    },
    remedy: {
      de: 'Der Server verlangt Verschlüsselung: "Encrypt=True" und, bei selbstsigniertem Zertifikat, "TrustServerCertificate=True" angeben, oder ein gültiges Zertifikat auf dem SQL Server einrichten.',
      en: 'The server requires encryption: give "Encrypt=True" and, with a self-signed certificate, "TrustServerCertificate=True", or install a valid certificate on the SQL Server.',
    },
  },
  E_SQL_LOGIN_FAILED: {
    message: {
      de: 'Anmeldung an {server} als "{login}" fehlgeschlagen (18456).',
      en: 'Login to {server} as "{login}" failed (18456).',
    },
    remedy: {
      de: 'Benutzer und Kennwort prüfen (XPMIGRATE_SQL_USER/XPMIGRATE_SQL_PASSWORD); das Konto braucht eine Anmeldung auf dem SQL Server. Das SQL Server Fehlerprotokoll nennt den Grund (State).',
      en: 'Check user and password (XPMIGRATE_SQL_USER/XPMIGRATE_SQL_PASSWORD); the account needs a login on the SQL Server. The SQL Server error log names the reason (state).',
    },
  },
  E_SQL_BACKUP_UNREADABLE: {
    message: {
      de: '{server} kann die Sicherung nicht lesen (3241): sie stammt von einer neueren SQL Server-Version, oder die Datei ist beschädigt. {detail}',
      en: '{server} cannot read the backup (3241): it comes from a newer SQL Server version, or the file is damaged. {detail}',
    },
    remedy: {
      de: 'Die Version der Quelle steht im Journal beim Sicherungsschritt (sourceVersion). Neuere Quelle: Datenbanken mit SQL-Scripts umziehen (--job db-script). Beschädigt: die Sicherung wiederholen (retry beim Sicherungsschritt).',
      en: "The source's version is in the journal at the backup step (sourceVersion). A newer source: move the databases with SQL scripts (--job db-script). Damaged: back up again (retry at the backup step).",
    },
  },
  E_SQL_DATABASE_IN_USE: {
    message: {
      de: 'Auf {server} ist die Datenbank in Benutzung: kein exklusiver Zugriff für die Wiederherstellung (3101).',
      en: 'On {server} the database is in use: no exclusive access for the restore (3101).',
    },
    remedy: {
      de: 'Die XPhone-Dienste (Atlas*) auf dem neuen Server beenden und andere Verbindungen (SSMS) schließen, dann retry. xpmigrate nimmt die Datenbank vor dem Überschreiben offline; blieb eine Verbindung, nennt das SQL Server-Fehlerprotokoll sie.',
      en: 'Stop the XPhone services (Atlas*) on the new server and close other connections (SSMS), then retry. xpmigrate takes the database offline before overwriting it; if a connection stayed, the SQL Server error log names it.',
    },
  },
  E_SQL_DATABASE_MISSING: {
    message: {
      de: '{server}: Datenbank nicht vorhanden. {detail}',
      en: '{server}: database does not exist. {detail}',
    },
    remedy: {
      de: 'Datenbanknamen prüfen (atlas.xml, --databases).',
      en: 'Check the database names (atlas.xml, --databases).',
    },
  },
  E_SQL_PERMISSION: {
    message: {
      de: '{server}: "{login}" fehlen Rechte: {detail}',
      en: '{server}: "{login}" lacks rights: {detail}',
    },
    remedy: {
      de: 'Für Restore und das Anlegen der Datenbanken braucht die Anmeldung SYSADMIN auf dem SQL Server (besonders bei einem externen SQL Server beachten). Rolle zuweisen und xpmigrate retry.',
      en: 'Restore and creating the databases need SYSADMIN on the SQL Server (mind this on an external SQL Server). Grant the role, then xpmigrate retry.',
    },
  },
  E_SQL_WINDOWS_ACCOUNT: {
    message: {
      de: '{server}: Windows-Konto unbekannt. {detail}',
      en: '{server}: Windows account not known. {detail}',
    },
    remedy: {
      de: 'Den Dienste-Account als DOMÄNE\\Benutzer angeben (--service-account), so wie er im Active Directory heißt.',
      en: 'Give the service account as DOMAIN\\user (--service-account), as Active Directory names it.',
    },
  },
  E_SQL_SHARE_ACCESS: {
    message: {
      de: 'SQL Server {server} darf nicht auf {path} zugreifen (Betriebssystemfehler 5, Zugriff verweigert).',
      en: 'SQL Server {server} may not access {path} (operating system error 5, access denied).',
    },
    remedy: {
      de: 'Der Backup schreibt der SQL Server selbst, unter seinem Dienstkonto ({account}{networkDe}), nicht unter Ihrem Konto: diesem Konto und dem Konto des SQL Agent-Dienstes Vollzugriff auf die Freigabe und den Ordner geben (gleicher UNC-Pfad von beiden Maschinen). Danach: xpmigrate retry.',
      en: 'The SQL Server writes the backup itself, as its service account ({account}{networkEn}), not as you: give that account and the SQL Agent service account full control of the share and the folder (same UNC path from both machines). Then: xpmigrate retry.',
    },
  },
  E_SQL_BACKUP_PATH: {
    message: {
      de: 'SQL Server {server} findet {path} nicht (Betriebssystemfehler {os}).',
      en: 'SQL Server {server} cannot find {path} (operating system error {os}).',
    },
    remedy: {
      de: 'Pfad aus Sicht des SQL Servers prüfen: ein lokaler Pfad meint die Platte des SQL Servers; für eine andere Maschine einen UNC-Pfad (\\\\SERVER\\Freigabe) verwenden (--backup-dir).',
      en: "Check the path as the SQL Server sees it: a local path means the SQL Server's disk; for another machine use a UNC path (\\\\SERVER\\share) (--backup-dir).",
    },
  },
  E_SQL_BACKUP_NEWER: {
    message: {
      de: 'Der Backup stammt von einer neueren SQL Server Version als {server}: {detail}',
      en: 'The backup comes from a newer SQL Server version than {server}: {detail}',
    },
    remedy: {
      de: 'Ein Backup lässt sich nicht auf einer älteren SQL Server Version wiederherstellen. Den Umzug mit SQL-Skripten nutzen: xpmigrate plan --job db-script.',
      en: 'A backup cannot be restored on an older SQL Server version. Use the move with SQL scripts: xpmigrate plan --job db-script.',
    },
  },
  E_SQL_RESTORE_EXISTS: {
    message: {
      de: '{server}: die Datenbank existiert schon. {detail}',
      en: '{server}: the database already exists. {detail}',
    },
    remedy: {
      de: 'Überschreiben nur mit ausdrücklicher Bestätigung: xpmigrate retry --evidence replace=DATENBANK[,…].',
      en: 'Overwriting needs an explicit confirmation: xpmigrate retry --evidence replace=DATABASE[,…].',
    },
  },
  E_SQL_RESTORE_REPLACE: {
    message: {
      de: 'Der Restore würde vorhandene Datenbanken auf {server} überschreiben: {databases}.',
      en: 'The restore would overwrite existing databases on {server}: {databases}.',
    },
    remedy: {
      de: 'Wenn das gewollt ist (z.B. die leeren Datenbanken der Neuinstallation), bestätigen: xpmigrate retry --evidence replace={databases}',
      en: 'If that is intended (e.g. the empty databases of the new installation), confirm: xpmigrate retry --evidence replace={databases}',
    },
  },
  E_SQL_NO_SPACE: {
    message: {
      de: 'Auf {server} ist zu wenig Platz für den Restore: nötig {needed} MB, frei {free} MB. Es wurde nichts wiederhergestellt.',
      en: '{server} has too little room for the restore: {needed} MB needed, {free} MB free. Nothing was restored.',
    },
    remedy: {
      de: 'Platz auf dem Datenlaufwerk des SQL Servers schaffen (die Größen kommen aus RESTORE FILELISTONLY, FILESTREAM eingeschlossen), dann: xpmigrate retry.',
      en: "Free space on the SQL Server's data volume (the sizes come from RESTORE FILELISTONLY, FILESTREAM included), then: xpmigrate retry.",
    },
  },
  E_SQL_EXPRESS_LIMIT: {
    message: {
      de: '{database} hat {mb} MB Daten; SQL Server Express auf {server} hält höchstens 10 GB je Datenbank. Es wurde nichts wiederhergestellt.',
      en: '{database} holds {mb} MB of data; SQL Server Express on {server} holds at most 10 GB per database. Nothing was restored.',
    },
    remedy: {
      de: 'Einen SQL Server Standard/Enterprise verwenden (Umzugsplan B oder C) oder die Datenbank vorher verkleinern.',
      en: 'Use a SQL Server Standard/Enterprise (plan B or C) or shrink the database first.',
    },
  },
  E_SQL_RESTORE_INTERRUPTED: {
    message: {
      de: 'Die Verbindung zu {server} brach während des Restores von {database} ab; der Restore ist nicht abgeschlossen.',
      en: 'The connection to {server} dropped while {database} was being restored; the restore did not complete.',
    },
    remedy: {
      de: 'Netzwerk prüfen, dann: xpmigrate retry.',
      en: 'Check the network, then: xpmigrate retry.',
    },
  },
  E_SQL_CONNECTION_LOST: {
    message: { de: 'Verbindung zu {server} verloren: {detail}', en: 'Connection to {server} lost: {detail}' },
    remedy: {
      de: 'Netzwerk und SQL Server Dienst prüfen, dann: xpmigrate retry.',
      en: 'Check the network and the SQL Server service, then: xpmigrate retry.',
    },
  },
  E_SQL_TIMEOUT: {
    message: {
      de: '{server} antwortet nicht rechtzeitig: {detail}',
      en: '{server} does not answer in time: {detail}',
    },
    remedy: {
      de: 'Last und Sperren auf dem SQL Server prüfen (Aktivitätsmonitor), dann: xpmigrate retry.',
      en: 'Check load and blocking on the SQL Server (Activity Monitor), then: xpmigrate retry.',
    },
  },
  E_SQL_ERROR: {
    message: {
      de: 'SQL Server {server} meldet Fehler {number}: {detail}',
      en: 'SQL Server {server} reports error {number}: {detail}',
    },
    remedy: { de: 'Meldung prüfen, dann: xpmigrate retry.', en: 'Read the message, then: xpmigrate retry.' },
  },
  E_SQL_PASSWORD_IN_STRING: {
    message: {
      de: '{flag}: die Verbindungszeichenfolge enthält ein Kennwort; xpmigrate speichert Verbindungen und würde es sonst ablegen.',
      en: '{flag}: the connection string holds a password; xpmigrate stores connections and would otherwise keep it.',
    },
    remedy: {
      de: 'Password=… weglassen und das Kennwort in XPMIGRATE_SQL_PASSWORD (Benutzer in XPMIGRATE_SQL_USER) übergeben.',
      en: 'Leave out Password=… and pass the password in XPMIGRATE_SQL_PASSWORD (the user in XPMIGRATE_SQL_USER).',
    },
  },
  E_SQL_CHECKS_FAILED: {
    message: {
      de: '{server}: Prüfungen nicht bestanden: {failed}.',
      en: '{server}: checks failed: {failed}.',
    },
    remedy: {
      de: 'Details: xpmigrate sql check --server "{server}". Beheben, dann: xpmigrate retry.',
      en: 'Details: xpmigrate sql check --server "{server}". Fix, then: xpmigrate retry.',
    },
  },
  E_POWERSHELL_CONSTRAINED: {
    message: {
      de: '{exe} läuft im eingeschränkten Sprachmodus ({found}, AppLocker/WDAC): xpmigrate kann damit den Server nicht lesen und steuern.',
      en: '{exe} runs in {found} mode (AppLocker/WDAC lock-down): xpmigrate cannot read or drive the server with it.',
    },
    remedy: {
      de: 'Für das Konto, das xpmigrate ausführt, eine Ausnahme der Richtlinie einrichten (oder xpmigrate signiert freigeben), oder die Schritte von Hand ausführen (--snapshots manual, --reboot operator).',
      en: 'Have the policy make an exception for the account that runs xpmigrate (or allow it signed), or do the steps by hand (--snapshots manual, --reboot operator).',
    },
  },
  E_POWERSHELL_OLD: {
    message: {
      de: '{exe} ist PowerShell {found}; xpmigrate braucht mindestens 5.1.',
      en: '{exe} is PowerShell {found}; xpmigrate needs 5.1 or later.',
    },
    remedy: {
      de: 'Windows Management Framework 5.1 installieren (ab Windows Server 2016 dabei), oder XPMIGRATE_POWERSHELL auf pwsh.exe (PowerShell 7) zeigen lassen.',
      en: 'Install Windows Management Framework 5.1 (built into Windows Server 2016 and later), or point XPMIGRATE_POWERSHELL at pwsh.exe (PowerShell 7).',
    },
  },
  E_POWERSHELL_MISSING: {
    message: { de: 'PowerShell ({exe}) nicht gefunden.', en: 'PowerShell ({exe}) not found.' },
    remedy: {
      de: 'xpmigrate auf dem Windows-Server ausführen (Windows PowerShell 5.1 ist dort vorhanden) oder XPMIGRATE_POWERSHELL auf die PowerShell setzen. Zum Proben: --simulate.',
      en: 'Run xpmigrate on the Windows server (Windows PowerShell 5.1 is there) or point XPMIGRATE_POWERSHELL at PowerShell. To rehearse: --simulate.',
    },
  },
  E_POWERSHELL_FAILED: {
    message: {
      de: 'PowerShell: "{task}" fehlgeschlagen: {detail}',
      en: 'PowerShell: "{task}" failed: {detail}',
    },
    remedy: {
      de: 'xpmigrate als Administrator ausführen; die Meldung zeigt die Ursache. Danach: xpmigrate retry.',
      en: 'Run xpmigrate as administrator; the message shows the cause. Then: xpmigrate retry.',
    },
  },
  E_POWERSHELL_VALUE: {
    message: {
      de: 'Der Wert "{value}" enthält ein NUL-Zeichen und kann nicht an PowerShell gehen.',
      en: 'The value "{value}" contains a NUL character and cannot be passed to PowerShell.',
    },
    remedy: { de: 'Den Wert ohne NUL-Zeichen angeben.', en: 'Give the value without NUL characters.' },
  },
  E_SERVICE_TIMEOUT: {
    message: {
      de: 'Dienste nicht {state} nach {seconds} s: {services}',
      en: 'Services not {state} after {seconds} s: {services}',
    },
    remedy: {
      de: 'In services.msc und der Ereignisanzeige nachsehen, warum; danach: xpmigrate retry.',
      en: 'Look in services.msc and the event log for the reason; then: xpmigrate retry.',
    },
  },
  E_SERVICE_PASSWORD: {
    message: {
      de: 'Für die Identität des Anwendungspools fehlt das Kennwort des Dienstkontos ({variable}).',
      en: 'The service account password for the application pool identity is missing ({variable}).',
    },
    remedy: {
      de: 'Das Kennwort in der Umgebungsvariablen {variable} übergeben und xpmigrate retry ausführen, oder die Identität im IIS-Manager setzen und den Schritt bestätigen: xpmigrate confirm {step} --reason "im IIS-Manager gesetzt".',
      en: 'Pass the password in the environment variable {variable} and run xpmigrate retry, or set the identity in IIS Manager and confirm the step: xpmigrate confirm {step} --reason "set in IIS Manager".',
    },
  },
  E_MEDIA_DIR: {
    message: {
      de: 'Das Installationsmedium ist nicht angegeben oder {file} fehlt.',
      en: 'The installation medium is not given or {file} is missing.',
    },
    remedy: {
      de: 'Beim Start --media-dir auf das Installationsmedium setzen (der Ordner mit Software\\Server\\3rdParty\\sql).',
      en: 'Give --media-dir at start: the installation medium (the folder holding Software\\Server\\3rdParty\\sql).',
    },
  },
  E_BATCH_FAILED: {
    message: {
      de: '{file} endete mit Code {code}: {output}',
      en: '{file} ended with code {code}: {output}',
    },
    remedy: {
      de: 'Die Ausgabe steht im Journal (xpmigrate history). Ursache beheben, dann: xpmigrate retry.',
      en: 'The output is in the journal (xpmigrate history). Fix the cause, then: xpmigrate retry.',
    },
  },
  E_HOST_MANUAL: {
    message: {
      de: '"{operation}" kann xpmigrate auf einem echten Server nicht selbst ausführen.',
      en: 'xpmigrate cannot carry out "{operation}" on a real server itself.',
    },
    remedy: {
      de: 'Den Schritt von Hand ausführen (Hilfe: xpmigrate status) und danach bestätigen: xpmigrate confirm {step} --reason "von Hand erledigt".',
      en: 'Do the step by hand (help: xpmigrate status), then confirm it: xpmigrate confirm {step} --reason "done by hand".',
    },
  },
  E_XPHONE_NOT_INSTALLED: {
    message: {
      de: 'Auf diesem Rechner ist kein XPhone Connect Server installiert ({key}).',
      en: 'No XPhone Connect Server is installed on this machine ({key}).',
    },
    remedy: {
      de: 'xpmigrate auf dem XPhone Server ausführen.',
      en: 'Run xpmigrate on the XPhone server.',
    },
  },
  E_GOVC_MISSING: {
    message: { de: 'govc ({exe}) nicht gefunden.', en: 'govc ({exe}) not found.' },
    remedy: {
      de: 'govc installieren (github.com/vmware/govmomi) und GOVC_URL, GOVC_USERNAME, GOVC_PASSWORD setzen, oder --snapshots manual verwenden.',
      en: 'Install govc (github.com/vmware/govmomi) and set GOVC_URL, GOVC_USERNAME, GOVC_PASSWORD, or use --snapshots manual.',
    },
  },
  E_SNAPSHOT_PROVIDER: {
    message: {
      de: 'Snapshot-Anbieter {provider} nicht erreichbar oder fehlgeschlagen: {detail}',
      en: 'Snapshot provider {provider} unreachable or failed: {detail}',
    },
    remedy: {
      de: 'Verbindung und Rechte zum Hyper-V-Host bzw. vCenter prüfen (WinRM, GOVC_URL); danach: xpmigrate retry. Den Snapshot notfalls von Hand anlegen und mit xpmigrate retry --evidence snapshot=NAME eintragen.',
      en: 'Check the connection and rights to the Hyper-V host or vCenter (WinRM, GOVC_URL); then: xpmigrate retry. If need be take the snapshot by hand and record it with xpmigrate retry --evidence snapshot=NAME.',
    },
  },
  E_SNAPSHOT_VM_NOT_FOUND: {
    message: {
      de: '{provider}: keine VM namens "{vm}".',
      en: '{provider}: no VM named "{vm}".',
    },
    remedy: {
      de: 'Den VM-Namen prüfen (Hyper-V: Get-VM, VMware: govc find -type m). Er steht in der Lauf-Konfiguration (--vm beim Start).',
      en: 'Check the VM name (Hyper-V: Get-VM, VMware: govc find -type m). It is part of the run settings (--vm at start).',
    },
  },
  E_SNAPSHOT_VM_REQUIRED: {
    message: {
      de: '--snapshots {provider} braucht --vm NAME.',
      en: '--snapshots {provider} needs --vm NAME.',
    },
    remedy: {
      de: 'Den Namen der XPhone-VM angeben, wie ihn Hyper-V bzw. vCenter kennt.',
      en: 'Give the XPhone VM name as Hyper-V or vCenter knows it.',
    },
  },
  E_SNAPSHOT_HYPERV_HOST_REQUIRED: {
    message: {
      de: '--snapshots hyperv braucht --hyperv-host: Get-VM und Checkpoint-VM gibt es auf dem Hyper-V-Host, nicht in der VM, in der xpmigrate läuft.',
      en: '--snapshots hyperv needs --hyperv-host: Get-VM and Checkpoint-VM exist on the Hyper-V host, not in the VM xpmigrate runs in.',
    },
    remedy: {
      de: 'Den Hyper-V-Host angeben (--hyperv-host HV01; PowerShell-Remoting muss dorthin gehen, als ein Konto mit Hyper-V-Rechten), oder --snapshots manual.',
      en: 'Name the Hyper-V host (--hyperv-host HV01; PowerShell remoting must reach it, as an account with Hyper-V rights), or --snapshots manual.',
    },
  },
  E_SNAPSHOT_VM_PATTERN: {
    message: {
      de: 'Der VM-Name {vm} enthält *, ? oder [ ]: govc liest das als Muster und würde jede passende VM ausschalten und sichern.',
      en: 'The VM name {vm} holds *, ? or [ ]: govc reads that as a pattern and would power off and snapshot every VM that matches.',
    },
    remedy: {
      de: 'Den genauen Namen der VM angeben (wie im vSphere Client) oder ihren Inventarpfad (/Rechenzentrum/vm/Ordner/Name).',
      en: 'Give the exact name of the VM (as the vSphere Client shows it) or its inventory path (/Datacenter/vm/folder/name).',
    },
  },
  E_SNAPSHOT_VM_AMBIGUOUS: {
    message: {
      de: 'Der Name {vm} passt auf {count} VMs.',
      en: 'The name {vm} matches {count} VMs.',
    },
    remedy: {
      de: 'Den Inventarpfad der einen VM angeben (/Rechenzentrum/vm/Ordner/Name); govc find -type m -name NAME zeigt die Pfade.',
      en: 'Give the inventory path of the one VM (/Datacenter/vm/folder/name); govc find -type m -name NAME shows the paths.',
    },
  },
  E_SNAPSHOT_SELF: {
    message: {
      de: 'VMware: "{vm}" ist die VM, auf der xpmigrate läuft; govc kann sie nicht ausschalten (oder zurücksetzen) und danach weitermachen.',
      en: 'VMware: "{vm}" is the VM xpmigrate runs on; govc cannot power it off (or revert it) and then go on.',
    },
    remedy: {
      de: 'Den Snapshot im vSphere Client bei ausgeschalteter VM anlegen und mit xpmigrate retry --evidence snapshot=NAME eintragen, oder --snapshots manual verwenden. Ein Zurücksetzen im vSphere Client oder von einem Verwaltungsrechner aus vornehmen; danach xpmigrate resume.',
      en: 'Take the snapshot in the vSphere Client with the VM powered off and record it with xpmigrate retry --evidence snapshot=NAME, or use --snapshots manual. Revert in the vSphere Client or from a management host; then xpmigrate resume.',
    },
  },
  E_SNAPSHOT_MANUAL: {
    message: {
      de: 'Jetzt den VM-Snapshot von Hand anlegen (VM ausgeschaltet), Vorschlag für den Namen: {name}.',
      en: 'Take the VM snapshot by hand now (VM powered off); suggested name: {name}.',
    },
    remedy: {
      de: 'VM herunterfahren, Snapshot anlegen, VM starten, dann: xpmigrate retry --evidence snapshot=NAME.',
      en: 'Shut the VM down, take the snapshot, start the VM, then: xpmigrate retry --evidence snapshot=NAME.',
    },
  },
  E_SNAPSHOT_TIMEOUT: {
    message: {
      de: '{vm}: Snapshot "{name}" ist nach {seconds} s nicht fertig (VM-Zustand: {state}).',
      en: '{vm}: snapshot "{name}" is not finished after {seconds} s (VM state: {state}).',
    },
    remedy: {
      de: 'Im Hyper-V-Manager bzw. vSphere Client nachsehen; ist der Snapshot da und die VM an: xpmigrate retry.',
      en: 'Look in Hyper-V Manager or the vSphere Client; when the snapshot exists and the VM runs: xpmigrate retry.',
    },
  },
  E_SNAPSHOT_NOT_FOUND: {
    message: {
      de: 'Kein Snapshot "{name}" in {file}.',
      en: 'No snapshot "{name}" in {file}.',
    },
    remedy: {
      de: 'Die Snapshots zeigt: xpmigrate snapshots.',
      en: 'The snapshots are listed by: xpmigrate snapshots.',
    },
  },
  E_SNAPSHOT_OTHER_RUN: {
    message: {
      de: 'Snapshot "{name}" gehört zu Lauf {owner}, nicht zu {run}.',
      en: 'Snapshot "{name}" belongs to run {owner}, not to {run}.',
    },
    remedy: {
      de: 'Den Lauf des Snapshots mit --run {owner} wählen oder einen Snapshot dieses Laufs (xpmigrate snapshots --run {run}).',
      en: "Pick the snapshot's run with --run {owner} or a snapshot of this run (xpmigrate snapshots --run {run}).",
    },
  },
  E_SNAPSHOT_REMOVED: {
    message: {
      de: 'Snapshot "{name}" wurde am {at} entfernt.',
      en: 'Snapshot "{name}" was removed on {at}.',
    },
    remedy: {
      de: 'Einen vorhandenen Snapshot wählen: xpmigrate snapshots.',
      en: 'Pick an existing snapshot: xpmigrate snapshots.',
    },
  },
  E_CONFIRM_NEEDED: {
    message: {
      de: '{action} braucht eine Bestätigung, und hier kann niemand antworten.',
      en: '{action} needs a confirmation, and nobody can answer here.',
    },
    remedy: { de: 'Mit --yes bestätigen.', en: 'Confirm with --yes.' },
  },
  E_MIRROR: {
    message: {
      de: 'Journal-Spiegel {dir} nicht beschreibbar: {detail}',
      en: 'Journal mirror {dir} cannot be written: {detail}',
    },
    remedy: {
      de: 'Einen Ordner außerhalb der VM angeben, den dieses Konto beschreiben darf (z.B. eine Freigabe).',
      en: 'Give a folder outside the VM that this account may write (e.g. a share).',
    },
  },
  E_DIAG_PATH: {
    message: { de: '{path} kann nicht gelesen werden ({detail}).', en: '{path} cannot be read ({detail}).' },
    remedy: {
      de: 'Eine Logdatei oder einen Ordner des Backup-Managers angeben, den dieses Konto lesen darf (der Pfad steht im Kopf des Backup-Managers).',
      en: "Give a Backup-Manager log file or folder this account may read (the path is shown in the Backup-Manager's header).",
    },
  },
  E_TWIN_PATH: {
    message: {
      de: 'Die Zwillingsdatei {file} lässt sich nicht lesen ({detail}).',
      en: 'Cannot read the twin file {file} ({detail}).',
    },
    remedy: {
      de: 'Den Pfad prüfen; die Datei schreibt „xpmigrate twin collect --out DATEI“ auf dem Kundenserver.',
      en: 'Check the path; "xpmigrate twin collect --out FILE" on the customer\'s server writes it.',
    },
  },
  E_TWIN_DAMAGED: {
    message: {
      de: '{file} ist keine unveränderte Zwillingsdatei von xpmigrate ({detail}).',
      en: '{file} is not an unchanged xpmigrate twin file ({detail}).',
    },
    remedy: {
      de: 'Die Datei nicht von Hand bearbeiten: auf dem Kundenserver neu erfassen (xpmigrate twin collect --out DATEI) und erneut kopieren.',
      en: "Do not edit the file by hand: collect it again on the customer's server (xpmigrate twin collect --out FILE) and copy it again.",
    },
  },
  E_TWIN_NEWER: {
    message: {
      de: 'Die Zwillingsdatei {file} stammt von einem neueren xpmigrate ({tool}, Format {schema}).',
      en: 'The twin file {file} comes from a newer xpmigrate ({tool}, format {schema}).',
    },
    remedy: {
      de: 'Hier dieselbe oder eine neuere xpmigrate-Version verwenden, oder den Zwilling mit dieser Version erfassen.',
      en: 'Use the same or a newer xpmigrate here, or collect the twin with this version.',
    },
  },
  E_TWIN_PRODUCT: {
    message: {
      de: 'Die Zwillingsdatei {file} beschreibt keine bekannte XPhone Version („{version}“).',
      en: 'The twin file {file} describes no known XPhone version ("{version}").',
    },
    remedy: {
      de: 'Den Zwilling auf dem XPhone Connect Server erfassen, der umziehen soll.',
      en: 'Collect the twin on the XPhone Connect Server that is to move.',
    },
  },
  E_TWIN_SIMULATED: {
    message: {
      de: '{file} wurde vom simulierten Server eines Probelaufs erfasst; ein echter Lauf nimmt keine Werte daraus.',
      en: "{file} was collected from a rehearsal's simulated server; a real run takes no value from it.",
    },
    remedy: {
      de: 'Den Zwilling auf dem Kundenserver erfassen (xpmigrate twin collect --out DATEI, ohne --simulate), oder mit --simulate proben.',
      en: "Collect the twin on the customer's server (xpmigrate twin collect --out FILE, without --simulate), or rehearse with --simulate.",
    },
  },
  E_TWIN_FROM: {
    message: {
      de: 'Der Zwilling meldet XPhone {twin}, --from sagt {from}.',
      en: 'The twin reports XPhone {twin}, --from says {from}.',
    },
    remedy: {
      de: '--from weglassen (der Zwilling sagt es) oder den Zwilling neu erfassen.',
      en: 'Leave out --from (the twin tells it) or collect the twin again.',
    },
  },
  E_DIAG_EMPTY: {
    message: { de: '{file} ist leer.', en: '{file} is empty.' },
    remedy: { de: 'Die Logdatei des letzten Laufs angeben.', en: 'Give the log file of the last run.' },
  },
  E_DIAG_BINARY: {
    message: { de: '{file} ist keine Textdatei.', en: '{file} is not a text file.' },
    remedy: {
      de: 'Eine Logdatei des Backup-Managers angeben (Zeilen wie "23.01.2021 22:39:49 ERR …").',
      en: 'Give a Backup-Manager log file (lines like "23.01.2021 22:39:49 ERR …").',
    },
  },
  E_DIAG_FORMAT: {
    message: {
      de: '{file} ist kein Log des Backup-Managers: keine Zeile der Form "TT.MM.JJJJ hh:mm:ss STUFE Meldung".',
      en: '{file} is not a Backup-Manager log: no line of the form "dd.MM.yyyy HH:mm:ss LEVEL message".',
    },
    remedy: {
      de: 'Die Logdateien liegen im Log-Verzeichnis, das der Backup-Manager in seinem Kopfbereich zeigt.',
      en: 'The log files are in the log folder the Backup-Manager shows in its header.',
    },
  },
  E_V4_EXPORTS_MISSING: {
    message: {
      de: 'Im Export des V4 Migrations-Managers fehlt: {missing}.',
      en: 'The V4 Migrations-Manager export lacks: {missing}.',
    },
    remedy: {
      de: 'Die fehlenden Punkte im Migrations-Manager exportieren (xpmigrate v4-exports ORDNER zeigt, was gefunden wird), dann: xpmigrate retry. Verlangt werden nur die Punkte, deren Export bestätigt wurde.',
      en: 'Export the missing items with the Migrations-Manager (xpmigrate v4-exports FOLDER shows what is found), then: xpmigrate retry. Only the items whose export was confirmed are asked for.',
    },
  },
  E_V4_ON_TARGET: {
    message: {
      de: 'Auf diesem Rechner ist XPhone UC 2011 (V4) installiert: V9 darf hier nicht daneben installiert werden, ein In-Place-Update wird nicht unterstützt.',
      en: 'XPhone UC 2011 (V4) is installed on this machine: V9 must not be installed beside it, and an in-place update is not supported.',
    },
    remedy: {
      de: 'Ist dies der alte V4 Server, den Lauf auf dem neuen Rechner fortsetzen: Zustandsspeicher dorthin kopieren und dort „xpmigrate retry --state …“ ausführen.',
      en: 'If this is the old V4 server, continue the run on the new machine: copy the state store there and run "xpmigrate retry --state …" there.',
    },
  },
  E_V4_USERS_CSV: {
    message: {
      de: 'Benutzer-CSV {file}: {count} Probleme (Zeilen {lines}).',
      en: 'Users CSV {file}: {count} problems (lines {lines}).',
    },
    remedy: {
      de: 'Details: xpmigrate users-csv {file}. Die Datei berichtigen, dann: xpmigrate retry.',
      en: 'Details: xpmigrate users-csv {file}. Correct the file, then: xpmigrate retry.',
    },
  },
  E_UI_TOKEN: {
    message: {
      de: 'Zugriff verweigert: das Token dieser Sitzung fehlt oder ist falsch.',
      en: "Access denied: this session's token is missing or wrong.",
    },
    remedy: {
      de: 'Die Adresse mit Token öffnen, die xpmigrate ui ausgegeben hat.',
      en: 'Open the address with the token that xpmigrate ui printed.',
    },
  },
  E_UI_ORIGIN: {
    message: {
      de: 'Abgelehnt: die Anfrage kommt nicht von der Seite dieser Sitzung (Origin {origin}).',
      en: "Refused: the request does not come from this session's page (Origin {origin}).",
    },
    remedy: {
      de: 'Aktionen nur auf der Seite von xpmigrate ui auslösen, oder mit der Kommandozeile (xpmigrate confirm …).',
      en: 'Act only from the page of xpmigrate ui, or on the command line (xpmigrate confirm …).',
    },
  },
  E_UI_REQUEST: {
    message: { de: 'Ungültige Anfrage: {detail}', en: 'Invalid request: {detail}' },
    remedy: {
      de: 'Die Seite neu laden; gleiches tut die Kommandozeile: xpmigrate --help',
      en: 'Reload the page; the command line does the same: xpmigrate --help',
    },
  },
  E_UI_LISTEN: {
    message: {
      de: 'Der Visualizer kann nicht auf {host}:{port} lauschen: {detail}',
      en: 'The visualizer cannot listen on {host}:{port}: {detail}',
    },
    remedy: {
      de: 'Einen freien Port mit --port wählen (0 = beliebig).',
      en: 'Choose a free port with --port (0 = any).',
    },
  },
  E_UI_PAGE_MISSING: {
    message: {
      de: 'Die Seite des Visualizers fehlt: {file}.',
      en: 'The visualizer page is missing: {file}.',
    },
    remedy: { de: 'Neu bauen: npm run build', en: 'Build again: npm run build' },
  },
  E_UI_BUSY: {
    message: {
      de: 'Die Seite führt den Lauf gerade weiter; ein Rollback ist erst danach möglich.',
      en: 'The page is driving the run right now; a rollback has to wait until it stops.',
    },
    remedy: {
      de: 'Warten, bis der Lauf wartet oder fehlschlägt, dann erneut versuchen.',
      en: 'Wait until the run waits or fails, then try again.',
    },
  },
  E_SCRIPT_READ: {
    message: { de: 'Script {file} nicht lesbar: {reason}', en: 'Cannot read the script {file}: {reason}' },
    remedy: {
      de: 'Pfad prüfen (eine Datei, kein Ordner). Gelesen werden UTF-8, UTF-16 („Unicode“ in SSMS) und Windows-1252 („ANSI“), sonst --encoding angeben.',
      en: 'Check the path (a file, not a folder). UTF-8, UTF-16 ("Unicode" in SSMS) and Windows-1252 ("ANSI") are read; otherwise give --encoding.',
    },
  },
  E_SCRIPT_SYNTAX: {
    message: {
      de: '{file}:{line}: ungültige SQLCMD-Zeile: {detail}',
      en: '{file}:{line}: invalid SQLCMD line: {detail}',
    },
    remedy: {
      de: 'Erlaubt: GO [Anzahl], :setvar NAME "Wert", :r Datei, :on error exit|ignore. Zeile korrigieren, dann den Befehl wiederholen: der Import setzt beim nächsten Batch fort.',
      en: 'Allowed: GO [count], :setvar NAME "value", :r file, :on error exit|ignore. Fix the line, then repeat the command: the import continues at the next batch.',
    },
  },
  E_SCRIPT_INCLUDE: {
    message: {
      de: '{file}:{line}: :r {detail} nicht gefunden.',
      en: '{file}:{line}: :r {detail} not found.',
    },
    remedy: {
      de: 'Wie bei sqlcmd gilt ein relativer Pfad ab dem Ordner, in dem der Befehl gestartet wurde (hier {dir}), oder ab --include-dir. Datei bereitstellen oder Pfad korrigieren, dann den Befehl wiederholen.',
      en: 'As with sqlcmd, a relative path is read from the folder the command was started in (here {dir}), or from --include-dir. Provide the file or fix the path, then repeat the command.',
    },
  },
  E_SCRIPT_INCLUDE_DIR: {
    message: {
      de: '{file}:{line}: :r {detail} liegt nicht in {dir}, wo sqlcmd es liest, sondern neben dem Script in {beside}.',
      en: '{file}:{line}: :r {detail} is not in {dir}, where sqlcmd reads it, but beside the script in {beside}.',
    },
    remedy: {
      de: 'sqlcmd liest :r-Dateien ab dem Ordner, in dem es gestartet wurde. Den Befehl in {beside} starten oder --include-dir "{beside}" angeben.',
      en: 'sqlcmd reads :r files from the folder it was started in. Start the command in {beside} or give --include-dir "{beside}".',
    },
  },
  E_OUT_FOLDER_MISSING: {
    message: {
      de: 'Der Ordner {folder} für {file} existiert nicht.',
      en: 'The folder {folder} for {file} does not exist.',
    },
    remedy: {
      de: 'Einen vorhandenen Ordner angeben oder ihn zuerst anlegen: xpmigrate legt keine Ordner aus einem Tippfehler an.',
      en: 'Name an existing folder or create it first: xpmigrate creates no folders from a typo.',
    },
  },
  E_OUT_IS_FOLDER: {
    message: { de: '{file} ist ein Ordner, keine Datei.', en: '{file} is a folder, not a file.' },
    remedy: {
      de: 'Einen Dateinamen im Ordner angeben, z.B. {file}/ergebnis.',
      en: 'Name a file inside the folder, e.g. {file}/result.',
    },
  },
  E_OUT_IS_DATABASE: {
    message: {
      de: '{file} ist eine SQLite-Datenbank oder gehört zu einer ({database}) – etwa der Zustandsspeicher eines Laufs; xpmigrate schreibt nicht darüber.',
      en: '{file} is a SQLite database or belongs to one ({database}) – a run’s state store, say; xpmigrate does not write over it.',
    },
    remedy: {
      de: 'Für die Ausgabe einen anderen Dateinamen angeben.',
      en: 'Name another file for the output.',
    },
  },
  E_OUT_WRITE: {
    message: { de: '{file} nicht geschrieben: {reason}', en: '{file} not written: {reason}' },
    remedy: {
      de: 'Nichts wurde halb geschrieben. Schreibrechte und freien Platz prüfen, dann wiederholen.',
      en: 'Nothing was half written. Check write permission and free space, then repeat.',
    },
  },
  E_SCRIPT_INCLUDE_FOLDER: {
    message: {
      de: '{file}:{line}: :r {detail} ist ein Ordner, keine Datei.',
      en: '{file}:{line}: :r {detail} is a folder, not a file.',
    },
    remedy: {
      de: 'Wie sqlcmd bindet :r nur eine Datei ein: die Scriptdatei im Ordner nennen, dann den Befehl wiederholen.',
      en: 'Like sqlcmd, :r includes one file: name the script file inside the folder, then repeat the command.',
    },
  },
  E_SCRIPT_ENCODING: {
    message: {
      de: '{file}:{line}: Bytes, die in {encoding} keine Zeichen sind.',
      en: '{file}:{line}: bytes that are no characters in {encoding}.',
    },
    remedy: {
      de: 'Nichts wurde gesendet. SSMS speichert „ANSI“ als Windows-1252: --encoding windows-1252 angeben, oder das Script als UTF-8 bzw. „Unicode“ (UTF-16 LE) speichern.',
      en: 'Nothing was sent. SSMS saves "ANSI" as Windows-1252: give --encoding windows-1252, or save the script as UTF-8 or "Unicode" (UTF-16 LE).',
    },
  },
  E_SCRIPT_ENCODING_BOM: {
    message: {
      de: '{file} beginnt mit der Markierung (BOM) für {bom}, --encoding sagt {asked}.',
      en: '{file} starts with the byte order mark of {bom}, but --encoding says {asked}.',
    },
    remedy: {
      de: '--encoding weglassen (die Markierung gilt) oder die Datei in {asked} speichern.',
      en: 'Leave out --encoding (the mark decides) or save the file as {asked}.',
    },
  },
  E_SCRIPT_LINE_TOO_LONG: {
    message: {
      de: '{file}:{line}: die Zeile ist länger als {max} Zeichen.',
      en: '{file}:{line}: the line is longer than {max} characters.',
    },
    remedy: {
      de: 'xpmigrate liest Zeilen bis {max} Zeichen (README, „Database move with SQL scripts“); SSMS und export-db schreiben eine Zeile je Zeile der Tabelle. Das Script mit Zeilenumbrüchen erzeugen.',
      en: 'xpmigrate reads lines up to {max} characters (README, "Database move with SQL scripts"); SSMS and export-db write one line per table row. Generate the script with line breaks.',
    },
  },
  E_SCRIPT_BATCH_TOO_LARGE: {
    message: {
      de: '{file}:{line}: der Batch, der hier beginnt, ist länger als {detail} Zeichen.',
      en: '{file}:{line}: the batch that starts here is longer than {detail} characters.',
    },
    remedy: {
      de: 'SQL Server nimmt Batches bis 65.536 × Paketgröße (256 MB bei 4 KB) an. GO-Zeilen einfügen, dann den Befehl wiederholen.',
      en: 'SQL Server accepts batches up to 65,536 × the packet size (256 MB at 4 KB). Add GO lines, then repeat the command.',
    },
  },
  E_SCRIPT_VARIABLE: {
    message: {
      de: '{file}:{line}: Script-Variable $({detail}) ist nicht definiert.',
      en: '{file}:{line}: script variable $({detail}) is not defined.',
    },
    remedy: {
      de: 'Mit --var {detail}=WERT angeben oder im Script vorher :setvar {detail} "WERT" setzen.',
      en: 'Give --var {detail}=VALUE, or set :setvar {detail} "VALUE" earlier in the script.',
    },
  },
  E_SCRIPT_COMMAND: {
    message: {
      de: '{file}:{line}: SQLCMD-Befehl {detail} wird nicht ausgeführt.',
      en: '{file}:{line}: SQLCMD command {detail} is not run.',
    },
    remedy: {
      de: 'xpmigrate führt GO, :setvar, :r, :on error und :quit aus; Befehle, die Verbindungen, Ausgabedateien oder Betriebssystem-Befehle ändern (:connect, :out, !!), nicht. Zeile entfernen oder den Schritt von Hand ausführen.',
      en: 'xpmigrate runs GO, :setvar, :r, :on error and :quit; commands that change connections, output files or run OS commands (:connect, :out, !!) are not run. Remove the line or do that part by hand.',
    },
  },
  E_SCRIPT_UNTERMINATED: {
    message: {
      de: '{file}:{line}: hier beginnt {detail}, das nie geschlossen wird (Zeichenkette, Bezeichner oder Kommentar).',
      en: '{file}:{line}: {detail} opened here is never closed (string, identifier or comment).',
    },
    remedy: {
      de: "Das schließende Zeichen ergänzen (' in Texten verdoppeln: ''), dann den Befehl wiederholen.",
      en: "Add the closing character (double a ' inside text: ''), then repeat the command.",
    },
  },
  E_IMPORT_VAR: {
    message: { de: '--var "{value}": erwartet NAME=WERT.', en: '--var "{value}": expected NAME=VALUE.' },
    remedy: { de: 'z.B. --var DataPath=D:\\SQLData\\', en: 'e.g. --var DataPath=D:\\SQLData\\' },
  },
  E_IMPORT_BATCH_FAILED: {
    message: {
      de: '{file}:{line}: Batch {batch} abgelehnt von {server}: Fehler {number}: {detail}',
      en: '{file}:{line}: batch {batch} refused by {server}: error {number}: {detail}',
    },
    remedy: {
      de: 'Der Batch wurde vollständig zurückgerollt, alle vorherigen sind übernommen. Ursache beheben (Script oder Server), dann denselben import-db Befehl wiederholen: er setzt bei Batch {batch} fort.',
      en: 'The batch was rolled back completely; all batches before it are kept. Fix the cause (script or server), then repeat the same import-db command: it continues at batch {batch}.',
    },
  },
  E_IMPORT_SCRIPT_CHANGED: {
    message: {
      de: 'Das Script {file} hat sich in den bereits importierten {done} Batches geändert.',
      en: 'The script {file} changed within the {done} batches already imported.',
    },
    remedy: {
      de: 'Nur Batches ab dem fehlgeschlagenen dürfen sich ändern. Ursprüngliches Script wiederherstellen, oder mit --restart von vorn beginnen (vorher die Ziel-Datenbank löschen).',
      en: 'Only the failed batch and those after it may change. Restore the original script, or start over with --restart (drop the target database first).',
    },
  },
  E_IMPORT_UNCERTAIN: {
    message: {
      de: '{file}:{line}: ob Batch {batch} (außerhalb einer Transaktion, z.B. CREATE DATABASE) vor dem Abbruch ausgeführt wurde, ist nicht bekannt.',
      en: '{file}:{line}: whether batch {batch} (outside a transaction, e.g. CREATE DATABASE) ran before the interruption is not known.',
    },
    remedy: {
      de: 'Auf dem Server prüfen, dann denselben Befehl mit --resolve rerun (erneut senden) oder --resolve skip (gilt als erledigt) wiederholen.',
      en: 'Check on the server, then repeat the same command with --resolve rerun (send it again) or --resolve skip (count it as done).',
    },
  },
  E_EXPORT_TARGET: {
    message: {
      de: '{database} kann auf SQL Server {target} nicht vollständig abgebildet werden: {findings}',
      en: '{database} cannot be fully held by SQL Server {target}: {findings}',
    },
    remedy: {
      de: 'Für eine neuere Ziel-Version exportieren (--target-version), oder die genannten Objekte in der Quelle anpassen. Nichts wurde geschrieben.',
      en: 'Export for a newer target version (--target-version), or change the named objects in the source. Nothing was written.',
    },
  },
  E_EXPORT_WRITE: {
    message: {
      de: 'Script {file} nicht schreibbar: {reason}',
      en: 'Cannot write the script {file}: {reason}',
    },
    remedy: {
      de: 'Ordner und freien Platz prüfen. Eine vorhandene Datei bleibt unverändert, bis das Script vollständig ist.',
      en: 'Check the folder and the free space. An existing file stays unchanged until the script is complete.',
    },
  },
  E_EXPORT_TARGET_OLD: {
    message: {
      de: 'Der Ziel-Server {server} hat SQL Server Version {version}; Scripts schreibt xpmigrate für SQL Server 2014 und neuer.',
      en: 'The target server {server} runs SQL Server {version}; xpmigrate writes scripts for SQL Server 2014 and later.',
    },
    remedy: {
      de: 'Einen Ziel-Server ab SQL Server 2014 wählen (--sql-server), oder die Datenbank mit dem Werkzeug des Herstellers verschieben.',
      en: "Choose a target server with SQL Server 2014 or later (--sql-server), or move the database with the vendor's tools.",
    },
  },
  E_IMPORT_NO_SCRIPT: {
    message: {
      de: 'Kein Script zum Importieren in {dir}: erwartet {files}.',
      en: 'No script to import in {dir}: expected {files}.',
    },
    remedy: {
      de: 'Den Export wiederholen (xpmigrate retry nach einem Fehler) oder die Scripts in den Ordner legen, dann xpmigrate retry.',
      en: 'Repeat the export (xpmigrate retry after a failure) or put the scripts into the folder, then xpmigrate retry.',
    },
  },
  E_IMPORT_MISMATCH: {
    message: {
      de: '{database} auf {server} weicht von der Quelle ab: {differences}',
      en: '{database} on {server} differs from the source: {differences}',
    },
    remedy: {
      de: 'Die Quelle darf sich seit dem Export nicht ändern (XPhone-Dienste beenden). Export und Import wiederholen, oder die Abweichung prüfen und den Schritt mit xpmigrate skip --force --reason überspringen.',
      en: 'The source must not change after the export (stop the XPhone services). Repeat export and import, or examine the difference and skip the step with xpmigrate skip --force --reason.',
    },
  },
  E_INTERNAL: {
    message: { de: 'Interner Fehler: {detail}', en: 'Internal error: {detail}' },
    remedy: {
      de: 'Mit --debug erneut ausführen und die Ausgabe an den Support geben.',
      en: 'Run again with --debug and pass the output to support.',
    },
  },
} as const satisfies Record<string, ErrorText>;

export type ErrorCode = keyof typeof ERRORS;
