import type { Command } from 'commander';
import { say } from '../../i18n/index.js';
import { buildPlan, type Plan } from '../../plan/index.js';
import { expressOverflow, forecastFor } from '../../service/index.js';
import type { Twin } from '../../twin/index.js';
import { choice } from '../choice.js';
import { type CliContext, out } from '../context.js';
import { addPlanOptions, planInputFrom } from '../plan-options.js';
import { askMissing } from '../prompt.js';
import { forecastToJson, forecastToText, planToJson, planToMarkdown, planToText } from '../render/index.js';
import { T } from '../texts/index.js';
import { addTwinOptions, estimatesFrom, twinFrom, withTwin } from '../twin-options.js';

export const FORMATS = ['text', 'markdown', 'json'] as const;

export function registerPlan(program: Command, ctx: CliContext): void {
  const cmd = program.command('plan').description(say(T.cmdPlan, ctx.lang));
  addTwinOptions(addPlanOptions(cmd, ctx.lang), ctx.lang).option(
    '--format <format>',
    say(T.optFormat, ctx.lang),
    'text',
  );
  cmd.action(async (options: Record<string, unknown>) => {
    const format = choice(options.format, '--format', FORMATS);
    const twin = twinFrom(options);
    const estimates = estimatesFrom(options);
    let input = withTwin(planInputFrom(options), twin);
    if (ctx.io.stdin.isTTY)
      input = await askMissing(input, ctx.lang, { input: ctx.io.stdin, output: ctx.io.stderr });
    const plan = buildPlan(input);
    // A forecast when there is something to base it on: the twin, or the operator's estimates.
    const forecast =
      twin || Object.keys(estimates).length > 0 ? forecastFor(plan, twin, estimates) : undefined;
    const overflow = twin ? overflowLines(plan, twin, ctx.lang) : [];
    if (format === 'json')
      out(
        ctx,
        JSON.stringify(
          {
            ...planToJson(plan, ctx.lang),
            ...(forecast ? { forecast: forecastToJson(forecast, ctx.lang) } : {}),
            ...(twin ? { twinFindings: overflow } : {}),
          },
          null,
          2,
        ),
      );
    else {
      const text = format === 'markdown' ? planToMarkdown(plan, ctx.lang) : planToText(plan, ctx.lang);
      const more = [
        ...overflow.map((line) => `! ${line}`),
        ...(forecast ? [forecastToText(forecast, plan, ctx.lang)] : []),
      ];
      const block = format === 'markdown' ? ['```text', ...more, '```'] : more;
      out(ctx, more.length > 0 ? `${text}\n\n${block.join('\n')}` : text);
    }
  });
}

/** What the twin shows the plan cannot hold, said before the night. */
function overflowLines(plan: Plan, twin: Twin, lang: CliContext['lang']): string[] {
  return expressOverflow(plan, twin.facts).map((o) =>
    say(T.expressOverflow, lang, { database: o.database, gb: (o.dataMb / 1024).toFixed(1) }),
  );
}
