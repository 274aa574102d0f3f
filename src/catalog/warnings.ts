import type { Text } from '../i18n/index.js';

/** Warnings from the guide and from public product facts; `{name}` placeholders are filled by the plan. */
export const WARNINGS = {
  V4_JOURNAL_LOST: {
    de: 'V4 → V9: Journal-Daten gehen komplett verloren; Konfigurationsdaten können nicht 1:1 übernommen werden (nur die Exporte a–e des Migrations-Managers).',
    en: 'V4 → V9: journal data is lost completely; configuration cannot be taken over 1:1 (only the Migrations-Manager exports a–e).',
  },
  V4_NO_IN_PLACE: {
    de: 'V4 → V9: kein In-Place-Update und keine parallele Installation von V4 und V9 auf demselben Rechner; V9 kommt auf einen neuen Rechner.',
    en: 'V4 → V9: no in-place update and no V4 and V9 side by side on one machine; V9 goes on a new machine.',
  },
  V4_VERSION_UNCLEAR: {
    de: 'Die genaue V4 Version ist nicht bekannt ("{from}"): vor dem Export muss {latest} installiert sein.',
    en: 'The exact V4 version is not known ("{from}"): {latest} must be installed before the export.',
  },
  V4_VERSION_UNKNOWN: {
    de: '{from} ist keine bekannte V4 Version; die letzte V4 Version ist {latest}. Die installierte Version prüfen (Punkt 1 bleibt Pflicht).',
    en: '{from} is not a known V4 release; the last V4 release is {latest}. Check the installed version (point 1 stays required).',
  },
  V4_PLAN_IGNORED: {
    de: 'Die Umzugspläne A–D gelten für V8/V9 Quellen; bei V4 wird V9 neu installiert und die Exporte werden importiert (--target {plan} wird nicht verwendet).',
    en: 'Plans A–D apply to V8/V9 sources; from V4, V9 is installed anew and the exports are imported (--target {plan} is not used).',
  },
  HOPS_DOWNTIME: {
    de: 'Während der Updates V{from} → V8 steht der XPhone Server nicht zur Verfügung (z.B. ein Wochenende). Für wenig Unterbrechung: --little-downtime (paralleler Zwischen-Server).',
    en: 'During the updates V{from} → V8 the XPhone Server is unavailable (e.g. a weekend). For little downtime: --little-downtime (a parallel intermediate server).',
  },
  LITTLE_DOWNTIME_SNAPSHOT: {
    de: 'Hinweis von xpmigrate: auch mit --little-downtime fährt der erste VM-Snapshot den laufenden Server kurz herunter (der Hersteller erlaubt Snapshots nur bei ausgeschalteter VM); ihn in eine ruhige Zeit legen. Die Updates laufen auf dem Zwischen-Server; bis zum Umschalt-Termin läuft der bisherige Server weiter, nur der Umzug auf V9 zählt als Ausfallzeit.',
    en: "xpmigrate's note: with --little-downtime too, the first VM snapshot shuts the running server down briefly (the vendor allows snapshots only with the VM off); put it at a quiet time. The updates run on the intermediate server; the existing server runs on until the cut-over, only the move to V9 counts as downtime.",
  },
  EXPRESS_TOO_MANY_USERS: {
    de: '{users} Benutzer mit SQL Express (Plan A): ab {limit} Benutzern wird SQL Standard/Enterprise dringend empfohlen (Plan B).',
    en: '{users} users on SQL Express (plan A): from {limit} users SQL Server Standard/Enterprise is strongly recommended (plan B).',
  },
  EXPRESS_TEAMDESK_ADVICE: {
    de: 'Rat von xpmigrate, nicht aus dem Leitfaden: mit TeamDesk und Direktrufen empfiehlt die C4B Hilfe SQL Standard/Enterprise schon ab {limit} Benutzern ({users} angegeben); Plan B erwägen.',
    en: "xpmigrate's advice, not the guide's: with TeamDesk and direct calls C4B's help recommends SQL Server Standard/Enterprise from {limit} users ({users} given); consider plan B.",
  },
  PLAN_IGNORED_JOB: {
    de: '--target {plan} wird bei --job {job} nicht verwendet: die Umzugspläne A–D gehören zum Umzug V8/V9 → V9.',
    en: '--target {plan} is not used with --job {job}: the plans A–D belong to the move V8/V9 → V9.',
  },
  PLAN_D_NO_V9: {
    de: 'Plan D installiert keine V9: der XPhone Server bleibt, wo er ist, und behält seine Version ({from}); nur die Datenbanken ziehen auf den vorhandenen SQL Server um. Ein V8 Server kommt danach mit dem V9 Setup auf V9 (Hinweis von xpmigrate; der Leitfaden beschreibt das nicht).',
    en: "Plan D installs no V9: the XPhone Server stays where it is and keeps its version ({from}); only the databases move to the existing SQL Server. A V8 server then reaches V9 with the V9 setup (xpmigrate's note; the guide does not describe it).",
  },
  EXPRESS_LIMITS: {
    de: 'SQL Express Grenzen: höchstens 10 GB je Datenbank, 4 Kerne, 1 GB Cache. Datenbankgrößen vor dem Umzug prüfen.',
    en: 'SQL Express limits: at most 10 GB per database, 4 cores, 1 GB cache. Check the database sizes before the move.',
  },
  EXTERNAL_SQL_TOO_OLD: {
    de: 'Externer SQL Server {version}: nicht unterstützt, mindestens SQL Server 2014 ist nötig (empfohlen: 2019).',
    en: 'External SQL Server {version}: not supported, at least SQL Server 2014 is needed (recommended: 2019).',
  },
  EXTERNAL_SQL_RIGHTS: {
    de: 'Externer SQL Server: der Restore braucht SYSADMIN Rechte; der XPhone Dienste-Account braucht db_owner auf jeder XPhone Datenbank.',
    en: 'External SQL Server: the restore needs SYSADMIN; the XPhone service account needs db_owner on every XPhone database.',
  },
  VM_SNAPSHOT_OFF: {
    de: 'VM: Snapshots des XPhone Servers sind nur bei ausgeschalteter VM erlaubt; eine statische MAC-Adresse verwenden (die Lizenz hängt davon ab).',
    en: 'VM: snapshots of the XPhone server are allowed only while the VM is powered off; use a static MAC address (the licence depends on it).',
  },
  PHYSICAL_NO_SNAPSHOT: {
    de: 'Physischer Rechner: keine Snapshots möglich; die Sicherung mit dem Backup-Manager ist der einzige Weg zurück.',
    en: 'Physical machine: no snapshots; the Backup-Manager backup is the only way back.',
  },
  SQLX_NOT_LATEST: {
    de: 'SQL Express Update: zuerst XPhone Connect auf die aktuellste Version bringen (gefunden: {from}).',
    en: 'SQL Express upgrade: first bring XPhone Connect to the newest version (found: {from}).',
  },
  DB_SCRIPT_LOWER_VERSION: {
    de: 'Ein Backup lässt sich nicht auf einem älteren SQL Server wiederherstellen; dafür ist der Umzug mit SQL Scripts da.',
    en: 'A backup cannot be restored on an older SQL Server; that is what the move with SQL scripts is for.',
  },
} as const satisfies Record<string, Text>;
export type WarningCode = keyof typeof WARNINGS;

/** The guide's plan B is for more than this many users; 250 with TeamDesk is C4B help's advice, not the guide's. */
export const EXPRESS_USER_LIMIT = 500;
export const EXPRESS_USER_LIMIT_TEAMDESK = 250;
/** The oldest external SQL Server the guide accepts. */
export const MIN_EXTERNAL_SQL_VERSION = 2014;
