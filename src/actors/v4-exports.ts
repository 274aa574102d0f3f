import { join } from 'node:path';
import { checkV4ExportFolder } from '../formats/index.js';
import { type EffectRegistry, fail, ok } from './effect.js';

/**
 * The V4 Migrations-Manager's export folder (items a–e, the users CSV valid for the V9
 * Text-Connector). With --v4-exports the tool reads the folder itself; otherwise the host
 * answers (the simulation; a real server asks the operator).
 */
export const v4Effects = {
  'v4.check-exports': {
    async run(ctx) {
      const dir = ctx.options.v4ExportDir;
      if (!dir) {
        const result = await ctx.host.checkV4Exports();
        return result.ok
          ? ok()
          : fail('E_V4_EXPORTS_MISSING', result.missing.join(', '), {
              params: { missing: result.missing.join(', ') },
            });
      }
      const report = checkV4ExportFolder(dir);
      const missing = report.items.filter((i) => i.found.length === 0).map((i) => i.key);
      if (missing.length > 0)
        return fail('E_V4_EXPORTS_MISSING', missing.join(', '), { params: { missing: missing.join(', ') } });
      const problems = report.users?.report.problems ?? [];
      const file = join(dir, report.users?.file ?? '');
      if (problems.length > 0) {
        const lines = [...new Set(problems.map((p) => p.line))].slice(0, 20).join(', ');
        return fail('E_V4_USERS_CSV', `${problems.length} problems`, {
          params: { file, count: problems.length, lines },
        });
      }
      return ok({
        exports: Object.fromEntries(report.items.map((i) => [i.key, i.found.slice(0, 5)])),
        users: file,
        rows: report.users?.report.rows ?? 0,
      });
    },
  },
} satisfies Partial<EffectRegistry>;
