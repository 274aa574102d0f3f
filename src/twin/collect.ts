import { readdirSync, type Stats, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { findAtlasXml, readAtlas } from '../actors/atlas-xml/index.js';
import {
  backupHistory,
  folderVisibleToServer,
  serverFacts,
  serverLanguage,
  sqlAccess,
  withSql,
} from '../actors/sql-server/index.js';
import { isXpmError, XpmError } from '../errors/index.js';
import { backupManagerRuns } from '../formats/index.js';
import type { Host } from '../host/index.js';
import type { Text } from '../i18n/index.js';
import {
  hypervisorOf,
  type PreviousRun,
  TWIN_FORMAT,
  TWIN_SCHEMA,
  type Twin,
  type TwinAtlasEntry,
  type TwinFacts,
  type TwinSqlServer,
  type Unread,
} from './facts.js';
import { sealTwin } from './file.js';

export interface CollectOptions {
  /** The backup share (`--backup-dir`): seen from here and by each SQL Server. */
  backupDir?: string;
  /** The Backup-Manager's log file, or the folder of its logs (`--backup-manager-log`). */
  backupManagerLog?: string;
  env?: NodeJS.ProcessEnv;
  tool: string;
  now?: Date;
  /** Reads the last real run in this server's store (the caller knows the store). */
  previousRun?: () => PreviousRun | null;
}

/**
 * Where the Backup-Manager's log is looked for unless `--backup-manager-log` names it: the
 * install folder's `Logs`. The Backup-Manager shows its real log folder in its header.
 */
const BACKUP_MANAGER_LOG = join('Logs', 'XPhoneServerBackup.log');

/**
 * Reads the facts a rehearsal of this server needs, through the same Host and SQL code a run
 * uses, and writes nothing anywhere. Each fact that cannot be read is named with the reason;
 * the rest is still collected. No secret is kept: connection strings are reduced to server and
 * database, the SQL logins' passwords never leave the environment.
 */
export async function collectTwin(host: Host, options: CollectOptions): Promise<Twin> {
  const unread: Unread[] = [];
  const attempt = async <T>(fact: string, read: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      unread.push({ fact, reason: reasonOf(error) });
      return fallback;
    }
  };
  const inventory = await attempt('machine', () => host.inventory(), {
    services: [],
    appPools: [],
    volumes: [],
    hardware: '',
    problems: [],
  });
  for (const p of inventory.problems) unread.push({ fact: p.fact, reason: { de: p.detail, en: p.detail } });
  const installDir = await attempt('xphone.installDir', () => host.installDir(), '');
  const version = await attempt('xphone.version', async () => (await host.installedVersion()) ?? '', '');
  const atlas = installDir
    ? await attempt('atlas', async () => atlasEntries(findAtlasXml(installDir)), [])
    : [];
  const sql: TwinSqlServer[] = [];
  for (const server of [...new Set(atlas.map((e) => e.server).filter((s): s is string => !!s))]) {
    const names = atlas.filter((e) => e.server === server && e.database).map((e) => e.database!);
    const facts = await attempt(
      `sql:${server}`,
      () => sqlServer(host, server, names, options.env, unread),
      null,
    );
    if (facts) sql.push(facts);
  }
  const share = options.backupDir ? await shareFacts(host, options.backupDir, sql, options.env) : null;
  const log = options.backupManagerLog ?? (installDir ? join(installDir, BACKUP_MANAGER_LOG) : undefined);
  const skipped = (file: string, error: unknown) =>
    unread.push({ fact: `backupManager:${basename(file)}`, reason: reasonOf(error) });
  const backupManager = log ? await attempt('backupManager', async () => runsIn(log, skipped), []) : [];
  const facts: TwinFacts = {
    machine: {
      name: await attempt('machine.name', () => host.machineName(), ''),
      os: await attempt('machine.os', () => host.osVersion(), ''),
      hardware: inventory.hardware,
      virtual: hypervisorOf(inventory.hardware),
    },
    xphone: { version, installDir },
    services: inventory.services,
    appPools: inventory.appPools,
    volumes: inventory.volumes,
    atlas,
    sql,
    share,
    backupManager,
    previousRun: options.previousRun
      ? await attempt('previousRun', async () => options.previousRun!(), null)
      : null,
  };
  return sealTwin({
    format: TWIN_FORMAT,
    schema: TWIN_SCHEMA,
    tool: options.tool,
    collectedAt: (options.now ?? new Date()).toISOString(),
    simulated: host.kind === 'simulated',
    facts,
    unread,
  });
}

/**
 * The runs in one log, or in every `.log` of a folder (the Backup-Manager starts new files), oldest
 * first. In a folder, a file that cannot be read (binary, a crash's NUL tail, a link to a device)
 * is skipped and named, the others still count; what is no regular file (a pipe would never end)
 * is not opened at all.
 */
function runsIn(path: string, skipped: (file: string, error: unknown) => void): TwinFacts['backupManager'] {
  if (!statOf(path).isDirectory()) return backupManagerRuns(regularFile(path));
  const runs: TwinFacts['backupManager'] = [];
  for (const name of readdirSync(path).filter((f) => f.toLowerCase().endsWith('.log'))) {
    try {
      runs.push(...backupManagerRuns(regularFile(join(path, name))));
    } catch (error) {
      skipped(join(path, name), error);
    }
  }
  return runs.sort((a, b) => (a.startedAt < b.startedAt ? -1 : 1));
}

function statOf(path: string): Stats {
  try {
    return statSync(path);
  } catch (error) {
    throw new XpmError('E_DIAG_PATH', {
      path,
      detail: (error as NodeJS.ErrnoException).code ?? String(error),
    });
  }
}

function regularFile(file: string): string {
  if (!statSync(file).isFile())
    throw new XpmError('E_DIAG_PATH', { path: file, detail: 'not a regular file' });
  return file;
}

/** atlas.xml's connection entries: server and database only, never the string (it may hold a password). */
function atlasEntries(file: string): TwinAtlasEntry[] {
  return readAtlas(file).entries.map((e) => ({
    name: e.name,
    server: e.server ? e.server.raw : null,
    database: e.database ?? null,
    integratedSecurity: e.integratedSecurity,
  }));
}

async function sqlServer(
  host: Host,
  server: string,
  names: string[],
  env: NodeJS.ProcessEnv | undefined,
  unread: Unread[],
): Promise<TwinSqlServer> {
  return withSql(await sqlAccess(server, host, env), async (c) => {
    const facts = await serverFacts(c);
    const language = await serverLanguage(c).catch((error: unknown) => {
      unread.push({ fact: `sql:${server}:language`, reason: reasonOf(error) });
      return null;
    });
    const wanted = new Set(names.map((n) => n.toLowerCase()));
    const backups = (
      await backupHistory(c).catch((error: unknown) => {
        unread.push({ fact: `sql:${server}:backups`, reason: reasonOf(error) });
        return [];
      })
    ).filter((b) => wanted.has(b.database.toLowerCase()));
    return {
      server,
      version: facts.version,
      edition: facts.edition,
      engineEdition: facts.engineEdition,
      language: language ?? null,
      dataPath: facts.dataPath,
      logPath: facts.logPath,
      freeMb: facts.freeMb ?? null,
      databases: facts.databases
        .filter((d) => wanted.has(d.name.toLowerCase()))
        .map((d) => ({
          name: d.name,
          state: d.state,
          dataMb: d.dataMb,
          logMb: d.sizeMb !== null && d.dataMb !== null ? d.sizeMb - d.dataMb : null,
          backupMb: backups.find((b) => b.database.toLowerCase() === d.name.toLowerCase())?.sizeMb ?? null,
        })),
      backups,
    };
  });
}

async function shareFacts(
  host: Host,
  path: string,
  sql: TwinSqlServer[],
  env: NodeJS.ProcessEnv | undefined,
): Promise<TwinFacts['share']> {
  const seenHere = await host.pathExists(path).catch(() => false);
  const seenBySql: Record<string, boolean> = {};
  for (const s of sql) {
    seenBySql[s.server] = await sqlAccess(s.server, host, env)
      .then((access) => withSql(access, (c) => folderVisibleToServer(c, path)))
      .catch(() => false);
  }
  return { path, seenHere, seenBySql };
}

function reasonOf(error: unknown): Text {
  if (isXpmError(error))
    return { de: `${error.code}: ${error.text('de')}`, en: `${error.code}: ${error.text('en')}` };
  const text = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 300) : String(error);
  return { de: text, en: text };
}
