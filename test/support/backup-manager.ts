import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** `dd.MM.yyyy HH:mm:ss`, local time, as the Backup-Manager stamps its log (the guide's example line). */
export function logTime(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getDate())}.${two(d.getMonth() + 1)}.${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** Appends entries to a Backup-Manager log as it writes them (CRLF, a level of three letters). */
export function appendLog(
  file: string,
  entries: Array<[level: string, text: string]>,
  at = new Date(),
): void {
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, entries.map(([level, text]) => `${logTime(at)} ${level} ${text}\r\n`).join(''));
}

/** What an operator's Backup-Manager backup leaves in `dir`: a backup file and its log, now. */
export function backupManagerBackup(dir: string): { file: string; log: string } {
  const file = join(dir, 'XPhoneBackup', 'XPhoneServerBackup_2026.zip');
  const log = join(dir, 'Logs', 'XPhoneServerBackup.log');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, 'PK backup');
  appendLog(log, [
    ['INF', 'Backup started'],
    ['INF', 'Backup finished'],
  ]);
  return { file, log };
}
