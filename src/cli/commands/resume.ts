import type { Command } from 'commander';
import { say } from '../../i18n/index.js';
import type { CliContext } from '../context.js';
import { driveRun, openService, operatorName } from '../session.js';
import { T } from '../texts/index.js';

export function registerResume(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  program
    .command('resume')
    .description(say(T.cmdResume, lang))
    .option('--run <id>', say(T.optRun, lang))
    .option('--state <file>', say(T.optState, lang))
    .option('--auto-confirm', say(T.optAutoConfirm, lang))
    .option('--by <name>', say(T.optBy, lang))
    .action(async (options: { run?: string; state?: string; autoConfirm?: boolean; by?: string }) => {
      const service = openService(ctx, options.state);
      try {
        await driveRun(
          ctx,
          (how) => service.resume(options.run, how),
          operatorName(options.by),
          options.autoConfirm === true,
        );
      } finally {
        service.close();
      }
    });
}
