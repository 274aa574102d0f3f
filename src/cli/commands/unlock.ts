import type { Command } from 'commander';
import { say } from '../../i18n/index.js';
import { type CliContext, out } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { openService, operatorName } from '../session.js';
import { T } from '../texts/index.js';

/**
 * `xpmigrate unlock --run ID`: the explicit release of a lock held under another host name (a
 * renamed server, a copied store) or by a process that is gone. Journaled with who did it.
 */
export function registerUnlock(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  program
    .command('unlock')
    .description(say(T.cmdUnlock, lang))
    .option('--run <id>', say(T.optRun, lang))
    .option('--state <file>', say(T.optState, lang))
    .option('--by <name>', say(T.optBy, lang))
    .action((o: { run?: string; state?: string; by?: string }) => {
      const service = openService(ctx, o.state);
      try {
        const { runId, released } = service.unlock(o.run, operatorName(o.by));
        out(
          ctx,
          released
            ? say(T.unlockDone, lang, {
                run: runId,
                pid: released.pid,
                host: released.host,
                since: released.since,
              })
            : say(T.unlockNone, lang, { run: runId }),
        );
        ctx.exitCode = ExitCode.ok;
      } finally {
        service.close();
      }
    });
}
