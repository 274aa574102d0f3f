import { XpmError } from '../../errors/index.js';
import type { ServerFacts } from './checks.js';
import type { SqlConnection, SqlInfo } from './connect.js';
import {
  BACKUP,
  bringOnline,
  DATABASE_STATE,
  FILE_LIST,
  HEADER,
  LAST_RESTORE,
  restore,
  takeOffline,
  VERIFY,
} from './statements.js';

/** Progress of a BACKUP or RESTORE from the server's `STATS` messages (3211 "N percent processed."). */
export interface SqlProgress {
  operation: 'backup' | 'restore';
  database: string;
  percent: number;
}
export type OnProgress = (p: SqlProgress) => void;

function progressFrom(operation: SqlProgress['operation'], database: string, onProgress?: OnProgress) {
  return (info: SqlInfo) => {
    if (info.number !== 3211) return;
    // The first number, in any language ("10 percent processed.", "10 Prozent verarbeitet.").
    const percent = Number(/\d+/.exec(info.message)?.[0]);
    if (Number.isFinite(percent)) onProgress?.({ operation, database, percent });
  };
}

/** The backup file of one database in a folder or share (Windows path, as the SQL Server sees it). */
export const backupFile = (folder: string, database: string, tag: string) =>
  `${folder.replace(/[\\/]+$/, '')}\\${database}-${tag.replace(/[^\w.-]+/g, '_')}.bak`;

/**
 * BACKUP … COPY_ONLY (the customer's backup chain stays intact), CHECKSUM, INIT, then VERIFYONLY.
 * VERIFYONLY needs CREATE DATABASE ("RESTORE Statements – Arguments", Security), which a login
 * with only db_backupoperator or db_owner lacks: then the copy stands as BACKUP … CHECKSUM wrote
 * it (every page's checksum checked on the way) and `verified` is false, not a failed step.
 */
export async function backupDatabase(
  c: SqlConnection,
  database: string,
  file: string,
  backupSet: string,
  onProgress?: OnProgress,
): Promise<{ verified: boolean }> {
  await c.query(BACKUP, { database, file, backupSet }, progressFrom('backup', database, onProgress));
  try {
    await c.query(VERIFY, { file });
    return { verified: true };
  } catch (error) {
    if (error instanceof XpmError && error.code === 'E_SQL_PERMISSION') return { verified: false };
    throw error;
  }
}

/**
 * Whether the backup this attempt wrote is usable at `file` (the probe of a backup step): the
 * file's backup set is the attempt's own (`backupSet`, HEADERONLY's BackupName) and it verifies.
 * A file of an earlier pass of the same step (a rollback runs the step again under the same file
 * name) is not it. Where this login may not read or verify backups it cannot know: "not usable",
 * and the step writes the copy again (INIT overwrites it).
 */
export async function backupUsable(c: SqlConnection, file: string, backupSet: string): Promise<boolean> {
  try {
    const [header] = await c.query<{ BackupName: string | null }>(HEADER, { file });
    if (header?.BackupName !== backupSet) return false;
  } catch (error) {
    if (unreadable(error)) return false;
    throw error;
  }
  return backupVerifies(c, file);
}

/** Whether the backup at `file` verifies, whoever wrote it (a backup step from an older build names no set). */
export async function backupVerifies(c: SqlConnection, file: string): Promise<boolean> {
  try {
    await c.query(VERIFY, { file });
    return true;
  } catch (error) {
    if (unreadable(error)) return false;
    throw error;
  }
}

/** The file is missing, damaged or not for this login to read: no usable backup, as far as it can tell. */
const unreadable = (error: unknown) =>
  error instanceof XpmError && ['E_SQL_BACKUP_PATH', 'E_SQL_ERROR', 'E_SQL_PERMISSION'].includes(error.code);

/**
 * The probe of a restore: the database's latest restore came from this file (backup files are
 * named after the run and step, so no other run restores it), from this backup set where it is
 * known (a rollback's second pass writes the same file again), and the database is online.
 */
export async function restoredFrom(
  c: SqlConnection,
  database: string,
  file: string,
  backupSet?: string,
): Promise<boolean> {
  const [last] = await c.query<{ id: number; file: string; backupSet: string | null }>(LAST_RESTORE, {
    database,
  });
  if (!last || last.file.toLowerCase() !== file.toLowerCase()) return false;
  if (backupSet !== undefined && last.backupSet !== backupSet) return false;
  const [state] = await c.query<{ state: string }>(DATABASE_STATE, { database });
  return state?.state === 'ONLINE';
}

/**
 * RESTORE … WITH MOVE (every file into this server's default folders), CHECKSUM, STATS, and
 * REPLACE only when the caller says the operator named this database. A backup from a newer
 * server is refused before anything is sent: that move needs the script path.
 */
export async function restoreDatabase(
  c: SqlConnection,
  server: ServerFacts,
  database: string,
  file: string,
  options: { replace: boolean; onProgress?: OnProgress },
): Promise<void> {
  const [header] = await c.query<{ SoftwareVersionMajor: number; DatabaseName: string }>(HEADER, { file });
  if (header && header.SoftwareVersionMajor > server.major)
    throw new XpmError(
      'E_SQL_BACKUP_NEWER',
      {
        server: c.server,
        detail: `${file}: SQL Server ${header.SoftwareVersionMajor}.x → ${server.version}`,
      },
      { exitCode: 1 },
    );
  const files = await c.query<{ LogicalName: string; Type: string }>(FILE_LIST, { file });
  const params: Record<string, string> = { database, file };
  const counts = { D: 0, L: 0, S: 0 };
  files.forEach((f, i) => {
    const kind = (f.Type === 'L' ? 'L' : f.Type === 'S' ? 'S' : 'D') as keyof typeof counts;
    const n = counts[kind]++;
    const suffix = n === 0 ? '' : `_${n}`;
    params[`logical${i}`] = f.LogicalName;
    params[`physical${i}`] =
      kind === 'L'
        ? `${withSlash(server.logPath)}${database}_log${suffix}.ldf`
        : kind === 'S'
          ? `${withSlash(server.dataPath)}${database}_fs${suffix}`
          : `${withSlash(server.dataPath)}${database}${suffix}${n === 0 ? '.mdf' : '.ndf'}`;
  });
  if (options.replace) await c.query(takeOffline(database), { database });
  try {
    await c.query(
      restore(files.length, options.replace),
      params,
      progressFrom('restore', database, options.onProgress),
    );
  } catch (error) {
    // Not replaced: the old database goes back online rather than staying closed.
    if (options.replace) await c.query(bringOnline(database), { database }).catch(() => {});
    throw error;
  }
}

/** SQL Server Express holds at most 10 GB of data per database (log and FILESTREAM not counted). */
const EXPRESS_DATA_MB = 10 * 1024;

/**
 * Whether this server has room for these backups, checked before the first database is
 * touched, so a set is never half restored. The sizes come from RESTORE FILELISTONLY:
 * sys.master_files shows a FILESTREAM container with size 0 ("sys.master_files"), FILELISTONLY
 * its real size. A database that is replaced frees what it holds now.
 */
export async function checkRoom(
  c: SqlConnection,
  server: ServerFacts,
  backups: Array<{ db: string; file: string }>,
): Promise<void> {
  let neededMb = 0;
  for (const { db, file } of backups) {
    const files = await c.query<{ Type: string; Size: number | string }>(FILE_LIST, { file });
    const mb = (type?: string) =>
      files.filter((f) => !type || f.Type === type).reduce((sum, f) => sum + Number(f.Size) / 1048576, 0);
    if (server.express && mb('D') > EXPRESS_DATA_MB)
      throw new XpmError(
        'E_SQL_EXPRESS_LIMIT',
        { server: c.server, database: db, mb: Math.round(mb('D')) },
        { exitCode: 1 },
      );
    const replaced = server.databases.find((d) => d.name.toLowerCase() === db.toLowerCase())?.sizeMb ?? 0;
    neededMb += Math.max(0, mb() - replaced);
  }
  if (server.freeMb !== undefined && neededMb > server.freeMb)
    throw new XpmError(
      'E_SQL_NO_SPACE',
      { server: c.server, needed: Math.round(neededMb), free: server.freeMb },
      { exitCode: 1 },
    );
}

const withSlash = (p: string) => (p.endsWith('\\') || p === '' ? p : `${p}\\`);
