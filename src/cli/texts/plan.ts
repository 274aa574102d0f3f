import type { Text } from '../../i18n/index.js';

/** `plan` and the plan flags every command that builds a plan takes. */
export const PLAN = {
  cmdPlan: {
    de: 'Umzugsplan ermitteln: welche Phasen und Schritte für diesen Server nötig sind',
    en: 'work out the plan: which phases and steps this server needs',
  },
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
  headFrom: { de: 'Installiert', en: 'Installed' },
  optRestoreWith: {
    de: 'Zeile 12: backup-manager (der Leitfaden, Standard) oder xpmigrate (Restore der eigenen Sicherheitskopie, nur Datenbanken)',
    en: "row 12: backup-manager (the guide's, default) or xpmigrate (restore of its own safety copy, databases only)",
  },
  planChoiceLink: {
    de: 'Hinweise des Leitfadens zur Nutzung eines vorhandenen SQL Servers: {url}',
    en: "The guide's notes on using an existing SQL Server: {url}",
  },
  guideLink: { de: 'Hinweise: {url}', en: 'Notes: {url}' },
  headTo: { de: 'Ziel', en: 'Target' },
  headToPlanD: {
    de: 'der XPhone Server bleibt {product}; nur seine Datenbanken ziehen um (Plan D installiert nichts)',
    en: 'the XPhone Server stays {product}; only its databases move (plan D installs nothing)',
  },
  headPlan: { de: 'Umzugsplan', en: 'Plan' },
  headWarnings: { de: 'Warnungen', en: 'Warnings' },
  headPhase: { de: 'Phase', en: 'Phase' },
  colRow: { de: '#', en: '#' },
  colApplies: { de: 'nötig', en: 'applies' },
  colKind: { de: 'Art', en: 'kind' },
  colMachine: { de: 'Rechner', en: 'machine' },
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
  optSourceSql: {
    de: 'SQL Server des alten XPhone Servers (Verbindungszeichenfolge oder Host[\\Instanz]); gesichert wird dort',
    en: "the old XPhone server's SQL Server (connection string or host[\\instance]); the backup is taken there",
  },
  optSourceAnalyticsSql: {
    de: 'die Analytics-Instanz des alten XPhone Servers (z. B. (local)\\XPANALYTICS): XPSTATS und XPSTATSRaw werden dort gesichert; ohne: von --source-sql',
    en: "the old XPhone server's Analytics instance (e.g. (local)\\XPANALYTICS): XPSTATS and XPSTATSRaw are backed up there; without it: from --source-sql",
  },
} as const satisfies Record<string, Text>;
