import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { XpmError } from '../../errors/index.js';
import {
  type EffectContext,
  type EffectRegistry,
  fail,
  ok,
  setting,
  sourcesOf,
  traceKey,
} from '../effect.js';
import {
  runServer,
  SqlConnection,
  serverFacts,
  serverLabel,
  sqlAccess,
  withSql,
} from '../sql-server/index.js';
import { exportDatabase } from './export.js';
import { importScript, withTargetFolders } from './import.js';
import { type TargetVersion, targetFactsOf, targetForServer } from './target.js';
import { censusDifferences, takeCensus } from './verify.js';

/** The step whose evidence names the target's file folders (the script variables). */
const FILE_LOCATIONS_STEP = 'dbscript.file-locations';

function scriptDir(ctx: EffectContext): string {
  if (!ctx.options.scriptDir) throw new XpmError('E_INPUT_MISSING', { flag: '--script-dir' });
  return ctx.options.scriptDir;
}

const scriptOf = (ctx: EffectContext, database: string) => join(scriptDir(ctx), `${database}.sql`);

/** The databases whose script the export wrote (one missing on the source has none). */
function exported(ctx: EffectContext): string[] {
  const databases = ctx.options.databases.filter((db) => existsSync(scriptOf(ctx, db)));
  if (databases.length === 0)
    throw new XpmError('E_IMPORT_NO_SCRIPT', {
      dir: scriptDir(ctx),
      files: ctx.options.databases.map((db) => `${db}.sql`).join(', '),
    });
  return databases;
}

/** `D:\Data` → `D:\Data\`: the script puts the file name right after the variable. */
const folder = (path: string) => (/[\\/]$/.test(path) ? path : `${path}\\`);

/** The operator's file locations as the script's variables; absent, the target's defaults (import). */
function fileVars(ctx: EffectContext): Record<string, string> {
  const given = ctx.evidenceOf(FILE_LOCATIONS_STEP);
  return {
    ...(given.dataPath ? { DataPath: folder(given.dataPath) } : {}),
    ...(given.logPath ? { LogPath: folder(given.logPath) } : {}),
  };
}

/** The database move with SQL scripts: export for the target's version, import like SQLCMD, verify. */
export const sqlScriptEffects = {
  // Rerunnable: each script is written beside its place and renamed only when complete.
  'sql-script.export': {
    needs: ['sourceSqlServer', 'sqlServer'],
    async run(ctx) {
      const targetServer = setting(ctx, 'sqlServer');
      const facts = await withSql(await runServer(ctx, 'target'), serverFacts);
      // `start` accepts only the versions a script can be written for.
      const target = (ctx.options.scriptTarget as TargetVersion | undefined) ?? targetForServer(facts.major);
      if (target === undefined)
        throw new XpmError('E_EXPORT_TARGET_OLD', {
          server: serverLabel(targetServer),
          version: facts.version,
        });
      mkdirSync(scriptDir(ctx), { recursive: true });
      const scripts = [];
      // Each database from the instance that holds it: Analytics' from its own (XPANALYTICS).
      for (const group of sourcesOf(ctx.options)) {
        const source = await sqlAccess(group.server, ctx.host);
        const onSource = (await withSql(source, serverFacts)).databases.map((d) => d.name.toLowerCase());
        for (const database of group.databases) {
          if (!onSource.includes(database.toLowerCase())) continue;
          const result = await withSql(
            source,
            (c) =>
              exportDatabase(c, {
                target,
                out: scriptOf(ctx, database),
                at: new Date(ctx.clock.now()).toISOString(),
                server: serverLabel(group.server),
                facts: targetFactsOf(facts),
                onTable: (p) => {
                  if (p.done) ctx.progress({ operation: `EXPORT ${p.table}`, database, percent: 100 });
                },
              }),
            { database, longRunning: true },
          );
          const { findings, ...figures } = result;
          scripts.push({ database, ...figures, warnings: findings.map((f) => `${f.object}: ${f.text.en}`) });
        }
      }
      return ok({ target, scripts });
    },
  },
  // Rerunnable: the import's own checkpoints continue it at the next batch, never twice.
  'sql-script.import': {
    needs: ['sqlServer'],
    async run(ctx) {
      const access = await runServer(ctx, 'target');
      const server = serverLabel(setting(ctx, 'sqlServer'));
      const imported = [];
      const vars = await withTargetFolders(fileVars(ctx), () => SqlConnection.open(access));
      for (const database of exported(ctx)) {
        // In tenths, as BACKUP's STATS: each one shown and journaled.
        let total = 0;
        let shown = -1;
        const tenth = (percent: number) => {
          if (percent <= shown) return;
          shown = percent;
          ctx.progress({ operation: 'IMPORT', database, percent });
        };
        const result = await importScript(
          (db) => SqlConnection.open(access, { longRunning: true, ...(db ? { database: db } : {}) }),
          ctx.imports,
          {
            file: scriptOf(ctx, database),
            server,
            scope: traceKey(ctx),
            vars,
            // The export's only batches outside a transaction (CREATE DATABASE guarded by DB_ID,
            // the compatibility level) may run twice: an interrupted one is sent again.
            resolve: 'rerun',
            onProgress: (p) => {
              if (p.total > 0) total = p.total;
              if (p.batch >= 0 && total > 0) tenth(Math.floor((p.bytes / total) * 10) * 10);
            },
            // Batches committed with their mark are the ones a second run would repeat: counted.
            at: (_unit, point, marked) =>
              point === 'after-commit' && marked ? ctx.host.applied('sql-script.batch') : undefined,
          },
        );
        tenth(100);
        imported.push({
          database,
          batches: result.batches,
          units: result.units,
          resumedAt: result.resumedAt,
          ...(result.settled ? { settled: result.settled } : {}),
        });
      }
      return ok({ imported });
    },
  },
  'sql-script.verify': {
    needs: ['sourceSqlServer', 'sqlServer'],
    async run(ctx) {
      const sources = sourcesOf(ctx.options);
      const target = await runServer(ctx, 'target');
      const verified = [];
      for (const database of exported(ctx)) {
        const from =
          sources.find((s) => s.databases.includes(database))?.server ?? setting(ctx, 'sourceSqlServer');
        const before = await withSql(await sqlAccess(from, ctx.host), takeCensus, { database });
        const after = await withSql(target, takeCensus, { database });
        const differences = censusDifferences(before, after);
        if (differences.length > 0)
          return fail('E_IMPORT_MISMATCH', differences.join('; '), {
            params: {
              database,
              server: serverLabel(setting(ctx, 'sqlServer')),
              differences: differences.slice(0, 5).join('; ') + (differences.length > 5 ? ' …' : ''),
            },
          });
        const rows = [...after.tables.values()].reduce((a, b) => a + b, 0);
        verified.push({ database, tables: after.tables.size, rows, modules: after.modules.size });
      }
      return ok({ verified });
    },
  },
} satisfies Partial<EffectRegistry>;
