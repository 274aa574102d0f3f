import type { Text } from '../../i18n/index.js';

/** Texts several commands share (options such as --state, --run, --json). */
export const COMMON = {
  optFormat: { de: 'Ausgabeformat: text, markdown oder json', en: 'output format: text, markdown or json' },
  optState: {
    de: 'Zustandsspeicher (sonst XPMIGRATE_STATE, sonst Standardpfad)',
    en: 'state store (else XPMIGRATE_STATE, else the default path)',
  },
  optRun: { de: 'Lauf-ID (Standard: der neueste Lauf)', en: 'run id (default: the newest run)' },
  optJson: { de: 'Ausgabe als JSON', en: 'print JSON' },
  optSqlServer: {
    de: 'Ziel-SQL-Server (Verbindungszeichenfolge oder Host[\\Instanz][,Port]); ohne Kennwort, das kommt aus XPMIGRATE_SQL_PASSWORD',
    en: 'target SQL Server (connection string or host[\\instance][,port]); no password, that comes from XPMIGRATE_SQL_PASSWORD',
  },
  optSqlSimulate: {
    de: 'den simulierten SQL Server der Probe neben --state fragen',
    en: "ask the rehearsal's simulated SQL Server beside --state",
  },
  optBackupDir: {
    de: 'Ordner/Freigabe für die Backups, wie die SQL Server ihn sehen (z.B. \\\\SQLSERVER\\XPhoneBackup)',
    en: 'folder/share for the backups as the SQL Servers see it (e.g. \\\\SQLSERVER\\XPhoneBackup)',
  },
  optDatabases: {
    de: 'XPhone Datenbanken, durch Komma getrennt',
    en: 'XPhone databases, comma separated',
  },
  optBy: {
    de: 'wer die Entscheidung trifft (Standard: Benutzer@Rechner)',
    en: 'who decides (default: user@host)',
  },
} as const satisfies Record<string, Text>;
