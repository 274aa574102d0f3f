import { randomUUID } from 'node:crypto';
import { XpmError } from '../../errors/index.js';
import type { Clock } from '../../host/index.js';
import {
  type EffectBase,
  type EffectContext,
  type EffectRegistry,
  fail,
  ok,
  setting,
  sourcesOf,
  traceKey,
} from '../effect.js';
import {
  backupDatabase,
  backupFile,
  backupUsable,
  backupVerifies,
  checkRoom,
  restoreDatabase,
  restoredFrom,
} from './backup.js';
import { MIN_MAJOR, networkAccount, runChecks, serverFacts } from './checks.js';
import { type SqlAccess, SqlConnection, serverLabel, sqlAccess, withSql } from './connect.js';
import { ensureDatabases, ownedDatabases } from './databases.js';

/** Where a run's server is reached: the simulation names its simulator, a real host the network. */
export async function runServer(ctx: EffectBase, which: 'target' | 'source'): Promise<SqlAccess> {
  return sqlAccess(setting(ctx, which === 'target' ? 'sqlServer' : 'sourceSqlServer'), ctx.host);
}

function backupDir(ctx: EffectContext): string {
  return setting(ctx, 'backupDir');
}

/** The backup set name committed with the intent; an intent of an older build has none (a fresh one is written). */
const backupSetOf = (ctx: EffectContext) =>
  typeof ctx.input.backupSet === 'string' ? ctx.input.backupSet : `xpmigrate ${ctx.stepId} ${ctx.runId}`;

const filesOf = (ctx: EffectContext, stepId: string) =>
  ctx.options.databases.map((db) => ({
    db,
    file: backupFile(backupDir(ctx), db, traceKey({ runId: ctx.runId, stepId })),
  }));

/** SQL Server steps: databases for the service account (2a), FILESTREAM (2b), backup, restore. */
export const sqlServerEffects = {
  'sql.create-databases': {
    needs: ['sqlServer', 'serviceAccount'],
    async run(ctx) {
      const result = await withSql(await runServer(ctx, 'target'), async (c) => {
        // Before the first statement: ALTER ROLE … ADD MEMBER needs 2012, the guide 2014 (2b checks it too late).
        const facts = await serverFacts(c);
        if (facts.major < MIN_MAJOR)
          throw new XpmError(
            'E_SQL_SERVER_TOO_OLD',
            { server: c.server, version: facts.version },
            { exitCode: 1 },
          );
        return ensureDatabases(c, ctx.options.databases, setting(ctx, 'serviceAccount'));
      });
      if (result.created.length + result.granted.length > 0) await ctx.host.applied('sql.create-databases');
      return ok({ ...result, databases: ctx.options.databases });
    },
    async probe(ctx) {
      const owned = await withSql(await runServer(ctx, 'target'), (c) =>
        ownedDatabases(c, ctx.options.databases, setting(ctx, 'serviceAccount')),
      );
      return owned.length === ctx.options.databases.length ? 'done' : 'not-done';
    },
  },
  'sql.check-filestream': {
    needs: ['sqlServer'],
    async run(ctx) {
      const { facts, checks } = await withSql(await runServer(ctx, 'target'), (c) =>
        runChecks(c, { databases: ctx.options.databases, external: true }),
      );
      const failed = checks.filter(
        (c) => c.status === 'fail' && ['sql.filestream', 'sql.version'].includes(c.id),
      );
      if (failed.length > 0)
        return fail('E_SQL_CHECKS_FAILED', failed.map((c) => c.message.en).join('; '), {
          params: {
            server: serverLabel(setting(ctx, 'sqlServer')),
            failed: failed.map((c) => c.id).join(', '),
          },
        });
      return ok({ level: facts.filestreamLevel, version: facts.version, edition: facts.edition });
    },
  },
  'sql.backup-databases': {
    needs: ['sourceSqlServer', 'backupDir'],
    // The attempt's own name for its backup sets, committed with the intent: the probe accepts
    // only files this attempt wrote (a rollback's second pass writes the same file names).
    async input(ctx) {
      return { backupSet: `xpmigrate ${ctx.stepId} ${randomUUID()}`.slice(0, 128) };
    },
    async run(ctx) {
      const files = filesOf(ctx, ctx.stepId);
      const versions: Record<string, string> = {};
      const unverified: string[] = [];
      // Each database from the instance that holds it: Analytics' from its own (XPANALYTICS).
      for (const source of sourcesOf(ctx.options)) {
        const mine = files.filter(({ db }) => source.databases.includes(db));
        const facts = await withSql(
          await sqlAccess(source.server, ctx.host),
          async (c) => {
            const facts = await serverFacts(c);
            // A named database the server does not show is no "done" without a file (issue 25, 13).
            const missing = mine.filter(
              ({ db }) => !facts.databases.some((d) => d.name.toLowerCase() === db.toLowerCase()),
            );
            if (missing.length)
              throw new XpmError(
                'E_SQL_BACKUP_DATABASE_MISSING',
                { server: c.server, databases: missing.map((m) => m.db).join(', '), login: facts.login },
                { exitCode: 1 },
              );
            for (const { db, file } of mine) {
              const { verified } = await backupDatabase(c, db, file, backupSetOf(ctx), ctx.progress).catch(
                (error) => {
                  throw withAccount(error, facts);
                },
              );
              if (!verified) unverified.push(file);
            }
            return facts;
          },
          { longRunning: true },
        );
        versions[source.server] = facts.version;
      }
      await ctx.host.applied('sql.backup-databases');
      // The sources' versions at backup time, in the journal: a restore on an older server fails.
      // Files the login may not verify (no CREATE DATABASE) are named in the journal.
      return ok({
        folder: backupDir(ctx),
        files: files.map((f) => f.file),
        backupSet: backupSetOf(ctx),
        sourceVersion: Object.values(versions)[0] ?? null,
        sourceVersions: versions,
        ...(unverified.length ? { unverified } : {}),
      });
    },
    async probe(ctx) {
      const files = filesOf(ctx, ctx.stepId);
      for (const source of sourcesOf(ctx.options)) {
        // VERIFYONLY reads the whole backup: no 60 s request timeout (issue 25, item 11).
        const usable = await withSql(
          await sqlAccess(source.server, ctx.host),
          async (c) => {
            for (const { db, file } of files)
              if (source.databases.includes(db) && !(await backupUsable(c, file, backupSetOf(ctx))))
                return false;
            return true;
          },
          { longRunning: true },
        );
        if (!usable) return 'not-done';
      }
      return 'done';
    },
  },
  'sql.restore-databases': {
    needs: ['sqlServer', 'backupDir', 'serviceAccount'],
    async run(ctx) {
      const target = await runServer(ctx, 'target');
      const restored: string[] = [];
      let c = await SqlConnection.open(target, { longRunning: true });
      try {
        const facts = await serverFacts(c);
        if (!facts.sysadmin)
          throw new XpmError(
            'E_SQL_PERMISSION',
            { server: c.server, login: facts.login, detail: 'RESTORE needs SYSADMIN' },
            { exitCode: 1 },
          );
        const plan = await newestBackups(ctx, c);
        // Replacing needs the operator to have named every database that exists there: before the
        // restore (the step that asks), or with a retry after it stopped on one not named.
        const confirmed = ctx.params.replaceConfirmedAt
          ? ctx.evidenceOf(ctx.params.replaceConfirmedAt).replace
          : '';
        const approved = `${confirmed ?? ''},${ctx.evidence.replace ?? ''}`
          .split(/[,;\s]+/)
          .filter(Boolean)
          .map((n) => n.toLowerCase());
        const pending: typeof plan = [];
        for (const item of plan)
          if (!(await restoredFrom(c, item.db, item.file, item.backupSet))) pending.push(item);
        const exists = (db: string) => facts.databases.some((d) => d.name.toLowerCase() === db.toLowerCase());
        const unapproved = pending
          .filter((p) => exists(p.db) && !approved.includes(p.db.toLowerCase()))
          .map((p) => p.db);
        if (unapproved.length > 0)
          return fail('E_SQL_RESTORE_REPLACE', `would overwrite ${unapproved.join(', ')}`, {
            params: { server: c.server, databases: unapproved.join(',') },
            retryEvidence: { replace: unapproved.join(',') },
          });
        await checkRoom(c, facts, pending);
        for (const { db, file, backupSet } of pending) {
          try {
            await restoreDatabase(c, facts, db, file, { replace: exists(db), onProgress: ctx.progress });
          } catch (error) {
            if (!(error instanceof XpmError && error.code === 'E_SQL_CONNECTION_LOST'))
              throw withAccount(error, facts);
            // The connection dropped mid-restore: ask the server whether it finished anyway.
            await c.close();
            c = await reconnect(target, ctx.clock);
            if (!(await restoredFrom(c, db, file, backupSet)))
              throw new XpmError(
                'E_SQL_RESTORE_INTERRUPTED',
                { server: c.server, database: db },
                { exitCode: 1 },
              );
          }
          restored.push(db);
        }
        // A restore brings the old server's users; the service account needs db_owner here.
        if (pending.length > 0)
          await ensureDatabases(
            c,
            pending.map((p) => p.db),
            setting(ctx, 'serviceAccount'),
          );
      } finally {
        await c.close();
      }
      await ctx.host.applied('sql.restore-databases');
      return ok({ restored });
    },
    async probe(ctx) {
      return withSql(
        await runServer(ctx, 'target'),
        async (c) => {
          const plan = await newestBackups(ctx, c);
          for (const { db, file, backupSet } of plan)
            if (!(await restoredFrom(c, db, file, backupSet))) return 'not-done';
          return plan.length > 0 ? 'done' : 'not-done';
        },
        { longRunning: true }, // newestBackups verifies each backup: as long as it takes
      );
    },
  },
} satisfies Partial<EffectRegistry>;

/**
 * For each database the newest backup this run made: of the done steps the catalog names, the
 * first whose file holds the backup set that step wrote (a file left by a rolled-back pass, or
 * by a step skipped since, is not restored).
 */
async function newestBackups(
  ctx: EffectContext<{ backupSteps: string[] }>,
  c: SqlConnection,
): Promise<Array<{ db: string; file: string; backupSet?: string }>> {
  const plan: Array<{ db: string; file: string; backupSet?: string }> = [];
  for (const db of ctx.options.databases) {
    for (const stepId of ctx.params.backupSteps) {
      if (!ctx.isDone(stepId)) continue;
      const file = backupFile(backupDir(ctx), db, traceKey({ runId: ctx.runId, stepId }));
      const set = ctx.resultOf(stepId)?.backupSet;
      const backupSet = typeof set === 'string' ? set : undefined;
      if (backupSet ? await backupUsable(c, file, backupSet) : await backupVerifies(c, file)) {
        plan.push({ db, file, ...(backupSet ? { backupSet } : {}) });
        break;
      }
    }
  }
  if (plan.length === 0)
    throw new XpmError(
      'E_SQL_BACKUP_PATH',
      { server: c.server, path: backupDir(ctx), os: 2, detail: 'no backup of this run found' },
      { exitCode: 1 },
    );
  return plan;
}

async function reconnect(target: SqlAccess, clock: Clock): Promise<SqlConnection> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await SqlConnection.open(target, { longRunning: true });
    } catch (error) {
      if (attempt >= 5) throw error;
      await clock.sleep(1000 * attempt);
    }
  }
}

/**
 * The share-rights diagnosis names the SQL Server's own account, which the operator must grant,
 * and for a virtual account the computer account it is on the network (DOMAIN\\HOST$).
 */
function withAccount(
  error: unknown,
  facts: { serviceAccount?: string; serverName: string; login: string },
): unknown {
  const account = facts.serviceAccount;
  if (!(error instanceof XpmError && error.code === 'E_SQL_SHARE_ACCESS' && account)) return error;
  const machine = networkAccount(account, facts.serverName, facts.login);
  const network = machine
    ? {
        networkDe: `; im Netzwerk ist es das Computerkonto ${machine}, diesem die Rechte geben`,
        networkEn: `; on the network it is the computer account ${machine}: grant that one`,
      }
    : { networkDe: '', networkEn: '' };
  return new XpmError('E_SQL_SHARE_ACCESS', { ...error.params, account, ...network }, { exitCode: 1 });
}
