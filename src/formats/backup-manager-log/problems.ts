import type { Text } from '../../i18n/index.js';
import type { LogEntry } from './entries.js';

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A known problem: what shows it in a log entry, its cause and its remedy. */
export interface KnownProblem {
  code: string;
  severity: Severity;
  matches(entry: LogEntry): boolean;
  cause: Text;
  remedy: Text;
}

/** `Cannot open backup device '…'. Operating system error N(…)`, in English or German. */
const DEVICE = /Cannot open backup device|Sicherungsmedium .* kann nicht geöffnet werden/i;
const osError = (entry: LogEntry) =>
  /(?:Operating system error|Betriebssystemfehler)\s*(\d+)/i.exec(entry.text)?.[1];

/**
 * The Backup-Manager's problems the guide and the vendor's help describe, most specific first.
 * One entry can match several (a login failure inside a version mismatch is not likely; an OS
 * error 5 is never also "another device cause").
 */
export const KNOWN_PROBLEMS: readonly KnownProblem[] = [
  {
    code: 'BM_SHARE_ACCESS_DENIED',
    severity: 'error',
    matches: (e) => DEVICE.test(e.text) && osError(e) === '5',
    cause: {
      de: 'Der SQL Server kann die Sicherung nicht auf der Freigabe anlegen (Betriebssystemfehler 5, Zugriff verweigert): das Konto, unter dem der SQL Server läuft (z.B. MSSQL$2016), und das Konto des SQL Backup Agent haben keine ausreichenden Rechte auf dem Backup-Verzeichnis.',
      en: 'SQL Server cannot create the backup on the share (operating system error 5, access denied): the account SQL Server runs as (e.g. MSSQL$2016) and the SQL backup agent account lack rights on the backup folder.',
    },
    remedy: {
      de: 'Diesen Konten Vollzugriff auf Freigabe und Verzeichnis geben; das Verzeichnis muss für Backup-Manager und SQL Server unter demselben UNC-Pfad erreichbar sein. Den Backup-Manager unter dem XPhone-Dienstkonto starten und "Test" drücken. Prüfen: xpmigrate sql check --backup-dir \\\\SERVER\\Freigabe.',
      en: 'Give these accounts full control of the share and the folder; Backup-Manager and SQL Server must reach it under the same UNC path. Start the Backup-Manager as the XPhone service account and press "Test". Check: xpmigrate sql check --backup-dir \\\\SERVER\\Share.',
    },
  },
  {
    code: 'BM_BACKUP_DEVICE',
    severity: 'error',
    matches: (e) => DEVICE.test(e.text) && osError(e) !== '5',
    cause: {
      de: 'Der SQL Server kann das Sicherungsmedium nicht öffnen: Pfad nicht gefunden (Fehler 3), Netzwerkpfad nicht erreichbar (53), Datei in Verwendung (32) oder Platte voll (112) – der Betriebssystemfehler in der Zeile sagt welcher.',
      en: 'SQL Server cannot open the backup device: path not found (error 3), network path unreachable (53), file in use (32) or disk full (112) – the operating system error in the line says which.',
    },
    remedy: {
      de: 'Den UNC-Pfad vom SQL-Server-Rechner aus prüfen (gleicher Pfad wie im Backup-Manager), Freigabe und Verzeichnis anlegen, freien Platz schaffen; dann die Sicherung wiederholen.',
      en: 'Check the UNC path from the SQL Server machine (the same path as in the Backup-Manager), create the share and folder, free disk space; then repeat the backup.',
    },
  },
  {
    code: 'BM_LOGIN_FAILED',
    severity: 'error',
    matches: (e) =>
      /Login failed for user|Fehler bei der Anmeldung für den Benutzer|Anmeldung .* fehlgeschlagen/i.test(
        e.text,
      ),
    cause: {
      de: 'Der SQL Server lehnt die Anmeldung ab (Fehler 18456): das Konto ist dort kein Login, ihm fehlt die Berechtigung oder das Kennwort stimmt nicht.',
      en: 'SQL Server refuses the login (error 18456): the account is not a login there, lacks permission, or the password is wrong.',
    },
    remedy: {
      de: 'Den Backup-Manager unter dem XPhone-Dienstkonto starten; dieses Konto braucht auf dem SQL Server ein Login mit SYSADMIN (Wiederherstellen) bzw. db_owner. Prüfen: xpmigrate sql check.',
      en: 'Start the Backup-Manager as the XPhone service account; that account needs a login with SYSADMIN (restore) or db_owner on the SQL Server. Check: xpmigrate sql check.',
    },
  },
  {
    code: 'BM_VERSION_MISMATCH',
    severity: 'error',
    matches: (e) =>
      /backed up on a server running version|incompatible with this server|mit der Version .* gesichert|nicht kompatibel mit diesem Server/i.test(
        e.text,
      ),
    cause: {
      de: 'Die Sicherung stammt von einer neueren SQL-Server-Version als das Ziel (Fehler 3169); eine Sicherung lässt sich nicht auf einer älteren Version wiederherstellen.',
      en: 'The backup comes from a newer SQL Server version than the target (error 3169); a backup cannot be restored on an older version.',
    },
    remedy: {
      de: 'Auf einen SQL Server gleicher oder neuerer Version wiederherstellen, oder die Datenbank per SQL-Skript umziehen (Skript für die ältere Serverversion erzeugen, mit SQLCMD einspielen).',
      en: 'Restore on a SQL Server of the same or a newer version, or move the database with SQL scripts (script for the older server version, import with SQLCMD).',
    },
  },
  {
    // SQL Server's error 1827 ("licensed limit of 10240 MB per database"): Express holds 10 GB
    // of data per database ("Editions and supported features of SQL Server 2019").
    code: 'BM_EXPRESS_LIMIT',
    severity: 'error',
    matches: (e) => /licensed limit of \d+ MB|lizenziertes Limit von \d+ MB/i.test(e.text),
    cause: {
      de: 'Die Datenbank ist größer als SQL Express zulässt (10 GB Daten je Datenbank): der Restore auf die SQL Express Instanz bricht ab.',
      en: 'The database is larger than SQL Express allows (10 GB of data per database): the restore onto the SQL Express instance stops.',
    },
    remedy: {
      de: 'Auf einen SQL Server Standard wiederherstellen (Umzugsplan B, oder C/D mit externem SQL Server), oder die Datenbank vorher verkleinern (Journal bereinigen).',
      en: 'Restore onto SQL Server Standard (plan B, or C/D with an external SQL Server), or shrink the database first (clean up the journal).',
    },
  },
  {
    code: 'BM_PARTIAL_TABLES',
    severity: 'warning',
    matches: (e) =>
      /There is already an object named|Es ist bereits ein Objekt mit dem Namen|Invalid object name|Ungültiger Objektname/i.test(
        e.text,
      ),
    cause: {
      de: 'Beim ersten Start mit externem SQL Server wurden nicht alle Tabellen angelegt (Schritt 9); der XPhone Server startet dann nicht.',
      en: 'At the first start with an external SQL Server not all tables were created (step 9); the XPhone server then does not start.',
    },
    remedy: {
      de: 'Die teilweise angelegten Tabellen im SQL Management Studio löschen und den XPhone Server-Dienst erneut starten; nach 1–2 Versuchen sind die Tabellen vorhanden.',
      en: 'Delete the partially created tables in SQL Management Studio and start the XPhone Server service again; after 1–2 attempts the tables exist.',
    },
  },
  {
    code: 'BM_SERVICE_ACCOUNT_LOOP',
    severity: 'warning',
    matches: (e) =>
      /network-related or instance-specific error|netzwerkbezogener oder instanzspezifischer Fehler|server was not found or was not accessible|Server wurde nicht gefunden/i.test(
        e.text,
      ),
    cause: {
      de: 'Die SQL-Instanz aus atlas.xml ist über das Netzwerk nicht erreichbar. Wird in diesem Zustand das Dienstkonto im Server Manager geändert, entsteht eine Endlosschleife (Schritt 7).',
      en: 'The SQL instance named in atlas.xml cannot be reached over the network. Changing the service account in Server Manager in this state leads to an endless loop (step 7).',
    },
    remedy: {
      de: 'Zuerst die Instanz erreichbar machen (TCP/IP aktiviert, SQL Browser läuft, Firewall offen; xpmigrate atlas show zeigt den Namen), erst dann das Dienstkonto ändern.',
      en: 'First make the instance reachable (TCP/IP enabled, SQL Browser running, firewall open; xpmigrate atlas show names it), only then change the service account.',
    },
  },
  {
    code: 'BM_LOGIN_PROBING',
    severity: 'info',
    matches: (e) => /Benutzer '[^']*'.* nicht verfügbar|User '[^']*'.* not available/i.test(e.text),
    cause: {
      de: 'Der Backup-Manager probiert nacheinander Anmeldungen aus (z.B. "Atlas", "sa" mit Erstinstallationspasswort); diese Zeilen sind nicht der Fehler, sie gehen ihm nur voraus.',
      en: 'The Backup-Manager tries logins in turn (e.g. "Atlas", "sa" with the first-installation password); these lines are not the error, they only precede it.',
    },
    remedy: {
      de: 'Nichts zu tun; die eigentliche Ursache steht in den folgenden ERR-Zeilen.',
      en: 'Nothing to do; the real cause is in the ERR lines that follow.',
    },
  },
];
