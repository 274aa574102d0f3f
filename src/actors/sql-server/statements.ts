/**
 * Every statement the tool sends to SQL Server. Identifiers are bracket-quoted with `]` doubled
 * (T-SQL takes no parameters for them); every value is a parameter of `sp_executesql`.
 */
export const quoteIdent = (name: string) => `[${name.replace(/]/g, ']]')}]`;

export const SERVER_FACTS =
  "SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS version, CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS edition, CAST(SERVERPROPERTY('EngineEdition') AS int) AS engineEdition, CAST(SERVERPROPERTY('FilestreamEffectiveLevel') AS int) AS filestreamLevel, CAST(IS_SRVROLEMEMBER('sysadmin') AS int) AS sysadmin, SUSER_SNAME() AS login, CAST(SERVERPROPERTY('ServerName') AS nvarchar(256)) AS serverName, CAST(SERVERPROPERTY('InstanceDefaultDataPath') AS nvarchar(512)) AS dataPath, CAST(SERVERPROPERTY('InstanceDefaultLogPath') AS nvarchar(512)) AS logPath";

/** The model database's files (type 0 data, 1 log): new databases' folders when SERVERPROPERTY has none. */
export const MODEL_FILES =
  "SELECT type AS kind, physical_name AS path FROM sys.master_files WHERE database_id = DB_ID(N'model')";

/** Needs VIEW SERVER STATE; without it the account stays unknown. */
export const SERVICE_ACCOUNT =
  "SELECT TOP (1) service_account AS account FROM sys.dm_server_services WHERE servicename LIKE N'SQL Server (%'";

/**
 * Every database with its size, and the data files' share (Express's 10 GB count data files
 * only, not the log). sys.master_files shows rows only with CREATE DATABASE, ALTER ANY DATABASE
 * or VIEW ANY DEFINITION ("sys.master_files", Microsoft Learn): a LEFT JOIN keeps a database a
 * db_owner-only login cannot size, its sizes then NULL.
 */
export const DATABASES =
  'SELECT d.name AS name, d.state_desc AS state, CAST(SUM(CAST(f.size AS bigint)) * 8 / 1024 AS bigint) AS sizeMb, CAST(SUM(CASE WHEN f.type = 0 THEN CAST(f.size AS bigint) ELSE 0 END) * 8 / 1024 AS bigint) AS dataMb FROM sys.databases AS d LEFT JOIN sys.master_files AS f ON f.database_id = d.database_id GROUP BY d.name, d.state_desc ORDER BY d.name';

export const FREE_SPACE =
  'SELECT DISTINCT vs.volume_mount_point AS volume, CAST(vs.available_bytes / 1048576 AS bigint) AS freeMb FROM sys.master_files AS f CROSS APPLY sys.dm_os_volume_stats(f.database_id, f.file_id) AS vs';

/** Runs under the SQL Server's service account: whether *it* can see the folder. */
export const FOLDER_EXISTS = 'EXEC master.dbo.xp_fileexist @path';

/**
 * What a login may do where xpmigrate only reads (the source): CREATE DATABASE, which RESTORE
 * VERIFYONLY, HEADERONLY and FILELISTONLY require ("RESTORE Statements – Arguments", Security).
 */
export const CREATE_DATABASE_PERMISSION =
  "SELECT CAST(HAS_PERMS_BY_NAME(NULL, NULL, 'CREATE ANY DATABASE') AS int) AS createDatabase";
/** @database. BACKUP DATABASE there: db_owner, db_backupoperator or sysadmin. NULL: no access. */
export const BACKUP_PERMISSION =
  "SELECT CAST(HAS_PERMS_BY_NAME(@database, 'DATABASE', 'BACKUP DATABASE') AS int) AS mayBackup";

/**
 * @file. Proves the SQL Server can *write* to the backup folder (xp_fileexist proves only that it
 * sees it): a copy-only backup of model, the smallest database every server has, written by the
 * service account as a real backup would be. Needs sysadmin or db_owner of model.
 */
export const WRITE_PROBE = 'BACKUP DATABASE [model] TO DISK = @file WITH COPY_ONLY, INIT, FORMAT';
/**
 * @file. Removes the probe, again as the service account. xp_delete_file (what maintenance
 * plans' cleanup runs; sysadmin) deletes only files with a SQL Server backup header, never another.
 */
export const REMOVE_PROBE = 'EXEC master.sys.xp_delete_file 0, @file';

/** @account, @database. Members of db_owner, or the database's owner (dbo). */
export const isDbOwner = (database: string) => {
  const db = quoteIdent(database);
  return `SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM ${db}.sys.database_role_members AS rm JOIN ${db}.sys.database_principals AS r ON r.principal_id = rm.role_principal_id JOIN ${db}.sys.database_principals AS m ON m.principal_id = rm.member_principal_id WHERE r.name = N'db_owner' AND SUSER_SNAME(m.sid) = @account) OR EXISTS (SELECT 1 FROM sys.databases WHERE name = @database AND SUSER_SNAME(owner_sid) = @account) THEN 1 ELSE 0 END AS int) AS isOwner`;
};

/** @database. */
export const createDatabase = (database: string) =>
  `IF DB_ID(@database) IS NULL CREATE DATABASE ${quoteIdent(database)}`;

/** @account: a Windows account (DOMAIN\user). */
export const createWindowsLogin = (account: string) =>
  `IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = @account) CREATE LOGIN ${quoteIdent(account)} FROM WINDOWS`;

/**
 * @account. The login's user is found by its SID, under whatever name a restore brought it
 * (a second user for the same login fails with 15063); only when there is none is one created,
 * named like the login as SSMS does for Windows logins. Membership is read from
 * sys.database_role_members: IS_ROLEMEMBER is NULL for a name that is no database principal
 * ("IS_ROLEMEMBER (Transact-SQL)"), which would skip the grant. `dbo` is db_owner already and
 * cannot be added (15405).
 */
export const grantDbOwner = (database: string, account: string) => {
  const a = quoteIdent(account);
  return `USE ${quoteIdent(database)}; DECLARE @user sysname = (SELECT name FROM sys.database_principals WHERE sid = SUSER_SID(@account)); IF @user IS NULL BEGIN CREATE USER ${a} FOR LOGIN ${a}; SET @user = @account; END; IF @user <> N'dbo' AND NOT EXISTS (SELECT 1 FROM sys.database_role_members WHERE role_principal_id = DATABASE_PRINCIPAL_ID(N'db_owner') AND member_principal_id = DATABASE_PRINCIPAL_ID(@user)) BEGIN DECLARE @grant nvarchar(300) = N'ALTER ROLE [db_owner] ADD MEMBER ' + QUOTENAME(@user); EXEC (@grant); END`;
};

/** @database, @file. */
/**
 * @database, @file, @backupSet: the backup set's name (NAME, at most 128 characters), which
 * HEADERONLY reads back as BackupName: the attempt that wrote a file is known by it.
 */
export const BACKUP =
  'BACKUP DATABASE @database TO DISK = @file WITH COPY_ONLY, CHECKSUM, INIT, NAME = @backupSet, STATS = 10';
/** @file. */
export const VERIFY = 'RESTORE VERIFYONLY FROM DISK = @file WITH CHECKSUM';
export const HEADER = 'RESTORE HEADERONLY FROM DISK = @file';
export const FILE_LIST = 'RESTORE FILELISTONLY FROM DISK = @file';

/**
 * @database. Before a RESTORE … REPLACE: the XPhone services' sessions hold the database and
 * RESTORE needs exclusive access (3101). OFFLINE WITH ROLLBACK IMMEDIATE ends them and, unlike
 * SINGLE_USER, lets no reconnecting service take the one slot before the restore; a restore over
 * an offline database brings it back online ("ALTER DATABASE SET Options", "RESTORE Statements").
 */
export const takeOffline = (database: string) =>
  `IF DB_ID(@database) IS NOT NULL ALTER DATABASE ${quoteIdent(database)} SET OFFLINE WITH ROLLBACK IMMEDIATE`;
/** @database. After a failed restore: the database the restore did not replace is back. */
export const bringOnline = (database: string) =>
  `IF DB_ID(@database) IS NOT NULL ALTER DATABASE ${quoteIdent(database)} SET ONLINE`;

/** @database, @file, @logicalN/@physicalN per moved file. REPLACE only when the operator named the database. */
export const restore = (moves: number, replace: boolean) =>
  `RESTORE DATABASE @database FROM DISK = @file WITH ${Array.from({ length: moves }, (_, i) => `MOVE @logical${i} TO @physical${i}, `).join('')}CHECKSUM, STATS = 10${replace ? ', REPLACE' : ''}`;

/**
 * @database: the newest restore of it (the probe compares ids before and after). `[file]`: FILE is
 * a reserved keyword ("Reserved Keywords (Transact-SQL)"), refused unquoted as an alias (error 156).
 */
export const LAST_RESTORE =
  'SELECT TOP (1) rh.restore_history_id AS id, bmf.physical_device_name AS [file], bs.name AS backupSet FROM msdb.dbo.restorehistory AS rh JOIN msdb.dbo.backupset AS bs ON bs.backup_set_id = rh.backup_set_id JOIN msdb.dbo.backupmediafamily AS bmf ON bmf.media_set_id = bs.media_set_id WHERE rh.destination_database_name = @database ORDER BY rh.restore_history_id DESC';

export const DATABASE_STATE = 'SELECT state_desc AS state FROM sys.databases WHERE name = @database';

/**
 * The server's `default language` (sp_configure), by name: what a session that asks for none
 * speaks. This tool's own sessions ask for us_english, so @@LANGUAGE would not tell.
 */
export const SERVER_LANGUAGE =
  "SELECT l.name AS language FROM sys.configurations AS c JOIN sys.syslanguages AS l ON l.langid = CAST(c.value_in_use AS int) WHERE c.name = N'default language'";

/**
 * The server's own record of its full backups (msdb.dbo.backupset, "backupset (Transact-SQL)"):
 * size and duration of each, the Backup-Manager's included. backup_size counts FILESTREAM data
 * too. The first family of a media set only, so a striped backup is one row. Newest first.
 */
export const BACKUP_HISTORY =
  "SELECT TOP (500) bs.database_name AS [database], CAST(bs.backup_size / 1048576 AS bigint) AS sizeMb, DATEDIFF(SECOND, bs.backup_start_date, bs.backup_finish_date) AS seconds, CONVERT(nvarchar(33), bs.backup_finish_date, 126) AS finishedAt, bmf.physical_device_name AS device FROM msdb.dbo.backupset AS bs JOIN msdb.dbo.backupmediafamily AS bmf ON bmf.media_set_id = bs.media_set_id AND bmf.family_sequence_number = 1 WHERE bs.type = 'D' ORDER BY bs.backup_finish_date DESC";
