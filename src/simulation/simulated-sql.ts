import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { serverAddress } from '../actors/sql-server/index.js';
import type { SqlCredentials } from '../host/index.js';
import { sampleCatalog } from './simulated-catalog.js';
import { defaultModel, type SqlModel, xphoneDatabase } from './sql-server/model.js';
import { loadModel } from './sql-server/model-file.js';

/** The simulated administrator's Windows session: what integrated security logs in as. */
export const SIMULATED_OPERATOR: SqlCredentials = { user: 'XPHONE\\admin', password: 'rehearsal' };

/** The rehearsal's two XPhone servers: the old one a run starts on, and the new one. */
export const SIMULATED_NEW_HOST = 'NEWXPHONE';
export const SIMULATED_OLD_HOST = 'OLDXPHONE';
const NEW_HOST = SIMULATED_NEW_HOST;
const OLD_HOST = SIMULATED_OLD_HOST;

/**
 * A rehearsal's defaults: the old server's SQL Express holds the data, Analytics in an instance of
 * its own; the share both servers reach.
 */
export const SIMULATED_SOURCE_SQL = `${OLD_HOST}\\XPCONNECT`;
export const SIMULATED_ANALYTICS_SQL = `${OLD_HOST}\\XPANALYTICS`;
export const SIMULATED_SHARE = '\\\\FILESRV\\XPhoneBackup';
/** The XPhone service account of the rehearsal's domain (steps 2a, 7, 7a). */
export const SIMULATED_SERVICE_ACCOUNT = 'XPHONE\\svc-xphone';

/**
 * `(local)\XPCONNECT`, `.\xpconnect`, `localhost\XPCONNECT` → `<here>\XPCONNECT`: the instance
 * of the machine xpmigrate runs on (`here`, the old server unless said).
 */
export function simulatedServerName(server: string, here: string = OLD_HOST): string {
  const a = serverAddress(server);
  const host = a.local ? here.toUpperCase() : a.host.toUpperCase();
  return a.instance ? `${host}\\${a.instance.toUpperCase()}` : host;
}

/** The XPhone setup's own instances are SQL Express (XPCONNECT, XPANALYTICS and their 2019 successors). */
export function isExpressInstance(name: string): boolean {
  return /\\(XPCONNECT|XPANALYTICS)/i.test(name);
}

/**
 * What a server looks like when a rehearsal first reaches it: the old server's SQL Express 2014
 * holding the XPhone databases; the new server's SQL Express 2019 with the empty databases its
 * setup created (so the restore must replace them); any other server a SQL Server 2019 Standard.
 */
export function simulatedServer(name: string, backupDir: string): SqlModel {
  mkdirSync(backupDir, { recursive: true });
  const model = defaultModel(name, backupDir);
  model.progressDelayMs = 3;
  // The data disk the rehearsal's operator names for a script import's files (file-locations).
  model.folders = ['D:\\SQLData\\'];
  const express = isExpressInstance(name);
  if (express) {
    model.edition = 'Express Edition (64-bit)';
    model.engineEdition = 4;
  }
  if (name.startsWith(`${OLD_HOST}\\`)) {
    model.version = '12.0.6024.0';
    model.dataPath = model.dataPath.replace('MSSQL15', 'MSSQL12');
    model.logPath = model.dataPath;
    model.catalogs = {};
    // XPCONNECT holds XPDATA and XPVDIR, XPANALYTICS holds XPSTATS (DOMAIN.md; after the SQL Express
    // upgrade their 2019 successors); another instance nothing.
    const sizes: Record<string, number> = /\\XPANALYTICS(2019)?$/i.test(name)
      ? { XPSTATS: 256 }
      : /\\XPCONNECT(2019)?$/i.test(name)
        ? { XPDATA: 512, XPVDIR: 128 }
        : {};
    for (const [db, size] of Object.entries(sizes)) {
      model.databases[db] = { ...xphoneDatabase(model, db, size), content: `${name}:${db}` };
      // What export-db reads there (the move with SQL scripts).
      model.catalogs[db] = sampleCatalog(db, model.dataPath)!;
    }
    model.backupHistory = nightlyBackups(model.dataPath, sizes);
  } else if (name.startsWith(`${NEW_HOST}\\`)) {
    for (const db of ['XPDATA', 'XPVDIR', 'XPSTATS']) model.databases[db] = xphoneDatabase(model, db, 16);
  }
  return model;
}

export function readSqlModels(folder: string): Record<string, SqlModel> {
  const models: Record<string, SqlModel> = {};
  let files: string[] = [];
  try {
    files = readdirSync(folder).filter((f) => f.endsWith('.json'));
  } catch {
    return models;
  }
  for (const f of files) {
    const model = loadModel(join(folder, f));
    if (model) models[model.name] = model;
  }
  return models;
}

/**
 * msdb's record of the old server's nightly full backups (the Backup-Manager's and the
 * customer's own): three nights at about 40 MB/s, the rate a SQL Express on a VM disk reaches.
 */
function nightlyBackups(
  folder: string,
  sizes: Record<string, number>,
): NonNullable<SqlModel['backupHistory']> {
  const nights = [1, 2, 3].map((n) => new Date(Date.UTC(2026, 10, 28 - n, 22, 0, 0)));
  return nights.flatMap((night, n) =>
    Object.entries(sizes).map(([database, sizeMb]) => ({
      database,
      sizeMb,
      seconds: Math.round(sizeMb / (36 + 4 * n)),
      finishedAt: night.toISOString().slice(0, 19),
      device: `${folder}Backup\\${database}.bak`,
    })),
  );
}
