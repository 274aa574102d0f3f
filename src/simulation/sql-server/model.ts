import { join } from 'node:path';

/** What one simulated SQL Server instance knows. Kept in a JSON file so it outlives processes. */
export interface SqlModel {
  /** How clients name it: `SQLSRV01`, `OLDXPHONE\XPCONNECT`. */
  name: string;
  /** ProductVersion, e.g. 15.0.2000.5 (2019). */
  version: string;
  edition: string;
  /** SERVERPROPERTY('EngineEdition'): 2 Standard, 3 Enterprise, 4 Express. */
  engineEdition: number;
  filestreamLevel: number;
  /** The Windows account the SQL Server service runs as (e.g. NT Service\MSSQL$XPCONNECT). */
  serviceAccount: string;
  dataPath: string;
  logPath: string;
  /** The model database's data file, in MB: a new database's files may not be smaller (1803). */
  modelSizeMb?: number;
  /** Other folders on the server's disks (an administrator's D:\SQLData\), besides the two above. */
  folders?: string[];
  /** Free space on the data volume. */
  freeMb: number;
  logins: Record<string, SqlLogin>;
  databases: Record<string, SqlDatabase>;
  /** Windows paths the server can reach: path prefix → real folder, accounts allowed in. */
  shares: SqlShare[];
  /** msdb's restorehistory, with the restored backup set's name (backupset.name; NULL when unnamed). */
  restoreHistory: Array<{ id: number; database: string; file: string; backupSet?: string }>;
  faults: SqlFault[];
  /** Statement kind → times it changed something (create-database, backup, restore, …). */
  counts: Record<string, number>;
  /** Delay between two STATS progress messages. */
  progressDelayMs: number;
  /** Set: the server runs any other SQL batch as a script batch (import-db) and records it. */
  scripts?: SqlScripts;
  /**
   * The server's `default language` (sp_configure): a session whose client asks for none speaks
   * it. A German installation has `Deutsch`, and then its messages are German.
   */
  defaultLanguage?: string;
  /** Catalogs answered to export-db's queries, by database name. */
  catalogs?: Record<string, SqlCatalog>;
  /** msdb's record of full backups (backupset): sizes and durations, newest first. */
  backupHistory?: Array<{
    database: string;
    sizeMb: number;
    seconds: number;
    finishedAt: string;
    device: string;
  }>;
}

/** What script batches did: in order of commit, each once per execution. */
export interface SqlScripts {
  applied: AppliedBatch[];
  /** Rows of the mark tables, committed together with the batch they mark. */
  marks: ImportMark[];
  /** A batch matching `match` (regex) fails with this error; `line` is the line in the batch. */
  reject: Array<{
    match: string;
    number: number;
    message: string;
    line: number;
    times?: number;
    /**
     * What the error ends. `statement` (most errors with XACT_ABORT OFF, e.g. 547, 2627): the
     * batch goes on and an open transaction stays. `transaction` (XACT_ABORT ON, 1205): the
     * open transaction is rolled back, or without one the statements before stay committed.
     * Only these are modelled; absent = `statement`.
     */
    aborts?: 'statement' | 'transaction';
  }>;
  /** What the committed batches built, by database (lower case): what a census of it finds. */
  created?: Record<string, CreatedDatabase>;
}

/** A batch that ran; `failed`: the error one of its statements raised, the others ran. */
export interface AppliedBatch {
  sql: string;
  database: string;
  failed?: number;
}

/** A row of `<table>.dbo.xpmigrate_import_marks`; `table`: the database holding it (or tempdb). */
export interface ImportMark {
  importId: string;
  unit: number;
  db: string;
  table: string;
}

/** A mark replaces the import's earlier one in the same table (the DELETE before its INSERT). */
export function keepMark(scripts: SqlScripts, mark: ImportMark): void {
  scripts.marks = [
    ...scripts.marks.filter((k) => !(k.importId === mark.importId && eq(k.table, mark.table))),
    mark,
  ];
}

/**
 * What a restart of the SQL Server loses: tempdb is created anew at every start ("tempdb
 * database", Microsoft Learn), so the marks kept there are gone; the other databases keep theirs.
 */
export function restartServer(model: SqlModel): void {
  if (model.scripts) model.scripts.marks = model.scripts.marks.filter((k) => !eq(k.table, 'tempdb'));
}

/** Tables with the rows inserted into them, and modules, as the script batches created them. */
export interface CreatedDatabase {
  tables: Array<{ schemaName: string; name: string; rows: number }>;
  modules: Array<{ schemaName: string; name: string }>;
}

/** Rows of the catalog queries (`src/actors/sql-script/catalog.ts`), column name → value. */
export type CatalogRow = Record<string, string | number | boolean | null>;
export interface SqlCatalog {
  /** Query name (the catalog module's key) → its rows. */
  queries: Record<string, CatalogRow[]>;
  /** `[schema].[table]` → the data query's rows, every value in its text form. */
  data: Record<string, Array<Array<string | null>>>;
  /** The database's alias types: user_type_id → name (TYPE_NAME names them). */
  aliases?: Record<number, string>;
}

export interface SqlLogin {
  windows: boolean;
  /** SQL logins, and the simulated NTLM secret of Windows accounts. */
  password?: string;
  sysadmin?: boolean;
  /** dbcreator: CREATE ANY DATABASE (which RESTORE VERIFYONLY/HEADERONLY/FILELISTONLY need). */
  dbcreator?: boolean;
  /**
   * CREATE DATABASE, ALTER ANY DATABASE or VIEW ANY DEFINITION: what sys.master_files needs to
   * show a row to a login that is not sysadmin (a db_owner alone sees none).
   */
  viewFiles?: boolean;
}

export interface SqlDatabase {
  /** The data files' size. */
  sizeMb: number;
  /** The log's size (absent: none worth counting). */
  logMb?: number;
  /** Login of the database owner (dbo). */
  owner: string;
  state: 'ONLINE' | 'RESTORING' | 'OFFLINE';
  /**
   * Other sessions using the database (the XPhone services once they run): RESTORE over it then
   * needs exclusive access, which they deny (3101) until taken away (OFFLINE/SINGLE_USER WITH
   * ROLLBACK IMMEDIATE). "RESTORE Statements (Transact-SQL)": exclusive access is required.
   */
  sessions?: number;
  /** Database users: name → login and roles. */
  users: Record<string, { login: string; roles: string[] }>;
  /**
   * D data, L log, S a FILESTREAM container. `sizeMb` for S: sys.master_files shows a
   * FILESTREAM container with size 0 ("sys.master_files"), RESTORE FILELISTONLY its real size.
   */
  files: Array<{ logical: string; physical: string; type: 'D' | 'L' | 'S'; sizeMb?: number }>;
  /** Stands for the data: which backup it was restored from, or `created`. */
  content: string;
}

export interface SqlShare {
  path: string;
  dir: string;
  /** Accounts (the SQL Server's service account among them) that have rights there; `*` = all. */
  access: string[];
  /** Of those, the ones that may only read (a share granted "Read"): a write gets OS error 5. */
  readOnly?: string[];
}

/** Faults on demand; `times` counts down, absent = always. */
export type SqlFault =
  | { kind: 'login-failed'; times?: number }
  | { kind: 'tls-required'; times?: number }
  /** Holds the answer to a matching statement (regex on the text) for `ms`. */
  | { kind: 'delay'; match: string; ms: number; times?: number }
  /** Drops the connection once progress reaches `percent`; `complete` = the server finished it. */
  | { kind: 'drop'; match: string; percent: number; complete: boolean; times?: number }
  /**
   * Answers a matching statement with a token no TDS client knows (0x00) before its result: a
   * reply that breaks the protocol, to show that a second client (Microsoft.Data.SqlClient)
   * catches what the simulator gets wrong (npm run test:real-tools).
   */
  | { kind: 'bad-reply'; match: string; times?: number };

export function scriptsOf(model: SqlModel): SqlScripts {
  model.scripts ??= { applied: [], marks: [], reject: [] };
  return model.scripts;
}

export const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function findKey<T>(record: Record<string, T>, name: string): string | undefined {
  return Object.keys(record).find((k) => eq(k, name));
}

/** A SQL Server 2019 Standard that an XPhone server would use; tests change what they need. */
export function defaultModel(name: string, backupDir: string): SqlModel {
  const instance = name.includes('\\') ? name.split('\\')[1]! : 'MSSQLSERVER';
  const service = instance === 'MSSQLSERVER' ? 'NT Service\\MSSQLSERVER' : `NT Service\\MSSQL$${instance}`;
  const data = `C:\\Program Files\\Microsoft SQL Server\\MSSQL15.${instance}\\MSSQL\\DATA\\`;
  return {
    name,
    version: '15.0.2000.5',
    edition: 'Standard Edition (64-bit)',
    engineEdition: 2,
    filestreamLevel: 2,
    serviceAccount: service,
    dataPath: data,
    logPath: data,
    freeMb: 200_000,
    logins: {
      sa: { windows: false, password: 'Sa-Passw0rd!', sysadmin: true },
      'XPHONE\\admin': { windows: true, password: 'rehearsal', sysadmin: true },
    },
    databases: {},
    shares: [{ path: '\\\\FILESRV\\XPhoneBackup', dir: backupDir, access: ['*'] }],
    restoreHistory: [],
    faults: [],
    counts: {},
    progressDelayMs: 10,
  };
}

/** An XPhone database as the server's setup creates it: data and log file in the data path. */
export function xphoneDatabase(model: SqlModel, name: string, sizeMb: number, owner = 'sa'): SqlDatabase {
  return {
    sizeMb,
    owner,
    state: 'ONLINE',
    users: {},
    files: [
      { logical: name, physical: `${model.dataPath}${name}.mdf`, type: 'D' },
      { logical: `${name}_log`, physical: `${model.logPath}${name}_log.ldf`, type: 'L' },
    ],
    content: `created:${name}`,
  };
}

/** SQL Server's major version as its backups record it (13 = 2016, 15 = 2019, 16 = 2022). */
export const majorOf = (version: string) => Number(version.split('.')[0]);

export type PathAnswer = { ok: true; file: string } | { ok: false; osError: 2 | 3 | 5 };

/** How the server's service account sees a Windows path: a real file, or the OS error it gets. */
export function resolvePath(
  model: SqlModel,
  windowsPath: string,
  mode: 'read' | 'write' = 'read',
): PathAnswer {
  const path = `${windowsPath.replace(/\//g, '\\').replace(/\\+$/, '')}\\`;
  const share = model.shares
    .filter((s) => path.toLowerCase().startsWith(`${s.path.toLowerCase().replace(/\\$/, '')}\\`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!share) return { ok: false, osError: 3 };
  const holds = (accounts: string[] = []) => accounts.some((a) => a === '*' || eq(a, model.serviceAccount));
  if (!holds(share.access) || (mode === 'write' && holds(share.readOnly))) return { ok: false, osError: 5 };
  const rest = path.slice(share.path.replace(/\\$/, '').length + 1, -1).split('\\');
  return { ok: true, file: join(share.dir, ...rest) };
}
