import { type Effect, fail, ok } from './effect.js';

/** The V4 Migrations-Manager's export folder (items a–e). */
export const v4Effects: Effect[] = [
  {
    name: 'v4.check-exports',
    async run(ctx) {
      const result = await ctx.host.checkV4Exports();
      return result.ok ? ok() : fail('E_V4_EXPORTS_MISSING', result.missing.join(', '));
    },
  },
];
