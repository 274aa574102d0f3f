import { randomBytes } from 'node:crypto';
import { XpmError } from '../../errors/index.js';
import type { Text } from '../../i18n/index.js';
import type { SqlConnection } from './connect.js';
import {
  BACKUP_PERMISSION,
  CREATE_DATABASE_PERMISSION,
  DATABASES,
  FOLDER_EXISTS,
  FREE_SPACE,
  isDbOwner,
  MODEL_FILES,
  REMOVE_PROBE,
  SERVER_FACTS,
  SERVICE_ACCOUNT,
  WRITE_PROBE,
} from './statements.js';

/** What the server says about itself (read-only). */
export interface ServerFacts {
  version: string;
  major: number;
  edition: string;
  /** SERVERPROPERTY('EngineEdition'): 2 Standard (and Web, Business), 3 Enterprise (and Developer), 4 Express. */
  engineEdition: number;
  express: boolean;
  filestreamLevel: number;
  sysadmin: boolean;
  login: string;
  serverName: string;
  dataPath: string;
  logPath: string;
  /** The SQL Server's own Windows account; undefined without VIEW SERVER STATE. */
  serviceAccount?: string;
  /** Sizes in MB (data and log; data files alone), null where this login cannot see the files. */
  databases: Array<{ name: string; state: string; sizeMb: number | null; dataMb: number | null }>;
  /** Free space on the volumes of its database files; undefined when it cannot be known. */
  freeMb?: number;
}

export async function serverFacts(c: SqlConnection): Promise<ServerFacts> {
  const [row] = await c.query<{
    version: string;
    edition: string;
    engineEdition: number;
    filestreamLevel: number | null;
    sysadmin: number;
    login: string;
    serverName: string;
    dataPath: string | null;
    logPath: string | null;
  }>(SERVER_FACTS);
  if (!row) throw new Error('SERVERPROPERTY returned no row');
  const serviceAccount = await c
    .query<{ account: string }>(SERVICE_ACCOUNT)
    .then((r) => r[0]?.account)
    .catch(() => undefined);
  const size = (mb: number | string | null) => (mb === null ? null : Number(mb));
  const databases = (
    await c.query<{
      name: string;
      state: string;
      sizeMb: number | string | null;
      dataMb: number | string | null;
    }>(DATABASES)
  ).map((d) => ({ name: d.name, state: d.state, sizeMb: size(d.sizeMb), dataMb: size(d.dataMb) }));
  const volumes = await c.query<{ freeMb: number | string }>(FREE_SPACE).catch(() => []);
  return {
    version: row.version,
    major: Number(row.version.split('.')[0]),
    edition: row.edition,
    engineEdition: row.engineEdition,
    express: row.engineEdition === 4,
    filestreamLevel: row.filestreamLevel ?? 0,
    sysadmin: row.sysadmin === 1,
    login: row.login,
    serverName: row.serverName,
    ...(await defaultFolders(c, row.dataPath, row.logPath)),
    ...(serviceAccount ? { serviceAccount } : {}),
    databases,
    ...(volumes.length ? { freeMb: Math.min(...volumes.map((v) => Number(v.freeMb))) } : {}),
  };
}

/**
 * Where new database files go. SERVERPROPERTY('InstanceDefaultDataPath') is NULL on SQL Server
 * 2012/2014 before the updates of late 2015 (SERVERPROPERTY, Microsoft Learn): then the model
 * database's folders, which CREATE DATABASE uses too.
 */
async function defaultFolders(
  c: SqlConnection,
  dataPath: string | null,
  logPath: string | null,
): Promise<{ dataPath: string; logPath: string }> {
  if (dataPath && logPath) return { dataPath, logPath };
  const files = await c.query<{ kind: number; path: string }>(MODEL_FILES).catch(() => []);
  const folderOf = (kind: number) => {
    const path = files.find((f) => Number(f.kind) === kind)?.path ?? '';
    return path.slice(0, path.lastIndexOf('\\') + 1);
  };
  const data = dataPath || folderOf(0);
  return { dataPath: data, logPath: logPath || folderOf(1) || data };
}

/**
 * Who the SQL Server is on the network. A virtual account (NT Service\MSSQL$…), NETWORK SERVICE and
 * LocalSystem reach a share as the computer account DOMAIN\HOST$ ("Configure Windows service
 * accounts and permissions"): that is the account the share needs. The domain is the connecting
 * Windows login's; the host is the server's machine name.
 */
export function networkAccount(
  serviceAccount: string | undefined,
  serverName: string,
  login: string,
): string | undefined {
  if (
    !serviceAccount ||
    !/^(NT Service\\|NT AUTHORITY\\(NETWORK ?SERVICE|SYSTEM)$|LocalSystem$)/i.test(serviceAccount)
  )
    return undefined;
  const host = serverName.split('\\')[0]!;
  const domain = login.includes('\\') ? login.split('\\')[0]! : 'DOMAIN';
  return `${domain}\\${host}$`;
}

export async function dbOwnerOf(c: SqlConnection, database: string, account: string): Promise<boolean> {
  const [row] = await c.query<{ isOwner: number }>(isDbOwner(database), { account, database });
  return row?.isOwner === 1;
}

/** Whether the SQL Server's service account sees the folder (xp_fileexist runs as that account). */
export async function folderVisibleToServer(c: SqlConnection, path: string): Promise<boolean> {
  const [row] = await c.query<Record<string, number>>(FOLDER_EXISTS, { path: path.replace(/[\\/]+$/, '') });
  return row?.['File is a Directory'] === 1;
}

/** How a write into the backup folder, as the SQL Server, went. */
export type WriteProof =
  | { written: true; removed: boolean; file: string }
  | { written: false; code: string; detail: string };

/** Writes a probe backup into the folder as the SQL Server's service account, then removes it. */
export async function writeProof(c: SqlConnection, folder: string): Promise<WriteProof> {
  const file = `${folder.replace(/[\\/]+$/, '')}\\xpmigrate-write-test-${randomBytes(6).toString('hex')}.bak`;
  try {
    await c.query(WRITE_PROBE, { file });
  } catch (error) {
    if (!(error instanceof XpmError)) throw error;
    return { written: false, code: error.code, detail: String(error.params.detail ?? '') };
  }
  await c.query(REMOVE_PROBE, { file }).catch(() => undefined);
  const [left] = await c.query<Record<string, number>>(FOLDER_EXISTS, { path: file });
  return { written: true, removed: left?.['File Exists'] !== 1, file };
}

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface Check {
  id: string;
  status: CheckStatus;
  message: Text;
  remedy?: Text;
}

export interface CheckInput {
  /** The XPhone service account that needs db_owner. */
  serviceAccount?: string;
  databases: string[];
  backupDir?: string;
  /** An external (customer) server: version ≥ 2014 and FILESTREAM are required. */
  external: boolean;
  /** The data that will land here (restore), for space and Express limits. */
  incomingMb?: number;
  /**
   * `source`: xpmigrate only backs up and verifies here, so the login needs BACKUP DATABASE on
   * each database and CREATE DATABASE (for VERIFYONLY), not sysadmin. Default: `target`.
   */
  role?: 'source' | 'target';
}

const EXPRESS_DB_LIMIT_MB = 10 * 1024;
/** The oldest SQL Server the guide accepts for the XPhone databases: 2014. */
export const MIN_MAJOR = 12;

/** The read-only checks a plan needs on one server, each pass / warn / fail with a remedy. */
export async function runChecks(
  c: SqlConnection,
  input: CheckInput,
): Promise<{ facts: ServerFacts; checks: Check[] }> {
  const f = await serverFacts(c);
  const checks: Check[] = [];
  const add = (id: string, status: CheckStatus, message: Text, remedy?: Text) =>
    checks.push({ id, status, message, ...(remedy && status !== 'pass' ? { remedy } : {}) });

  add(
    'sql.version',
    f.major >= MIN_MAJOR || !input.external ? 'pass' : 'fail',
    { de: `SQL Server ${f.version} (${f.edition})`, en: `SQL Server ${f.version} (${f.edition})` },
    {
      de: 'Ein externer SQL Server muss mindestens SQL Server 2014 sein.',
      en: 'An external SQL Server must be at least SQL Server 2014.',
    },
  );
  const biggest = Math.max(
    0,
    // Express's 10 GB limit counts the data files, not the log.
    ...f.databases.filter((d) => input.databases.some((n) => eqi(n, d.name))).map((d) => d.dataMb ?? 0),
    input.incomingMb ?? 0,
  );
  add(
    'sql.edition',
    !f.express ? 'pass' : biggest > EXPRESS_DB_LIMIT_MB ? 'fail' : 'warn',
    f.express
      ? {
          de: `Express-Edition: höchstens 10 GB je Datenbank, 1 GB Cache, 4 Kerne (größte: ${biggest} MB)`,
          en: `Express edition: at most 10 GB per database, 1 GB cache, 4 cores (largest: ${biggest} MB)`,
        }
      : { de: `Edition ${f.edition}`, en: `Edition ${f.edition}` },
    {
      de: 'Ab 500 Benutzern (250 mit TeamDesk) SQL Server Standard/Enterprise verwenden (Umzugsplan B).',
      en: 'From 500 users (250 with TeamDesk) use SQL Server Standard/Enterprise (plan B).',
    },
  );
  add(
    'sql.filestream',
    f.filestreamLevel >= 1 || !input.external ? 'pass' : 'fail',
    { de: `FILESTREAM-Stufe ${f.filestreamLevel}`, en: `FILESTREAM level ${f.filestreamLevel}` },
    {
      de: 'FILESTREAM im SQL Server Configuration Manager aktivieren und "EXEC sp_configure filestream_access_level, 2; RECONFIGURE" ausführen.',
      en: 'Enable FILESTREAM in SQL Server Configuration Manager and run "EXEC sp_configure filestream_access_level, 2; RECONFIGURE".',
    },
  );
  if (input.role === 'source') await sourceRights(c, f, input.databases, add);
  else
    add(
      'sql.sysadmin',
      f.sysadmin ? 'pass' : 'fail',
      {
        de: `Anmeldung ${f.login}: ${f.sysadmin ? '' : 'nicht '}SYSADMIN`,
        en: `Login ${f.login}: ${f.sysadmin ? '' : 'not '}SYSADMIN`,
      },
      {
        de: 'Restore und Anlegen der Datenbanken brauchen SYSADMIN: Rolle "sysadmin" für diese Anmeldung vergeben.',
        en: 'Restore and creating the databases need SYSADMIN: give this login the "sysadmin" role.',
      },
    );
  for (const name of input.databases) {
    const db = f.databases.find((d) => eqi(d.name, name));
    if (!db) {
      add(
        'sql.database',
        'warn',
        { de: `Datenbank ${name} fehlt`, en: `Database ${name} does not exist` },
        {
          de: 'Wird in Schritt 2a angelegt oder beim Restore erstellt.',
          en: 'Step 2a creates it, or the restore does.',
        },
      );
      continue;
    }
    if (!input.serviceAccount) continue;
    const owner = await dbOwnerOf(c, db.name, input.serviceAccount);
    add(
      'sql.db-owner',
      owner ? 'pass' : 'fail',
      {
        de: `${db.name} (${db.sizeMb ?? '?'} MB): ${input.serviceAccount} ${owner ? 'ist' : 'ist nicht'} db_owner`,
        en: `${db.name} (${db.sizeMb ?? '?'} MB): ${input.serviceAccount} ${owner ? 'is' : 'is not'} db_owner`,
      },
      {
        de: 'Schritt 2a ausführen (xpmigrate) oder dem Dienste-Account db_owner geben.',
        en: 'Run step 2a (xpmigrate) or give the service account db_owner.',
      },
    );
  }
  if (input.backupDir) {
    const visible = await folderVisibleToServer(c, input.backupDir);
    const machine = networkAccount(f.serviceAccount, f.serverName, f.login);
    const account = `${f.serviceAccount ?? '?'}${machine ? `, ${machine}` : ''}`;
    const shareRemedy: Text = {
      de: `Dem Dienstkonto des SQL Servers (${account}) und dem SQL Agent Vollzugriff auf Freigabe und Ordner geben${machine ? ` – im Netzwerk ist es das Computerkonto ${machine}, diesem die Rechte geben` : ''}; derselbe UNC-Pfad muss von beiden Maschinen gehen.`,
      en: `Give the SQL Server's service account (${account}) and the SQL Agent full control of the share and folder${machine ? ` – on the network it is the computer account ${machine}: grant that one` : ''}; the same UNC path must work from both machines.`,
    };
    add(
      'sql.backup-folder',
      visible ? 'pass' : 'fail',
      visible
        ? {
            de: `${input.backupDir} für den SQL Server (${account}) erreichbar`,
            en: `${input.backupDir} reachable for the SQL Server (${account})`,
          }
        : {
            de: `${input.backupDir} für den SQL Server (${account}) nicht erreichbar`,
            en: `${input.backupDir} not reachable for the SQL Server (${account})`,
          },
      shareRemedy,
    );
    if (visible)
      add(...writeCheck(input.backupDir, await writeProof(c, input.backupDir), account, shareRemedy));
  }
  if (input.incomingMb !== undefined) {
    const free = f.freeMb;
    add(
      'sql.free-space',
      free === undefined ? 'warn' : free >= input.incomingMb * 1.2 ? 'pass' : 'fail',
      free === undefined
        ? { de: 'Freier Platz unbekannt', en: 'Free space unknown' }
        : {
            de: `Frei: ${free} MB, benötigt: ${input.incomingMb} MB (+20 %)`,
            en: `Free: ${free} MB, needed: ${input.incomingMb} MB (+20 %)`,
          },
      {
        de: 'Platz auf dem Datenlaufwerk des SQL Servers schaffen.',
        en: "Free space on the SQL Server's data volume.",
      },
    );
  }
  return { facts: f, checks };
}

/**
 * The source login's rights for the safety copy: BACKUP DATABASE on each database, and CREATE
 * DATABASE for RESTORE VERIFYONLY / HEADERONLY / FILELISTONLY. sysadmin has both.
 */
async function sourceRights(
  c: SqlConnection,
  f: ServerFacts,
  databases: string[],
  add: (id: string, status: CheckStatus, message: Text, remedy?: Text) => void,
): Promise<void> {
  const [verify] = await c.query<{ createDatabase: number | null }>(CREATE_DATABASE_PERMISSION);
  const missing: string[] = [];
  for (const database of databases.filter((d) => f.databases.some((x) => eqi(x.name, d)))) {
    const [row] = await c.query<{ mayBackup: number | null }>(BACKUP_PERMISSION, { database });
    if (row?.mayBackup !== 1) missing.push(database);
  }
  add(
    'sql.backup-rights',
    missing.length ? 'fail' : 'pass',
    missing.length
      ? {
          de: `Anmeldung ${f.login}: darf ${missing.join(', ')} nicht sichern`,
          en: `Login ${f.login}: may not back up ${missing.join(', ')}`,
        }
      : {
          de: `Anmeldung ${f.login}: darf die Datenbanken sichern`,
          en: `Login ${f.login}: may back up the databases`,
        },
    {
      de: 'Der Anmeldung in jeder dieser Datenbanken die Rolle db_backupoperator (oder db_owner) geben; SYSADMIN ist nicht nötig.',
      en: 'Give the login the db_backupoperator (or db_owner) role in each of these databases; SYSADMIN is not needed.',
    },
  );
  add(
    'sql.verify-rights',
    verify?.createDatabase === 1 ? 'pass' : 'warn', // the copy is still written, with CHECKSUM
    verify?.createDatabase === 1
      ? {
          de: `Anmeldung ${f.login}: darf Sicherungen prüfen (CREATE DATABASE)`,
          en: `Login ${f.login}: may verify backups (CREATE DATABASE)`,
        }
      : {
          de: `Anmeldung ${f.login}: ohne CREATE DATABASE prüft RESTORE VERIFYONLY die Sicherheitskopie nicht (sie wird trotzdem mit CHECKSUM geschrieben)`,
          en: `Login ${f.login}: without CREATE DATABASE, RESTORE VERIFYONLY does not check the safety copy (it is still written with CHECKSUM)`,
        },
    {
      de: 'Der Anmeldung die Serverrolle dbcreator geben (oder die Berechtigung CREATE ANY DATABASE).',
      en: 'Give the login the dbcreator server role (or the CREATE ANY DATABASE permission).',
    },
  );
}

/** The write check: seeing the folder is not writing there (a share granted "Read" only). */
function writeCheck(
  folder: string,
  proof: WriteProof,
  account: string,
  shareRemedy: Text,
): [string, CheckStatus, Text, Text?] {
  const id = 'sql.backup-write';
  if (proof.written && proof.removed)
    return [
      id,
      'pass',
      {
        de: `${folder}: der SQL Server (${account}) hat eine Test-Sicherung geschrieben und wieder gelöscht`,
        en: `${folder}: the SQL Server (${account}) wrote a test backup there and removed it`,
      },
    ];
  if (proof.written)
    return [
      id,
      'warn',
      {
        de: `${folder}: Schreiben geht, aber die Testdatei ${proof.file} blieb liegen`,
        en: `${folder}: writing works, but the test file ${proof.file} was left behind`,
      },
      { de: `${proof.file} löschen.`, en: `Delete ${proof.file}.` },
    ];
  if (proof.code === 'E_SQL_PERMISSION')
    return [
      id,
      'warn',
      {
        de: `${folder}: Schreibrecht nicht geprüft – diese Anmeldung darf model nicht sichern`,
        en: `${folder}: write access not proven – this login may not back up model`,
      },
      {
        de: 'Mit einer SYSADMIN-Anmeldung prüfen, oder vor der Nacht eine Sicherung dorthin testen.',
        en: 'Check with a SYSADMIN login, or try a backup to that folder before the night.',
      },
    ];
  return [
    id,
    'fail',
    {
      de: `${folder}: der SQL Server (${account}) kann dort nicht schreiben (${proof.detail})`,
      en: `${folder}: the SQL Server (${account}) cannot write there (${proof.detail})`,
    },
    shareRemedy,
  ];
}

const eqi = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
