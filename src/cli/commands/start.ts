import { realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { SNAPSHOT_PROVIDERS, type SnapshotSettings } from '../../actors/snapshots/index.js';
import { SCRIPT_TARGETS } from '../../actors/sql-script/index.js';
import { normalizeConnection, withoutSecrets } from '../../actors/sql-server/index.js';
import { XpmError } from '../../errors/index.js';
import { SIMULATED_SHARE, SIMULATED_SOURCE_SQL, SimulatedHost } from '../../host/index.js';
import { say } from '../../i18n/index.js';
import { JournalMirror } from '../../persistence/index.js';
import { buildPlan } from '../../plan/index.js';
import { createRun, type RunSettings } from '../../runtime/index.js';
import { choice } from '../choice.js';
import { type CliContext, out } from '../context.js';
import { addPlanOptions, addSqlOptions, defaultTarget, listOption, planInputFrom } from '../plan-options.js';
import { driveRun, openStore, operatorName } from '../session.js';
import { T } from '../texts.js';

export function registerStart(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  const cmd = program.command('start').description(say(T.cmdStart, lang));
  addSqlOptions(
    addPlanOptions(cmd, lang)
      .option('--state <file>', say(T.optState, lang))
      .option('--simulate', say(T.optSimulate, lang))
      .option('--auto-confirm', say(T.optAutoConfirm, lang)),
    lang,
  )
    .option('--health-timeout <seconds>', say(T.optHealthTimeout, lang), '1200')
    .option('--snapshots <provider>', say(T.optSnapshots, lang))
    .option('--vm <name>', say(T.optVm, lang))
    .option('--hyperv-host <host>', say(T.optHypervHost, lang))
    .option('--reboot <who>', say(T.optReboot, lang), 'auto')
    .option('--journal-mirror <dir>', say(T.optJournalMirror, lang))
    .option('--media-dir <dir>', say(T.optMediaDir, lang))
    .option('--v4-exports <dir>', say(T.optV4ExportDir, lang))
    .option('--script-dir <dir>', say(T.optScriptDir, lang))
    .option('--target-version <year>', say(T.optScriptTarget, lang))
    .option('--sim-version <version>', say(T.optSimVersion, lang))
    .option('--store-outside-vm', say(T.optStoreOutsideVm, lang))
    .option('--by <name>', say(T.optBy, lang))
    .action(async (options: Record<string, unknown>) => {
      const simulate = options.simulate === true;
      for (const flag of ['autoConfirm', 'storeOutsideVm'] as const) {
        if (options[flag] && !simulate)
          throw new XpmError('E_SIMULATE_ONLY', {
            flag: `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
          });
      }
      const snapshots = snapshotSettings(options, simulate);
      const reboot = choice(options.reboot, '--reboot', ['auto', 'operator'] as const);
      const mirror = options.journalMirror as string | undefined;
      if (mirror) JournalMirror.check(mirror);
      const plan = buildPlan(planInputFrom(options));
      const session = openStore(ctx, options.state as string | undefined);
      try {
        const settings: RunSettings = {
          serviceAccount: plan.input.serviceAccount ?? 'XPHONE\\svc-xphone',
          sqlServer:
            connectionOption(options, 'sqlServer', '--sql-server') ?? defaultTarget(plan.target?.plan),
          sourceSqlServer: connectionOption(options, 'sourceSql', '--source-sql') ?? SIMULATED_SOURCE_SQL,
          backupDir: (options.backupDir as string | undefined) ?? SIMULATED_SHARE,
          databases: listOption(options.databases),
          resumeCommand: simulate
            ? ['xpmigrate', 'resume', '--state', session.file]
            : // The startup task runs as SYSTEM, whose PATH need not know xpmigrate: this node, this script.
              [
                process.execPath,
                realpathSync(process.argv[1] ?? 'xpmigrate'),
                'resume',
                '--state',
                session.file,
              ],
          healthTimeoutSeconds: Number(options.healthTimeout),
          ...(snapshots ? { snapshots } : {}),
          reboot,
          ...(mirror ? { journalMirror: mirror } : {}),
          ...(options.mediaDir ? { mediaDir: String(options.mediaDir) } : {}),
          ...(options.v4Exports ? { v4ExportDir: String(options.v4Exports) } : {}),
          ...(plan.route === 'db-script' ? scriptSettings(options, session.file) : {}),
        };
        if (simulate) {
          // The simulated server starts at the version being upgraded from.
          const version = (options.simVersion as string | undefined) ?? plan.input.from;
          new SimulatedHost(SimulatedHost.fileFor(session.file), {
            ...(version ? { version } : {}),
            storeOutsideVm: options.storeOutsideVm === true,
          });
        }
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

/** --snapshots/--vm/--hyperv-host; a rehearsal's VM snapshots itself unless a provider is named. */
function snapshotSettings(options: Record<string, unknown>, simulate: boolean): SnapshotSettings | undefined {
  if (options.snapshots === undefined) return simulate ? undefined : { provider: 'manual' };
  const provider = choice(options.snapshots, '--snapshots', SNAPSHOT_PROVIDERS);
  if (provider !== 'manual' && !options.vm) throw new XpmError('E_SNAPSHOT_VM_REQUIRED', { provider });
  return {
    provider,
    ...(options.vm ? { vm: String(options.vm) } : {}),
    ...(options.hypervHost ? { hypervHost: String(options.hypervHost) } : {}),
  };
}

/** The script move writes its scripts beside the store unless told where; absolute, for every later process. */
function scriptSettings(options: Record<string, unknown>, storeFile: string): Partial<RunSettings> {
  const target = options.targetVersion;
  return {
    scriptDir: resolve(String(options.scriptDir ?? join(dirname(storeFile), 'scripts'))),
    ...(target === undefined
      ? {}
      : { scriptTarget: Number(choice(target, '--target-version', SCRIPT_TARGETS.map(String))) }),
  };
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

function countSteps(plan: ReturnType<typeof buildPlan>): number {
  return plan.phases.reduce((n, p) => n + p.steps.filter((s) => s.applies !== 'no').length, 0);
}
