import type { Text } from '../../i18n/index.js';

/** `sql check`. */
export const SQL = {
  cmdSql: { de: 'SQL Server prüfen', en: 'check a SQL Server' },
  cmdSqlCheck: {
    de: 'Prüfungen: Version, Edition, FILESTREAM, SYSADMIN, db_owner, Backup-Freigabe aus Sicht des SQL Servers (sehen und schreiben: eine Test-Sicherung von model, danach gelöscht), freier Platz',
    en: 'checks: version, edition, FILESTREAM, SYSADMIN, db_owner, the backup share as the SQL Server sees it (seen and written: a test backup of model, removed again), free space',
  },
  optSqlCheckAccount: {
    de: 'XPhone Dienste-Account, der db_owner braucht',
    en: 'XPhone service account that needs db_owner',
  },
  optSqlExternal: {
    de: 'externer (kundeneigener) SQL Server: mindestens 2014 und FILESTREAM nötig',
    en: 'external (customer) SQL Server: 2014 or newer and FILESTREAM required',
  },
} as const satisfies Record<string, Text>;
