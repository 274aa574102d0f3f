import type { Command } from 'commander';
import { say } from '../../i18n/index.js';
import type { CliContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { teeToLog } from '../log.js';
import { driveRun, openService, operatorName, sayWhichRun } from '../session.js';
import { T } from '../texts/index.js';

interface ResumeFlags {
  run?: string;
  state?: string;
  autoConfirm?: boolean;
  afterReboot?: boolean;
  log?: string;
  by?: string;
}

export function registerResume(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  program
    .command('resume')
    .description(say(T.cmdResume, lang))
    .option('--run <id>', say(T.optRun, lang))
    .option('--state <file>', say(T.optState, lang))
    .option('--auto-confirm', say(T.optAutoConfirm, lang))
    .option('--after-reboot', say(T.optAfterReboot, lang))
    .option('--log <file>', say(T.optLog, lang))
    .option('--by <name>', say(T.optBy, lang))
    .action(async (o: ResumeFlags) => {
      if (o.log) ctx.io = teeToLog(ctx.io, o.log);
      // The startup task names its store: gone after the reboot, it is lost, not "no store".
      const service = openService(ctx, o.state, { named: o.afterReboot === true });
      sayWhichRun(ctx, service, o.run);
      try {
        const outcome = await driveRun(
          ctx,
          (how) => service.resume(o.run, { ...how, ...(o.afterReboot ? { untilBooted: true } : {}) }),
          operatorName(o.by),
          o.autoConfirm === true,
          service,
        );
        // Handed over after the reboot: the operator is the one to continue.
        if (o.afterReboot && outcome.status === 'running') ctx.exitCode = ExitCode.waitingOperator;
      } finally {
        service.close();
      }
    });
}
