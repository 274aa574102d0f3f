import type { SqlConnection } from './connect.js';
import { BACKUP_HISTORY, SERVER_LANGUAGE } from './statements.js';

/** One full backup as msdb recorded it. */
export interface BackupRecord {
  database: string;
  sizeMb: number;
  seconds: number;
  finishedAt: string;
  device: string;
}

/** The server's default language (`Deutsch`, `us_english`). */
export async function serverLanguage(c: SqlConnection): Promise<string | undefined> {
  const [row] = await c.query<{ language: string }>(SERVER_LANGUAGE);
  return row?.language;
}

/** The full backups msdb remembers, newest first. */
export async function backupHistory(c: SqlConnection): Promise<BackupRecord[]> {
  const rows = await c.query<{
    database: string;
    sizeMb: number | string;
    seconds: number;
    finishedAt: string;
    device: string | null;
  }>(BACKUP_HISTORY);
  return rows.map((r) => ({
    database: r.database,
    sizeMb: Number(r.sizeMb),
    seconds: Number(r.seconds),
    finishedAt: r.finishedAt,
    device: r.device ?? '',
  }));
}
