import type { Command } from 'commander';
import { XpmError } from '../../errors/index.js';
import { say } from '../../i18n/index.js';
import type { OperatorCommand, SendOutcome } from '../../service/index.js';
import { type CliContext, out } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { driveRun, openService, operatorName, sayWhichRun } from '../session.js';
import { T } from '../texts/index.js';

interface Common {
  run?: string;
  state?: string;
  by?: string;
}

/** confirm / skip / retry / abort: into the inbox first, then delivered (here, or by the holder). */
export function registerOperatorCommands(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  const common = (cmd: Command) =>
    cmd
      .option('--run <id>', say(T.optRun, lang))
      .option('--state <file>', say(T.optState, lang))
      .option('--by <name>', say(T.optBy, lang));

  common(program.command('confirm <step>').description(say(T.cmdConfirm, lang)))
    .option('--evidence <key=value>', say(T.optEvidence, lang), collectEvidence, {})
    .option('--reason <text>', say(T.optConfirmReason, lang))
    .action((step: string, o: Common & { evidence: Record<string, string>; reason?: string }) =>
      send(ctx, o, {
        command: 'confirm',
        stepId: step,
        evidence: o.evidence,
        ...(o.reason !== undefined ? { reason: o.reason } : {}),
      }),
    );
  common(program.command('skip <step>').description(say(T.cmdSkip, lang)))
    .requiredOption('--reason <text>', say(T.optReason, lang))
    .option('--force', say(T.optForce, lang))
    .action((step: string, o: Common & { reason: string; force?: boolean }) =>
      send(ctx, o, { command: 'skip', stepId: step, reason: o.reason, force: o.force === true }),
    );
  common(program.command('retry').description(say(T.cmdRetry, lang)))
    .option('--evidence <key=value>', say(T.optRetryEvidence, lang), collectEvidence)
    .action((o: Common & { evidence?: Record<string, string> }) =>
      send(ctx, o, { command: 'retry', ...(o.evidence ? { evidence: o.evidence } : {}) }),
    );
  common(program.command('abort').description(say(T.cmdAbort, lang)))
    .option('--reason <text>', say(T.optReason, lang))
    .action((o: Common & { reason?: string }) => send(ctx, o, { command: 'abort', reason: o.reason ?? '' }));
}

async function send(ctx: CliContext, o: Common, cmd: OperatorCommand): Promise<void> {
  const service = openService(ctx, o.state);
  sayWhichRun(ctx, service, o.run);
  try {
    const who = operatorName(o.by);
    const box: { sent?: SendOutcome } = {};
    await driveRun(
      ctx,
      async (how) => {
        const sent = await service.send(o.run, cmd, how);
        box.sent = sent;
        return sent.delivery === 'driven'
          ? { runId: '', status: sent.status, ...(sent.elsewhere ? { elsewhere: sent.elsewhere } : {}) }
          : { runId: '', status: 'running' as const };
      },
      who,
    );
    const { sent } = box;
    if (sent?.delivery === 'holder') {
      out(ctx, say(T.queued, ctx.lang, { pid: sent.holder.pid, host: sent.holder.host }));
      ctx.exitCode = ExitCode.ok;
      return;
    }
    if (sent?.handled === 'refused')
      throw new XpmError('E_COMMAND_REFUSED', {
        command: cmd.command,
        reason: sent.reason?.[ctx.lang] ?? '',
      });
    if (sent?.handled === 'duplicate') ctx.exitCode = ExitCode.ok;
  } finally {
    service.close();
  }
}

function collectEvidence(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new XpmError('E_INPUT_CHOICE', { flag: '--evidence', value, allowed: 'key=value' });
  return { ...previous, [value.slice(0, eq).trim()]: value.slice(eq + 1) };
}
