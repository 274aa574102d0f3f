import { type Effect, fail, ok, traceKey } from '../effect.js';

/** The database move with SQL scripts: export, import like SQLCMD, verify. */
export const sqlScriptEffects: Effect[] = [
  {
    name: 'sql-script.export',
    async run(ctx) {
      const { file } = await ctx.host.exportScript(traceKey(ctx));
      return ok({ file });
    },
  },
  {
    name: 'sql-script.import',
    async run(ctx) {
      await ctx.host.importScript(traceKey(ctx));
      return ok();
    },
  },
  {
    name: 'sql-script.verify',
    async run(ctx) {
      const result = await ctx.host.verifyImport();
      return result.ok ? ok({ detail: result.detail }) : fail('E_IMPORT_MISMATCH', result.detail);
    },
  },
];
