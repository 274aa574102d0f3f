import type { Command } from 'commander';
import { XpmError } from '../../errors/index.js';
import { say } from '../../i18n/index.js';
import { findRun } from '../../runtime/index.js';
import type { CliContext } from '../context.js';
import { driveRun, openStore, operatorName } from '../session.js';
import { T } from '../texts.js';

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
      const session = openStore(ctx, options.state);
      try {
        const row = findRun(session.store, session.file, options.run);
        if (options.autoConfirm && !row.simulate)
          throw new XpmError('E_SIMULATE_ONLY', { flag: '--auto-confirm' });
        const { exitCode } = await driveRun(ctx, session, row, {
          autoConfirm: options.autoConfirm === true,
          who: operatorName(options.by),
        });
        ctx.exitCode = exitCode;
      } finally {
        session.close();
      }
    });
}
