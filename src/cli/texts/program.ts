import type { Text } from '../../i18n/index.js';

/** The program itself: its help, usage errors and the yes/no questions. */
export const PROGRAM = {
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
  errorPrefix: { de: 'Fehler', en: 'error' },
  remedyPrefix: { de: 'Abhilfe', en: 'remedy' },
  usageUnknownOption: { de: 'unbekannte Option {option}', en: 'unknown option {option}' },
  usageUnknownCommand: { de: 'unbekannter Befehl {command}', en: 'unknown command {command}' },
  usageMissingArgument: { de: 'Wert fehlt: {detail}', en: 'missing value: {detail}' },
  usageExcess: { de: 'zu viele Argumente', en: 'too many arguments' },
  titleUsage: { de: 'Aufruf:', en: 'Usage:' },
  titleOptions: { de: 'Optionen:', en: 'Options:' },
  defaultValue: { de: 'Standard', en: 'default' },
  titleCommands: { de: 'Befehle:', en: 'Commands:' },
  titleArguments: { de: 'Argumente:', en: 'Arguments:' },
} as const satisfies Record<string, Text>;
