import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeAtomic } from '../../host/index.js';
import {
  type AppliedBatch,
  eq,
  findKey,
  keepMark,
  majorOf,
  resolvePath,
  type SqlDatabase,
  type SqlModel,
  type SqlScripts,
  scriptsOf,
  xphoneDatabase,
} from './model.js';
import type { Cell, Column, ServerMessage } from './tds.js';

/** Who is connected, where, and what their open transaction would commit. */
export interface Session {
  login: string;
  /** The session language (LOGIN7, else the server's default language): which text messages have. */
  language: string;
  /**
   * QUOTED_IDENTIFIER as the session has it: ON for ODBC and tedious logins, OFF where a script
   * turns it off (sqlcmd without -I starts so). A filtered index needs it ON (1934).
   */
  quotedIdentifier?: boolean;
  /** The database context (USE); DB_NAME(). */
  database: string;
  tx?: { batches: AppliedBatch[]; marks: SqlScripts['marks'] };
}

export interface Result {
  messages: ServerMessage[];
  rows?: { columns: Column[]; rows: Cell[][] };
}

export interface StatementContext {
  model: SqlModel;
  session: Session;
  params: Record<string, string | number | null>;
  /** Bracket-quoted identifiers in the statement, unquoted. */
  ids: string[];
  flags: string[];
  /** Sends INFO messages now, in packets that do not end the reply (STATS progress). */
  progress(percent: number, messages: ServerMessage[]): Promise<void>;
  /** Persists the model; `kind` counts a change. */
  save(kind?: string): void;
}

interface Statement {
  pattern: RegExp;
  run(ctx: StatementContext): Result | Promise<Result>;
}

/** A simulated failure with SQL Server's number, class and text. */
export class SqlFailure extends Error {
  constructor(readonly messages: ServerMessage[]) {
    super(messages.map((m) => m.message).join(' '));
  }
}

const fail = (model: SqlModel, ...items: Array<[number, string, number?]>): never => {
  throw new SqlFailure(
    items.map(([number, message, cls]) => ({ number, message, class: cls ?? 16, server: model.name })),
  );
};

const info = (model: SqlModel, number: number, message: string): ServerMessage => ({
  number,
  message,
  class: 0,
  server: model.name,
});

const ID = '\\[((?:[^\\]]|\\]\\])+)\\]';
/** A statement template: `{id}` is a bracket-quoted identifier, `{...}` a fixed alternative group. */
function template(text: string): RegExp {
  const escaped = text
    .replace(/[.*+?^$()|\\]/g, '\\$&')
    .replace(/\[/g, '\\[')
    .replace(/\]/g, '\\]')
    .replace(/\\\{id\\\}|\{id\}/g, ID);
  return new RegExp(`^${escaped}$`, 'i');
}

const isSysadmin = (ctx: StatementContext) =>
  ctx.model.logins[findKey(ctx.model.logins, ctx.session.login) ?? '']?.sysadmin === true;

function database(ctx: StatementContext, name: string): SqlDatabase {
  const key = findKey(ctx.model.databases, name);
  if (!key)
    fail(ctx.model, [
      911,
      `Database '${name}' does not exist. Make sure that the name is entered correctly.`,
    ]);
  return ctx.model.databases[key!]!;
}

function param(ctx: StatementContext, name: string): string {
  const value = ctx.params[name];
  if (typeof value !== 'string') fail(ctx.model, [137, `Must declare the scalar variable "@${name}".`, 15]);
  return value as string;
}

/**
 * CREATE TABLE (and ALTER on dbo) in a database: sysadmin, its owner, db_owner or db_ddladmin.
 * tempdb: every login may create tables there.
 */
export function mayCreateObjects(model: SqlModel, login: string, name: string): boolean {
  if (model.logins[findKey(model.logins, login) ?? '']?.sysadmin === true) return true;
  if (eq(name, 'tempdb')) return true;
  const key = findKey(model.databases, name);
  const db = key ? model.databases[key] : undefined;
  return (
    db !== undefined &&
    (isOwner(db, login) ||
      Object.values(db.users).some((u) => eq(u.login, login) && u.roles.includes('db_ddladmin')))
  );
}

const isOwner = (db: SqlDatabase, account: string) =>
  eq(db.owner, account) ||
  Object.values(db.users).some((u) => eq(u.login, account) && u.roles.includes('db_owner'));

/** The backup file the simulator writes: real bytes in a real folder. */
interface BackupFile {
  format: 'xpmigrate-simulated-backup';
  database: string;
  serverVersion: string;
  sizeMb: number;
  logMb?: number;
  files: SqlDatabase['files'];
  users: SqlDatabase['users'];
  content: string;
  /** BACKUP … WITH NAME: HEADERONLY's BackupName, msdb's backupset.name. */
  backupSet?: string;
  checksum: string;
}

const checksumOf = (b: Omit<BackupFile, 'checksum'>) =>
  createHash('sha256').update(`${b.database}|${b.serverVersion}|${b.content}|${b.sizeMb}`).digest('hex');

/**
 * SERVERPROPERTY('InstanceDefaultDataPath'/'…LogPath') "applies to SQL Server 2012 (11.x) and
 * later in updates beginning in late 2015" (SERVERPROPERTY, Microsoft Learn): before 2012 SP3
 * (11.0.6020) and 2014 SP1 CU3 (12.0.4427) it is NULL.
 */
function defaultPathsKnown(version: string): boolean {
  const [major = 0, , build = 0] = version.split('.').map(Number);
  if (major === 11) return build >= 6020;
  if (major === 12) return build >= 4427;
  return major > 12;
}

/** Whether the session speaks German (sys.messages language_id 1031 then gives the text). */
const german = (ctx: StatementContext) => ctx.session.language.toLowerCase() === 'deutsch';

function deviceError(ctx: StatementContext, path: string, osError: 2 | 3 | 5, verb: string): never {
  const de = german(ctx);
  const text = {
    2: de
      ? 'Das System kann die angegebene Datei nicht finden.'
      : 'The system cannot find the file specified.',
    3: de
      ? 'Das System kann den angegebenen Pfad nicht finden.'
      : 'The system cannot find the path specified.',
    5: de ? 'Zugriff verweigert' : 'Access is denied.',
  }[osError];
  return fail(
    ctx.model,
    [
      3201,
      de
        ? `Das Sicherungsmedium '${path}' kann nicht geöffnet werden. Betriebssystemfehler ${osError}(${text}).`
        : `Cannot open backup device '${path}'. Operating system error ${osError}(${text}).`,
    ],
    [3013, de ? `${verb} wird fehlerbedingt beendet.` : `${verb} is terminating abnormally.`],
  );
}

/** A backed-up file's size: data files share the data, the log its own, FILESTREAM its container's. */
function fileMb(b: BackupFile, f: BackupFile['files'][number]): number {
  if (f.type === 'S') return f.sizeMb ?? 0;
  if (f.type === 'L') return b.logMb ?? 0;
  return b.sizeMb / Math.max(1, b.files.filter((x) => x.type === 'D').length);
}

/** CREATE ANY DATABASE: sysadmin or dbcreator here. */
export function mayCreateDatabase(model: SqlModel, login: string): boolean {
  const l = model.logins[findKey(model.logins, login) ?? ''];
  return l?.sysadmin === true || l?.dbcreator === true;
}

/**
 * Reads a backup file as the server does. `information`: VERIFYONLY, HEADERONLY, FILELISTONLY,
 * which need CREATE DATABASE ("RESTORE Statements – Arguments", Security: "obtaining
 * information about a backup set or backup device requires CREATE DATABASE permission").
 */
function readBackup(ctx: StatementContext, path: string, verb: string, information = false): BackupFile {
  if (information && !mayCreateDatabase(ctx.model, ctx.session.login))
    fail(
      ctx.model,
      [262, "CREATE DATABASE permission denied in database 'master'.", 14],
      [3013, `${verb} is terminating abnormally.`],
    );
  const where = resolvePath(ctx.model, path);
  if (!where.ok) deviceError(ctx, path, where.osError, verb);
  if (!where.ok || !existsSync(where.file)) return deviceError(ctx, path, 2, verb);
  let backup: BackupFile;
  try {
    backup = JSON.parse(readFileSync(where.file, 'utf8')) as BackupFile;
  } catch {
    return fail(
      ctx.model,
      [
        3241,
        `The media family on device '${path}' is incorrectly formed. SQL Server cannot process this media family.`,
      ],
      [3013, `${verb} is terminating abnormally.`],
    );
  }
  // An older server cannot read a newer server's media format at all: 3241 for every RESTORE
  // form (VERIFYONLY, HEADERONLY, FILELISTONLY), before any header is seen.
  if (majorOf(backup.serverVersion) > majorOf(ctx.model.version) && verb !== 'RESTORE DATABASE')
    fail(
      ctx.model,
      [
        3241,
        `The media family on device '${path}' is incorrectly formed. SQL Server cannot process this media family.`,
      ],
      [3013, `${verb} is terminating abnormally.`],
    );
  const { checksum, ...rest } = backup;
  if (backup.format !== 'xpmigrate-simulated-backup' || checksumOf(rest) !== checksum)
    fail(
      ctx.model,
      [3189, `Damage to the backup set was detected.`],
      [3013, `${verb} is terminating abnormally.`],
    );
  return backup;
}

/** Pages a backup or restore moves per I/O round here (64 MB): the grain of its progress. */
const PAGES_PER_ROUND = 8192;

/**
 * STATS = 10 progress as a real server gives it: "The STATS option reports the percentage
 * complete as of the threshold for reporting the next interval. This is at approximately the
 * specified percentage; for example, with STATS=10, if the amount completed is 40 percent, the
 * option might display 43 percent" ("BACKUP (Transact-SQL)", STATS). Progress moves in I/O
 * rounds, so a small database reports few, uneven steps (a 300 MB one: 21, 42, 64, 85, 100).
 */
async function stats(ctx: StatementContext, name: string, pages: number): Promise<void> {
  let next = 10;
  for (let done = Math.min(PAGES_PER_ROUND, pages); ; done = Math.min(done + PAGES_PER_ROUND, pages)) {
    const percent = pages > 0 ? Math.floor((done * 100) / pages) : 100;
    if (percent >= next) {
      await ctx.progress(percent, [
        info(
          ctx.model,
          3211,
          german(ctx) ? `${percent} Prozent verarbeitet.` : `${percent} percent processed.`,
        ),
      ]);
      next = (Math.floor(percent / 10) + 1) * 10;
    }
    if (done >= pages) break;
  }
  await ctx.progress(100, [
    info(ctx.model, 4035, `Processed ${pages} pages for database '${name}', file '${name}' on file 1.`),
  ]);
}

/** 3014: what a finished BACKUP or RESTORE reports. */
const processed = (ctx: StatementContext, verb: 'BACKUP' | 'RESTORE', pages: number) =>
  info(
    ctx.model,
    3014,
    `${verb} DATABASE successfully processed ${pages} pages in 0.100 seconds (50.000 MB/sec).`,
  );

const nvarchar = (name: string): Column => ({ name, type: 'nvarchar' });
const int = (name: string): Column => ({ name, type: 'int' });
const bigint = (name: string): Column => ({ name, type: 'bigint' });
const rows = (columns: Column[], data: Cell[][]): Result => ({ messages: [], rows: { columns, rows: data } });

/** `tempdb.dbo.xpmigrate_import_marks` or `[db].dbo.xpmigrate_import_marks`: the mark table. */
const MARKS = String.raw`(?:tempdb|\[.+?\])\.dbo\.xpmigrate_import_marks`;
const marksPattern = (text: string) => new RegExp(template(text).source.replaceAll('{t}', MARKS), 'i');
/** The database holding a statement's mark table: tempdb has no bracketed name. */
const marksIn = (ctx: StatementContext): string => ctx.ids.at(-1) ?? 'tempdb';

/** import-db's bookkeeping: a mark per committed batch, in the batch's own transaction. */
const IMPORT_STATEMENTS: Statement[] = [
  {
    // The mark of the unit in flight, read when an import begins: from now on the server takes
    // any other batch as a script batch.
    pattern: marksPattern(
      "IF OBJECT_ID(N'{t}') IS NOT NULL SELECT TOP (1) unit, db FROM {t} WHERE import_id = @id ORDER BY unit DESC",
    ),
    run: (ctx) => {
      if (!ctx.model.scripts) {
        scriptsOf(ctx.model);
        ctx.save();
      }
      const id = param(ctx, 'id');
      const table = marksIn(ctx);
      const last = scriptsOf(ctx.model)
        .marks.filter((k) => k.importId === id && eq(k.table, table))
        .sort((a, b) => b.unit - a.unit)[0];
      return rows([int('unit'), nvarchar('db')], last ? [[last.unit, last.db]] : []);
    },
  },
  {
    pattern: marksPattern(
      "IF OBJECT_ID(N'{t}') IS NULL CREATE TABLE {t} (import_id nvarchar(64) NOT NULL, unit int NOT NULL, db nvarchar(128) NOT NULL, PRIMARY KEY (import_id, unit)); DELETE FROM {t} WHERE import_id = @id; INSERT INTO {t} (import_id, unit, db) OUTPUT inserted.db VALUES (@id, @unit, DB_NAME())",
    ),
    run: (ctx) => {
      const table = marksIn(ctx);
      if (table !== 'tempdb') database(ctx, table);
      if (table !== 'tempdb' && !mayCreateObjects(ctx.model, ctx.session.login, table))
        fail(ctx.model, [262, `CREATE TABLE permission denied in database '${table}'.`, 14]);
      const mark = {
        importId: param(ctx, 'id'),
        unit: Number(ctx.params.unit),
        db: ctx.session.database,
        table,
      };
      if (ctx.session.tx) ctx.session.tx.marks.push(mark);
      else {
        const scripts = scriptsOf(ctx.model);
        keepMark(scripts, mark);
        ctx.save();
      }
      return rows([nvarchar('db')], [[mark.db]]);
    },
  },
  {
    pattern: marksPattern(
      "IF OBJECT_ID(N'{t}') IS NOT NULL BEGIN DELETE FROM {t} WHERE import_id = @id; IF NOT EXISTS (SELECT 1 FROM {t}) DROP TABLE {t}; END",
    ),
    run: (ctx) => {
      const id = param(ctx, 'id');
      const table = marksIn(ctx);
      const scripts = scriptsOf(ctx.model);
      scripts.marks = scripts.marks.filter((k) => !(k.importId === id && eq(k.table, table)));
      ctx.save();
      return { messages: [] };
    },
  },
  {
    // "XACT_STATE (Transact-SQL)": 1 an open transaction that can commit, 0 none; the simulator
    // ends a transaction a batch's error aborted (`reject.aborts: 'transaction'`), never dooms one.
    pattern: template('SELECT XACT_STATE() AS state'),
    run: (ctx) => rows([int('state')], [[ctx.session.tx ? 1 : 0]]),
  },
  {
    pattern: template('SELECT DB_NAME() AS db'),
    run: (ctx) => rows([nvarchar('db')], [[ctx.session.database]]),
  },
];

export const STATEMENTS: Statement[] = [
  ...IMPORT_STATEMENTS,
  // tedious sets its session options right after login: only SET statements.
  { pattern: /^(?:set [a-z_]+ (?:on|off|\d+|[a-z_]+(?: [a-z_]+)*) ?)+$/i, run: () => ({ messages: [] }) },
  // The mssql pool validates a connection before it lends it out.
  { pattern: /^select 1;?$/i, run: () => rows([int('')], [[1]]) },
  {
    pattern: template(
      "SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS version, CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS edition, CAST(SERVERPROPERTY('EngineEdition') AS int) AS engineEdition, CAST(SERVERPROPERTY('FilestreamEffectiveLevel') AS int) AS filestreamLevel, CAST(IS_SRVROLEMEMBER('sysadmin') AS int) AS sysadmin, SUSER_SNAME() AS login, CAST(SERVERPROPERTY('ServerName') AS nvarchar(256)) AS serverName, CAST(SERVERPROPERTY('InstanceDefaultDataPath') AS nvarchar(512)) AS dataPath, CAST(SERVERPROPERTY('InstanceDefaultLogPath') AS nvarchar(512)) AS logPath",
    ),
    run: (ctx) => {
      const m = ctx.model;
      return rows(
        [
          nvarchar('version'),
          nvarchar('edition'),
          int('engineEdition'),
          int('filestreamLevel'),
          int('sysadmin'),
          nvarchar('login'),
          nvarchar('serverName'),
          nvarchar('dataPath'),
          nvarchar('logPath'),
        ],
        [
          [
            m.version,
            m.edition,
            m.engineEdition,
            m.filestreamLevel,
            isSysadmin(ctx) ? 1 : 0,
            ctx.session.login,
            m.name,
            defaultPathsKnown(m.version) ? m.dataPath : null,
            defaultPathsKnown(m.version) ? m.logPath : null,
          ],
        ],
      );
    },
  },
  {
    // Where the model database's files are: the folder new databases go to, on any version.
    pattern: template(
      "SELECT type AS kind, physical_name AS path FROM sys.master_files WHERE database_id = DB_ID(N'model')",
    ),
    run: (ctx) =>
      rows(
        [int('kind'), nvarchar('path')],
        [
          [0, `${ctx.model.dataPath}model.mdf`],
          [1, `${ctx.model.logPath}modellog.ldf`],
        ],
      ),
  },
  {
    pattern: template(
      "SELECT TOP (1) service_account AS account FROM sys.dm_server_services WHERE servicename LIKE N'SQL Server (%'",
    ),
    run: (ctx) => {
      if (!isSysadmin(ctx))
        fail(
          ctx.model,
          [300, "VIEW SERVER STATE permission was denied on object 'server', database 'master'.", 14],
          [297, 'The user does not have permission to perform this action.'],
        );
      return rows([nvarchar('account')], [[ctx.model.serviceAccount]]);
    },
  },
  {
    pattern: template(
      'SELECT d.name AS name, d.state_desc AS state, CAST(SUM(CAST(f.size AS bigint)) * 8 / 1024 AS bigint) AS sizeMb, CAST(SUM(CASE WHEN f.type = 0 THEN CAST(f.size AS bigint) ELSE 0 END) * 8 / 1024 AS bigint) AS dataMb FROM sys.databases AS d LEFT JOIN sys.master_files AS f ON f.database_id = d.database_id GROUP BY d.name, d.state_desc ORDER BY d.name',
    ),
    run: (ctx) => {
      // sys.master_files rows only for sysadmin or a login with the rights to see them.
      const login = ctx.model.logins[findKey(ctx.model.logins, ctx.session.login) ?? ''];
      const sees = isSysadmin(ctx) || login?.viewFiles === true;
      return rows(
        [nvarchar('name'), nvarchar('state'), bigint('sizeMb'), bigint('dataMb')],
        Object.entries(ctx.model.databases)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([name, db]) => [
            name,
            db.state,
            sees ? db.sizeMb + (db.logMb ?? 0) : null,
            sees ? db.sizeMb : null,
          ]),
      );
    },
  },
  {
    pattern: template(
      "SELECT l.name AS language FROM sys.configurations AS c JOIN sys.syslanguages AS l ON l.langid = CAST(c.value_in_use AS int) WHERE c.name = N'default language'",
    ),
    run: (ctx) => rows([nvarchar('language')], [[ctx.model.defaultLanguage ?? 'us_english']]),
  },
  {
    pattern: template(
      "SELECT TOP (500) bs.database_name AS [database], CAST(bs.backup_size / 1048576 AS bigint) AS sizeMb, DATEDIFF(SECOND, bs.backup_start_date, bs.backup_finish_date) AS seconds, CONVERT(nvarchar(33), bs.backup_finish_date, 126) AS finishedAt, bmf.physical_device_name AS device FROM msdb.dbo.backupset AS bs JOIN msdb.dbo.backupmediafamily AS bmf ON bmf.media_set_id = bs.media_set_id AND bmf.family_sequence_number = 1 WHERE bs.type = 'D' ORDER BY bs.backup_finish_date DESC",
    ),
    run: (ctx) =>
      rows(
        [nvarchar('database'), bigint('sizeMb'), int('seconds'), nvarchar('finishedAt'), nvarchar('device')],
        (ctx.model.backupHistory ?? [])
          .slice(0, 500)
          .map((b) => [b.database, b.sizeMb, b.seconds, b.finishedAt, b.device]),
      ),
  },
  {
    pattern: template(
      'SELECT DISTINCT vs.volume_mount_point AS volume, CAST(vs.available_bytes / 1048576 AS bigint) AS freeMb FROM sys.master_files AS f CROSS APPLY sys.dm_os_volume_stats(f.database_id, f.file_id) AS vs',
    ),
    run: (ctx) =>
      rows([nvarchar('volume'), bigint('freeMb')], [[ctx.model.dataPath.slice(0, 3), ctx.model.freeMb]]),
  },
  {
    // Runs as the SQL Server's service account: what it sees, not what the tool sees.
    pattern: template('EXEC master.dbo.xp_fileexist @path'),
    run: (ctx) => {
      const where = resolvePath(ctx.model, param(ctx, 'path'));
      const found = where.ok && existsSync(where.file);
      const isDir = found && statSync(where.file).isDirectory();
      const parent = where.ok && existsSync(dirname(where.file));
      return rows(
        [int('File Exists'), int('File is a Directory'), int('Parent Directory Exists')],
        [[found && !isDir ? 1 : 0, isDir ? 1 : 0, parent ? 1 : 0]],
      );
    },
  },
  {
    pattern: template(
      "SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM {id}.sys.database_role_members AS rm JOIN {id}.sys.database_principals AS r ON r.principal_id = rm.role_principal_id JOIN {id}.sys.database_principals AS m ON m.principal_id = rm.member_principal_id WHERE r.name = N'db_owner' AND SUSER_SNAME(m.sid) = @account) OR EXISTS (SELECT 1 FROM sys.databases WHERE name = @database AND SUSER_SNAME(owner_sid) = @account) THEN 1 ELSE 0 END AS int) AS isOwner",
    ),
    run: (ctx) => {
      const [name] = ctx.ids;
      const db = database(ctx, name!);
      return rows([int('isOwner')], [[isOwner(db, param(ctx, 'account')) ? 1 : 0]]);
    },
  },
  {
    pattern: template('IF DB_ID(@database) IS NULL CREATE DATABASE {id}'),
    run: (ctx) => {
      const name = ctx.ids[0]!;
      if (name !== param(ctx, 'database'))
        fail(ctx.model, [50001, `simulator: identifier ${name} does not match @database`]);
      if (findKey(ctx.model.databases, name)) return { messages: [] };
      if (!isSysadmin(ctx))
        fail(ctx.model, [262, "CREATE DATABASE permission denied in database 'master'.", 14]);
      ctx.model.databases[name] = xphoneDatabase(ctx.model, name, 16, ctx.session.login);
      ctx.save('create-database');
      return { messages: [] };
    },
  },
  {
    pattern: template(
      'IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = @account) CREATE LOGIN {id} FROM WINDOWS',
    ),
    run: (ctx) => {
      const name = ctx.ids[0]!;
      if (name !== param(ctx, 'account'))
        fail(ctx.model, [50001, `simulator: identifier ${name} does not match @account`]);
      if (findKey(ctx.model.logins, name)) return { messages: [] };
      if (!/^[^\\[\]";:|=,+*?<>]+\\[^\\[\]";:|=,+*?<>]+$/.test(name))
        fail(ctx.model, [15401, `Windows NT user or group '${name}' not found. Check the name again.`, 11]);
      if (!isSysadmin(ctx)) fail(ctx.model, [15247, 'User does not have permission to perform this action.']);
      ctx.model.logins[name] = { windows: true };
      ctx.save('create-login');
      return { messages: [] };
    },
  },
  {
    pattern: template(
      "USE {id}; DECLARE @user sysname = (SELECT name FROM sys.database_principals WHERE sid = SUSER_SID(@account)); IF @user IS NULL BEGIN CREATE USER {id} FOR LOGIN {id}; SET @user = @account; END; IF @user <> N'dbo' AND NOT EXISTS (SELECT 1 FROM sys.database_role_members WHERE role_principal_id = DATABASE_PRINCIPAL_ID(N'db_owner') AND member_principal_id = DATABASE_PRINCIPAL_ID(@user)) BEGIN DECLARE @grant nvarchar(300) = N'ALTER ROLE [db_owner] ADD MEMBER ' + QUOTENAME(@user); EXEC (@grant); END",
    ),
    run: (ctx) => {
      const [dbName, user, login] = ctx.ids as [string, string, string];
      const account = param(ctx, 'account');
      if (user !== account || login !== account)
        fail(ctx.model, [50001, 'simulator: identifiers do not match @account']);
      const db = database(ctx, dbName);
      if (!findKey(ctx.model.logins, account))
        fail(ctx.model, [15007, `'${account}' is not a valid login or you do not have permission.`]);
      if (!isSysadmin(ctx)) fail(ctx.model, [15247, 'User does not have permission to perform this action.']);
      // The login's user by its SID (here: its login), whatever its name: a restore keeps the old name.
      let key = Object.keys(db.users).find((k) => db.users[k]!.login.toLowerCase() === account.toLowerCase());
      if (!key) {
        // CREATE USER: a user of that name for another login is 15023 ("CREATE USER (Transact-SQL)").
        if (findKey(db.users, account))
          fail(ctx.model, [
            15023,
            `User, group, or role '${account}' already exists in the current database.`,
          ]);
        db.users[account] = { login: account, roles: [] };
        key = account;
        ctx.save('create-user');
      }
      const dbUser = db.users[key]!;
      if (key.toLowerCase() !== 'dbo' && !dbUser.roles.includes('db_owner')) {
        dbUser.roles.push('db_owner');
        ctx.save('add-role-member');
      }
      return { messages: [] };
    },
  },
  {
    pattern: template(
      'BACKUP DATABASE @database TO DISK = @file WITH COPY_ONLY, CHECKSUM, INIT, NAME = @backupSet, STATS = 10',
    ),
    run: async (ctx) => {
      const name = param(ctx, 'database');
      const path = param(ctx, 'file');
      const db = database(ctx, name);
      if (!isSysadmin(ctx) && !isOwner(db, ctx.session.login))
        fail(
          ctx.model,
          [262, `BACKUP DATABASE permission denied in database '${name}'.`, 14],
          [3013, 'BACKUP DATABASE is terminating abnormally.'],
        );
      const where = resolvePath(ctx.model, path, 'write');
      if (!where.ok) return deviceError(ctx, path, where.osError, 'BACKUP DATABASE');
      const folder = where.file.replace(/[\\/][^\\/]*$/, '');
      if (!existsSync(folder)) return deviceError(ctx, path, 3, 'BACKUP DATABASE');
      const pages = db.sizeMb * 128;
      const started = Date.now();
      await stats(ctx, name, pages);
      // msdb keeps every full backup, COPY_ONLY ones too ("backupset"): the next twin reads them.
      ctx.model.backupHistory = [
        {
          database: name,
          sizeMb: db.sizeMb,
          seconds: Math.round((Date.now() - started) / 1000),
          finishedAt: new Date().toISOString().slice(0, 19),
          device: path,
        },
        ...(ctx.model.backupHistory ?? []),
      ];
      const body = {
        format: 'xpmigrate-simulated-backup' as const,
        database: name,
        serverVersion: ctx.model.version,
        sizeMb: db.sizeMb,
        ...(db.logMb ? { logMb: db.logMb } : {}),
        files: db.files,
        users: db.users,
        content: db.content,
        backupSet: param(ctx, 'backupSet'),
      };
      writeAtomic(where.file, `${JSON.stringify({ ...body, checksum: checksumOf(body) }, null, 2)}\n`);
      ctx.save('backup');
      return { messages: [processed(ctx, 'BACKUP', pages)] };
    },
  },
  {
    // import-db, before the first batch in a database: may it create its mark table there?
    pattern: template(
      "SELECT CAST(HAS_PERMS_BY_NAME(DB_NAME(), 'DATABASE', 'CREATE TABLE') AS int) AS createTable, CAST(HAS_PERMS_BY_NAME(N'dbo', 'SCHEMA', 'ALTER') AS int) AS alterSchema",
    ),
    run: (ctx) => {
      const may = mayCreateObjects(ctx.model, ctx.session.login, ctx.session.database) ? 1 : 0;
      return rows([int('createTable'), int('alterSchema')], [[may, may]]);
    },
  },
  {
    pattern: template(
      "SELECT CAST(HAS_PERMS_BY_NAME(NULL, NULL, 'CREATE ANY DATABASE') AS int) AS createDatabase",
    ),
    run: (ctx) => rows([int('createDatabase')], [[mayCreateDatabase(ctx.model, ctx.session.login) ? 1 : 0]]),
  },
  {
    // BACKUP DATABASE: sysadmin, the database's owner, db_owner or db_backupoperator; NULL for a
    // database that does not exist ("HAS_PERMS_BY_NAME (Transact-SQL)").
    pattern: template(
      "SELECT CAST(HAS_PERMS_BY_NAME(@database, 'DATABASE', 'BACKUP DATABASE') AS int) AS mayBackup",
    ),
    run: (ctx) => {
      const key = findKey(ctx.model.databases, param(ctx, 'database'));
      const db = key ? ctx.model.databases[key]! : undefined;
      const login = ctx.session.login;
      const may =
        db &&
        (isSysadmin(ctx) ||
          isOwner(db, login) ||
          Object.values(db.users).some((u) => eq(u.login, login) && u.roles.includes('db_backupoperator')));
      return rows([int('mayBackup')], [[db ? (may ? 1 : 0) : null]]);
    },
  },
  {
    // xpmigrate's write probe: model is small and on every server; sysadmin may back it up.
    pattern: template('BACKUP DATABASE [model] TO DISK = @file WITH COPY_ONLY, INIT, FORMAT'),
    run: (ctx) => {
      const path = param(ctx, 'file');
      if (!isSysadmin(ctx))
        fail(
          ctx.model,
          [262, "BACKUP DATABASE permission denied in database 'model'.", 14],
          [3013, 'BACKUP DATABASE is terminating abnormally.'],
        );
      const where = resolvePath(ctx.model, path, 'write');
      if (!where.ok) return deviceError(ctx, path, where.osError, 'BACKUP DATABASE');
      if (!existsSync(dirname(where.file))) return deviceError(ctx, path, 3, 'BACKUP DATABASE');
      const body = {
        format: 'xpmigrate-simulated-backup' as const,
        database: 'model',
        serverVersion: ctx.model.version,
        sizeMb: 8,
        files: [],
        users: {},
        content: 'model',
      };
      writeAtomic(where.file, `${JSON.stringify({ ...body, checksum: checksumOf(body) }, null, 2)}\n`);
      return { messages: [processed(ctx, 'BACKUP', 1024)] };
    },
  },
  {
    // Undocumented, used by maintenance plans' cleanup: deletes a file only if it is a backup.
    pattern: template('EXEC master.sys.xp_delete_file 0, @file'),
    run: (ctx) => {
      if (!isSysadmin(ctx))
        fail(ctx.model, [229, "The EXECUTE permission was denied on the object 'xp_delete_file'.", 14]);
      const where = resolvePath(ctx.model, param(ctx, 'file'), 'write');
      if (
        where.ok &&
        existsSync(where.file) &&
        readFileSync(where.file, 'utf8').includes('xpmigrate-simulated-backup')
      )
        rmSync(where.file);
      return { messages: [] };
    },
  },
  {
    pattern: template('RESTORE VERIFYONLY FROM DISK = @file WITH CHECKSUM'),
    run: (ctx) => {
      readBackup(ctx, param(ctx, 'file'), 'VERIFY DATABASE', true);
      return { messages: [info(ctx.model, 3262, 'The backup set on file 1 is valid.')] };
    },
  },
  {
    // "RESTORE HEADERONLY (Transact-SQL)", result set: BackupName nvarchar(128) is the backup
    // set's name given by BACKUP … WITH NAME (NULL when none was given).
    pattern: template('RESTORE HEADERONLY FROM DISK = @file'),
    run: (ctx) => {
      const b = readBackup(ctx, param(ctx, 'file'), 'RESTORE HEADERONLY', true);
      const [major = 0, minor = 0, build = 0] = b.serverVersion.split('.').map(Number);
      return rows(
        [
          nvarchar('DatabaseName'),
          int('SoftwareVersionMajor'),
          int('SoftwareVersionMinor'),
          int('SoftwareVersionBuild'),
          bigint('BackupSize'),
          nvarchar('BackupName'),
        ],
        [[b.database, major, minor, build, b.sizeMb * 1048576, b.backupSet ?? null]],
      );
    },
  },
  {
    pattern: template('RESTORE FILELISTONLY FROM DISK = @file'),
    run: (ctx) => {
      const b = readBackup(ctx, param(ctx, 'file'), 'RESTORE FILELIST', true);
      return rows(
        [nvarchar('LogicalName'), nvarchar('PhysicalName'), nvarchar('Type'), bigint('Size')],
        b.files.map((f) => [f.logical, f.physical, f.type, Math.round(fileMb(b, f) * 1048576)]),
      );
    },
  },
  {
    pattern:
      /^RESTORE DATABASE @database FROM DISK = @file WITH ((?:MOVE @logical\d+ TO @physical\d+, )*)CHECKSUM, STATS = 10(, REPLACE)?$/i,
    run: async (ctx) => {
      const name = param(ctx, 'database');
      const path = param(ctx, 'file');
      const verb = 'RESTORE DATABASE';
      if (!isSysadmin(ctx))
        fail(
          ctx.model,
          [3110, `User does not have permission to RESTORE database '${name}'.`, 14],
          [3013, `${verb} is terminating abnormally.`],
        );
      const backup = readBackup(ctx, path, verb);
      if (majorOf(backup.serverVersion) > majorOf(ctx.model.version))
        fail(
          ctx.model,
          [
            3169,
            `The database was backed up on a server running version ${backup.serverVersion}. That version is incompatible with this server, which is running version ${ctx.model.version}. Either restore the database on a server that supports the backup, or use a backup that is compatible with this server.`,
          ],
          [3013, `${verb} is terminating abnormally.`],
        );
      const existing = findKey(ctx.model.databases, name);
      if (existing && !ctx.flags.includes('replace'))
        fail(
          ctx.model,
          [3154, `The backup set holds a backup of a database other than the existing '${name}' database.`],
          [3013, `${verb} is terminating abnormally.`],
        );
      if (existing && (ctx.model.databases[existing]!.sessions ?? 0) > 0)
        fail(
          ctx.model,
          [3101, 'Exclusive access could not be obtained because the database is in use.', 16],
          [3013, `${verb} is terminating abnormally.`],
        );
      const moves = new Map<string, string>();
      for (const [key, value] of Object.entries(ctx.params)) {
        const n = /^logical(\d+)$/.exec(key)?.[1];
        if (n !== undefined) moves.set(String(value), param(ctx, `physical${n}`));
      }
      for (const f of backup.files)
        if (!moves.has(f.logical) && !f.physical.toLowerCase().startsWith(ctx.model.dataPath.toLowerCase()))
          fail(
            ctx.model,
            [
              5133,
              `Directory lookup for the file "${f.physical}" failed with the operating system error 3(The system cannot find the path specified.).`,
            ],
            [3013, `${verb} is terminating abnormally.`],
          );
      // A file name without a folder is not where SQL Server can create a database file.
      for (const physical of moves.values())
        if (!/^(?:[A-Za-z]:\\|\\\\)/.test(physical))
          fail(
            ctx.model,
            [
              5133,
              `Directory lookup for the file "${physical}" failed with the operating system error 2(The system cannot find the file specified.).`,
            ],
            [3013, `${verb} is terminating abnormally.`],
          );
      for (const logical of moves.keys())
        if (!backup.files.some((f) => f.logical === logical))
          fail(
            ctx.model,
            [
              3234,
              `Logical file '${logical}' is not part of database '${name}'. Use RESTORE FILELISTONLY to list the logical file names.`,
            ],
            [3013, `${verb} is terminating abnormally.`],
          );
      // The server checks the space before it writes ("insufficient free space": 3257), and an
      // Express edition its 10 GB of data per database (1827; FILESTREAM and log not counted).
      const total = backup.files.reduce((sum, f) => sum + fileMb(backup, f), 0);
      const replaced = existing
        ? ctx.model.databases[existing]!.sizeMb + (ctx.model.databases[existing]!.logMb ?? 0)
        : 0;
      if (total - replaced > ctx.model.freeMb)
        fail(
          ctx.model,
          [
            3257,
            `There is insufficient free space on disk volume '${ctx.model.dataPath.slice(0, 3)}' to create the database. The database requires ${Math.round((total - replaced) * 1048576)} additional free bytes, while ${ctx.model.freeMb * 1048576} bytes are available.`,
          ],
          [
            3119,
            'Problems were identified while planning for the RESTORE statement. Previous messages provide details.',
          ],
          [3013, `${verb} is terminating abnormally.`],
        );
      if (ctx.model.engineEdition === 4 && backup.sizeMb > 10240)
        fail(
          ctx.model,
          [
            1827,
            'CREATE DATABASE or ALTER DATABASE failed because the resulting cumulative database size would exceed your licensed limit of 10240 MB per database.',
          ],
          [3013, `${verb} is terminating abnormally.`],
        );
      const pages = backup.sizeMb * 128;
      await stats(ctx, name, pages);
      const key = existing ?? name;
      const previous = ctx.model.databases[key];
      ctx.model.databases[key] = {
        sizeMb: backup.sizeMb,
        ...(backup.logMb ? { logMb: backup.logMb } : {}),
        owner: previous?.owner ?? ctx.session.login,
        state: 'ONLINE',
        // Users come from the backup, as on a real server: the target's grants are gone.
        users: backup.users ?? {},
        files: backup.files.map((f) => ({ ...f, physical: moves.get(f.logical) ?? f.physical })),
        content: backup.content,
      };
      const id = (ctx.model.restoreHistory.at(-1)?.id ?? 0) + 1;
      ctx.model.restoreHistory.push({
        id,
        database: key,
        file: path,
        ...(backup.backupSet ? { backupSet: backup.backupSet } : {}),
      });
      ctx.save('restore');
      return { messages: [processed(ctx, 'RESTORE', pages)] };
    },
  },
  {
    // "backupset (Transact-SQL)": name is the backup set's name; restorehistory.backup_set_id
    // points at the set that was restored.
    pattern: template(
      'SELECT TOP (1) rh.restore_history_id AS id, bmf.physical_device_name AS [file], bs.name AS backupSet FROM msdb.dbo.restorehistory AS rh JOIN msdb.dbo.backupset AS bs ON bs.backup_set_id = rh.backup_set_id JOIN msdb.dbo.backupmediafamily AS bmf ON bmf.media_set_id = bs.media_set_id WHERE rh.destination_database_name = @database ORDER BY rh.restore_history_id DESC',
    ),
    run: (ctx) => {
      const name = param(ctx, 'database');
      const last = ctx.model.restoreHistory.filter((r) => eq(r.database, name)).at(-1);
      return rows(
        [int('id'), nvarchar('file'), nvarchar('backupSet')],
        last ? [[last.id, last.file, last.backupSet ?? null]] : [],
      );
    },
  },
  {
    // "ALTER DATABASE SET options": OFFLINE WITH ROLLBACK IMMEDIATE ends the other sessions
    // (their open transactions rolled back) and closes the database; nobody can connect to it.
    pattern: template(
      'IF DB_ID(@database) IS NOT NULL ALTER DATABASE {id} SET OFFLINE WITH ROLLBACK IMMEDIATE',
    ),
    run: (ctx) => alterState(ctx, 'OFFLINE'),
  },
  {
    pattern: template('IF DB_ID(@database) IS NOT NULL ALTER DATABASE {id} SET ONLINE'),
    run: (ctx) => alterState(ctx, 'ONLINE'),
  },
  {
    pattern: template('SELECT state_desc AS state FROM sys.databases WHERE name = @database'),
    run: (ctx) => {
      const key = findKey(ctx.model.databases, param(ctx, 'database'));
      return rows([nvarchar('state')], key ? [[ctx.model.databases[key]!.state]] : []);
    },
  },
];

function alterState(ctx: StatementContext, state: 'OFFLINE' | 'ONLINE'): Result {
  const name = ctx.ids[0]!;
  if (name !== param(ctx, 'database'))
    fail(ctx.model, [50001, `simulator: identifier ${name} does not match @database`]);
  const key = findKey(ctx.model.databases, name);
  if (!key) return { messages: [] };
  if (!isSysadmin(ctx) && !eq(ctx.model.databases[key]!.owner, ctx.session.login))
    fail(ctx.model, [5011, `User does not have permission to alter database '${name}'.`, 14]);
  const db = ctx.model.databases[key]!;
  db.state = state;
  if (state === 'OFFLINE') db.sessions = 0;
  ctx.save(`database-${state.toLowerCase()}`);
  return { messages: [] };
}

/** Finds what a statement means, or refuses it: no test may pass on a statement nobody checked. */
export function recognise(sql: string): { statement: Statement; ids: string[]; flags: string[] } | undefined {
  const text = sql.replace(/\s+/g, ' ').trim();
  for (const statement of STATEMENTS) {
    const match = statement.pattern.exec(text);
    if (!match) continue;
    const ids = [...text.matchAll(new RegExp(ID, 'g'))]
      .map((m) => m[1]!.replace(/\]\]/g, ']'))
      .filter((id) => id !== 'db_owner');
    const flags = /, REPLACE$/i.test(text) ? ['replace'] : [];
    return { statement, ids, flags };
  }
  return undefined;
}
