import type { Command } from 'commander';
import { normalizeConnection, withoutSecrets } from '../../actors/sql-server/index.js';
import { XpmError } from '../../errors/index.js';
import { say } from '../../i18n/index.js';
import { buildPlan } from '../../plan/index.js';
import { createRun, type RunSettings } from '../../runtime/index.js';
import { type CliContext, out } from '../context.js';
import { addPlanOptions, planInputFrom } from '../plan-options.js';
import { driveRun, hostFor, openStore, operatorName } from '../session.js';
import { T } from '../texts.js';

export function registerStart(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  const cmd = program.command('start').description(say(T.cmdStart, lang));
  addPlanOptions(cmd, lang)
    .option('--state <file>', say(T.optState, lang))
    .option('--simulate', say(T.optSimulate, lang))
    .option('--auto-confirm', say(T.optAutoConfirm, lang))
    .option('--sql-server <server>', say(T.optSqlServer, lang))
    .option('--source-sql <server>', say(T.optSourceSql, lang))
    .option('--backup-dir <path>', say(T.optBackupDir, lang))
    .option('--databases <names>', say(T.optDatabases, lang), 'XPDATA,XPVDIR,XPSTATS')
    .option('--health-timeout <seconds>', say(T.optHealthTimeout, lang), '1200')
    .option('--sim-version <version>', say(T.optSimVersion, lang))
    .option('--by <name>', say(T.optBy, lang))
    .action(async (options: Record<string, unknown>) => {
      const simulate = options.simulate === true;
      if (options.autoConfirm && !simulate) throw new XpmError('E_SIMULATE_ONLY', { flag: '--auto-confirm' });
      if (!simulate) throw new XpmError('E_NO_REAL_HOST');
      const plan = buildPlan(planInputFrom(options));
      const session = openStore(ctx, options.state as string | undefined);
      try {
        const settings: RunSettings = {
          serviceAccount: plan.input.serviceAccount ?? 'XPHONE\\svc-xphone',
          sqlServer:
            connectionOption(options, 'sqlServer', '--sql-server') ?? defaultTarget(plan.target?.plan),
          sourceSqlServer: connectionOption(options, 'sourceSql', '--source-sql') ?? 'OLDXPHONE\\XPCONNECT',
          backupDir: (options.backupDir as string | undefined) ?? '\\\\FILESRV\\XPhoneBackup',
          databases: String(options.databases)
            .split(',')
            .map((d) => d.trim())
            .filter(Boolean),
          resumeCommand: ['xpmigrate', 'resume', '--state', session.file],
          healthTimeoutSeconds: Number(options.healthTimeout),
        };
        // The simulated server starts at the version being upgraded from.
        hostFor({ simulate }, session.file, (options.simVersion as string | undefined) ?? plan.input.from);
        const runId = createRun(session.store, plan, settings, simulate);
        const row = session.store.run(runId)!;
        out(ctx, say(T.runStarted, lang, { run: runId, steps: countSteps(plan) }));
        const { exitCode } = await driveRun(ctx, session, row, {
          autoConfirm: options.autoConfirm === true,
          who: operatorName(options.by as string | undefined),
        });
        ctx.exitCode = exitCode;
      } finally {
        session.close();
      }
    });
}

/** A connection string goes into the store: one with a password is refused. */
function connectionOption(options: Record<string, unknown>, key: string, flag: string): string | undefined {
  const value = options[key] as string | undefined;
  if (value === undefined) return undefined;
  // Stripping the secrets would change the string: it has one.
  if (withoutSecrets(value) !== normalizeConnection(value))
    throw new XpmError('E_SQL_PASSWORD_IN_STRING', { flag });
  return value;
}

/** Where the databases go: plan A the new server's SQL Express, B a local SQL Server, C/D an external one. */
function defaultTarget(plan: string | undefined): string {
  if (plan === 'A' || plan === undefined) return '(local)\\XPCONNECT';
  return plan === 'B' ? '(local)' : 'SQLSRV01';
}

function countSteps(plan: ReturnType<typeof buildPlan>): number {
  return plan.phases.reduce((n, p) => n + p.steps.filter((s) => s.applies !== 'no').length, 0);
}
