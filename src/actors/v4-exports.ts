import { join } from 'node:path';
import { checkV4ExportFolder } from '../formats/index.js';
import { type EffectRegistry, fail, ok } from './effect.js';

/**
 * The V4 Migrations-Manager's export folder: every item (a–e) whose export step was confirmed is
 * there ("lassen sich übernehmen": a skipped item is not asked for), and a users CSV is valid for
 * the V9 Text-Connector. With --v4-exports the tool reads the folder itself; otherwise the host
 * answers (the simulation; a real server asks the operator).
 */
export const v4Effects = {
  'v4.check-exports': {
    async run(ctx) {
      const needed = Object.entries(ctx.params.exportSteps)
        .filter(([, stepId]) => ctx.isDone(stepId))
        .map(([key]) => key);
      const dir = ctx.options.v4ExportDir;
      if (!dir) {
        const result = await ctx.host.checkV4Exports(needed);
        return result.ok ? ok({ exported: needed }) : missingExports(result.missing);
      }
      const report = checkV4ExportFolder(dir);
      const missing = report.items.filter((i) => needed.includes(i.key) && i.found.length === 0);
      if (missing.length > 0) return missingExports(missing.map((i) => i.key));
      const problems = report.users?.report.problems ?? [];
      const file = join(dir, report.users?.file ?? '');
      if (problems.length > 0) {
        const lines = [...new Set(problems.map((p) => p.line))].slice(0, 20).join(', ');
        return fail('E_V4_USERS_CSV', `${problems.length} problems`, {
          params: { file, count: problems.length, lines },
        });
      }
      return ok({
        exported: needed,
        exports: Object.fromEntries(report.items.map((i) => [i.key, i.found.slice(0, 5)])),
        ...(report.users ? { users: file, rows: report.users.report.rows } : {}),
      });
    },
  },
} satisfies Partial<EffectRegistry>;

const missingExports = (missing: string[]) =>
  fail('E_V4_EXPORTS_MISSING', missing.join(', '), { params: { missing: missing.join(', ') } });
