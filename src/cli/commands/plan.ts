import type { Command } from 'commander';
import { say } from '../../i18n/index.js';
import { buildPlan } from '../../plan/index.js';
import { choice } from '../choice.js';
import { type CliContext, out } from '../context.js';
import { addPlanOptions, planInputFrom } from '../plan-options.js';
import { askMissing } from '../prompt.js';
import { planToJson, planToMarkdown, planToText } from '../render/index.js';
import { T } from '../texts/index.js';

export const FORMATS = ['text', 'markdown', 'json'] as const;

export function registerPlan(program: Command, ctx: CliContext): void {
  const cmd = program.command('plan').description(say(T.cmdPlan, ctx.lang));
  addPlanOptions(cmd, ctx.lang).option('--format <format>', say(T.optFormat, ctx.lang), 'text');
  cmd.action(async (options: Record<string, unknown>) => {
    const format = choice(options.format, '--format', FORMATS);
    let input = planInputFrom(options);
    if (ctx.io.stdin.isTTY)
      input = await askMissing(input, ctx.lang, { input: ctx.io.stdin, output: ctx.io.stderr });
    const plan = buildPlan(input);
    if (format === 'json') out(ctx, JSON.stringify(planToJson(plan, ctx.lang), null, 2));
    else if (format === 'markdown') out(ctx, planToMarkdown(plan, ctx.lang));
    else out(ctx, planToText(plan, ctx.lang));
  });
}
