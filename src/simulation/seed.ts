import type { HostInventory } from '../host/index.js';
import { type SqlModel, xphoneDatabase } from './sql-server/model.js';

/** A SQL Server as the customer's twin describes it. */
export interface SeededSql {
  version: string;
  edition: string;
  engineEdition: number;
  language: string | null;
  freeMb: number | null;
  databases: Array<{ name: string; dataMb: number | null; logMb: number | null }>;
  backups: Array<{ database: string; sizeMb: number; seconds: number; finishedAt: string; device: string }>;
}

/**
 * The customer's server (from its twin) a rehearsal starts from instead of the sample: its
 * services and accounts, disks, machine, and its SQL Servers by the rehearsal's name for them
 * (`OLDXPHONE\XPCONNECT` for the old server's own instance, an external one by its name).
 */
export interface SimSeed {
  os?: string;
  hardware?: string;
  services?: HostInventory['services'];
  appPools?: Record<string, string>;
  volumes?: HostInventory['volumes'];
  sqlServers?: Record<string, SeededSql>;
}

/** SQL Express holds 10 GB of data per database (log and FILESTREAM not counted). */
export const EXPRESS_DATA_LIMIT_MB = 10 * 1024;

/** The simulated SQL Server `model` as the twin has it: version, edition, language, sizes, history. */
export function applySeed(model: SqlModel, seed: SeededSql | undefined): SqlModel {
  if (!seed) return model;
  model.version = seed.version;
  model.edition = seed.edition;
  model.engineEdition = seed.engineEdition;
  if (seed.language) model.defaultLanguage = seed.language;
  if (seed.freeMb !== null) model.freeMb = seed.freeMb;
  for (const db of seed.databases) {
    const existing = Object.keys(model.databases).find((n) => n.toLowerCase() === db.name.toLowerCase());
    const base = existing ? model.databases[existing]! : xphoneDatabase(model, db.name, db.dataMb ?? 16);
    model.databases[existing ?? db.name] = {
      ...base,
      sizeMb: db.dataMb ?? base.sizeMb,
      ...(db.logMb !== null ? { logMb: db.logMb } : {}),
    };
  }
  model.backupHistory = seed.backups;
  return model;
}

/** The largest database's data in a seed's SQL Servers, by name: what a restore must hold. */
export function largestSeededDatabase(
  seed: SimSeed | undefined,
): { name: string; dataMb: number } | undefined {
  const all = Object.values(seed?.sqlServers ?? {}).flatMap((s) => s.databases);
  const largest = all.sort((a, b) => (b.dataMb ?? 0) - (a.dataMb ?? 0))[0];
  return largest?.dataMb ? { name: largest.name, dataMb: largest.dataMb } : undefined;
}
