import type { Text } from '../../i18n/index.js';

/** `diagnose`, `users-csv` and `v4-exports`: the vendor tools' files. */
export const FILES = {
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
  CSV_LINE_TOO_LONG: {
    de: 'länger als {max} Zeichen: keine Benutzerzeile',
    en: 'longer than {max} characters: no user row',
  },
  csvMoreProblems: {
    de: '… und {more} weitere Probleme (die ersten {shown} sind gezeigt)',
    en: '… and {more} more problems (the first {shown} are shown)',
  },
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
} as const satisfies Record<string, Text>;
