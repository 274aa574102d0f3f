import { type Effect, fail, ok } from '../effect.js';

/** SQL Server steps (step 2a/2b). */
export const sqlServerEffects: Effect[] = [
  {
    name: 'sql.create-databases',
    async run(ctx) {
      await ctx.host.createDatabases(ctx.options.databases, ctx.options.serviceAccount);
      return ok({ databases: ctx.options.databases });
    },
    async probe(ctx) {
      const owned = await ctx.host.databasesWithOwner(ctx.options.databases, ctx.options.serviceAccount);
      return owned.length === ctx.options.databases.length ? 'done' : 'not-done';
    },
  },
  {
    name: 'sql.check-filestream',
    async run(ctx) {
      const level = await ctx.host.filestreamLevel();
      return level >= 1 ? ok({ level }) : fail('E_FILESTREAM_OFF', `filestream_access_level = ${level}`);
    },
  },
];
