import { SQL_EXPRESS_RENAMES } from '../catalog/index.js';
import { type Effect, ok } from './effect.js';

/** atlas.xml edits: step 8 (external databases) and SQL Express point 5 (instance renames). */
export const atlasEffects: Effect[] = [
  {
    name: 'atlas.point-databases',
    async run(ctx) {
      await ctx.host.pointDatabases(ctx.options.sqlServer);
      return ok({ server: ctx.options.sqlServer });
    },
    async probe(ctx) {
      const sources = await ctx.host.atlasDataSources();
      return sources.every((s) => s === ctx.options.sqlServer) ? 'done' : 'not-done';
    },
  },
  {
    name: 'atlas.rename-instances',
    async run(ctx) {
      await ctx.host.renameInstances(SQL_EXPRESS_RENAMES.map(({ from, to }) => ({ from, to })));
      return ok();
    },
    async probe(ctx) {
      const old = new Set(SQL_EXPRESS_RENAMES.map((r) => r.from));
      const sources = await ctx.host.atlasDataSources();
      return sources.some((s) => old.has((s.split('\\')[1] ?? '').toUpperCase() as 'XPCONNECT'))
        ? 'not-done'
        : 'done';
    },
  },
];
