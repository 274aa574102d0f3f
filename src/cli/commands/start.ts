import { realpathSync } from 'node:fs';
import type { Command } from 'commander';
import {
  assertExactVmName,
  SNAPSHOT_PROVIDERS,
  type SnapshotSettings,
} from '../../actors/snapshots/index.js';
import { SCRIPT_TARGETS } from '../../actors/sql-script/index.js';
import { XpmError } from '../../errors/index.js';
import { downtimeText } from '../../forecast/index.js';
import { say } from '../../i18n/index.js';
import { forecastFor, RunService, type StartRequest, stateFile } from '../../service/index.js';
import { choice } from '../choice.js';
import { type CliContext, out } from '../context.js';
import { addPlanOptions, addSqlOptions, listOption, planInputFrom } from '../plan-options.js';
import { titlesOf } from '../render/index.js';
import { driveRun, openService, operatorName } from '../session.js';
import { T } from '../texts/index.js';
import { addTwinOptions, estimatesFrom, twinFrom, withTwin } from '../twin-options.js';

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
    .option('--new-run', say(T.optNewRun, lang))
    .option('--after-loss', say(T.optAfterLoss, lang))
    .option('--by <name>', say(T.optBy, lang));
  addTwinOptions(cmd, lang).action(async (options: Record<string, unknown>) => {
    const request = { ...startRequest(options), lang };
    const twin = request.simulation?.twin;
    if (twin)
      out(
        ctx,
        say(T.twinRehearsal, lang, {
          machine: twin.facts.machine.name,
          version: twin.facts.xphone.version,
          at: twin.collectedAt.slice(0, 10),
        }),
      );
    if (request.forecast) out(ctx, downtimeText(request.forecast, titlesOf(request.plan, lang), lang));
    // A real run on Windows: elevated, and its store on a local disk, before the store exists.
    if (!request.simulate && process.platform === 'win32')
      await RunService.preflight(stateFile(options.state as string | undefined, ctx.io.env));
    const service = openService(ctx, options.state as string | undefined, {
      create: true,
      afterLoss: request.afterLoss === true,
    });
    try {
      await driveRun(
        ctx,
        (how) => service.start(request, how),
        operatorName(options.by as string | undefined),
        options.autoConfirm === true,
        service,
      );
    } finally {
      service.close();
    }
  });
}

/** Commander's options → the typed request the service takes; word-valued flags checked here. */
function startRequest(options: Record<string, unknown>): StartRequest {
  const simulate = options.simulate === true;
  for (const flag of ['autoConfirm', 'storeOutsideVm'] as const) {
    if (options[flag] && !simulate)
      throw new XpmError('E_SIMULATE_ONLY', {
        flag: `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
      });
  }
  const snapshots = snapshotSettings(options, simulate);
  const str = (key: string) => (options[key] === undefined ? undefined : String(options[key]));
  const target = options.targetVersion;
  const twin = twinFrom(options);
  // A rehearsal's twin names the simulation's servers and accounts: never a real run's answers.
  if (twin?.simulated && !simulate) throw new XpmError('E_TWIN_SIMULATED', { file: String(options.twin) });
  const plan = RunService.plan(withTwin(planInputFrom(options), twin));
  const estimates = estimatesFrom(options);
  const request: StartRequest = {
    plan,
    forecast: forecastFor(plan, twin, estimates),
    simulate,
    databases: listOption(options.databases),
    healthTimeoutSeconds: seconds(options.healthTimeout, '--health-timeout'),
    ...(options.newRun === true ? { newRun: true } : {}),
    ...(options.afterLoss === true ? { afterLoss: true } : {}),
    // The twin's machine is the existing XPhone server: a real run starts there (a rehearsal plays
    // it as its OLDXPHONE).
    ...(twin?.facts.machine.name && !simulate ? { twinMachine: twin.facts.machine.name } : {}),
    reboot: choice(options.reboot, '--reboot', ['auto', 'operator'] as const),
    // The startup task runs as SYSTEM, whose PATH need not know xpmigrate: this node, this script.
    launcher: [process.execPath, realpathSync(process.argv[1] ?? 'xpmigrate')],
    ...(snapshots ? { snapshots } : {}),
    ...(simulate
      ? {
          simulation: {
            ...(str('simVersion') ? { version: str('simVersion') } : {}),
            storeOutsideVm: options.storeOutsideVm === true,
            ...(twin ? { twin } : {}),
          },
        }
      : {}),
    ...(target === undefined
      ? {}
      : { scriptTarget: Number(choice(target, '--target-version', SCRIPT_TARGETS.map(String))) }),
  };
  const optional: Array<[keyof StartRequest, string]> = [
    ['sqlServer', 'sqlServer'],
    ['sourceSql', 'sourceSql'],
    ['sourceAnalyticsSql', 'sourceAnalyticsSql'],
    ['backupDir', 'backupDir'],
    ['journalMirror', 'journalMirror'],
    ['mediaDir', 'mediaDir'],
    ['v4ExportDir', 'v4Exports'],
    ['scriptDir', 'scriptDir'],
  ];
  for (const [key, flag] of optional) {
    const value = str(flag);
    if (value !== undefined) (request as unknown as Record<string, unknown>)[key] = value;
  }
  return request;
}

/** A whole number of seconds, 1 to 24 h: `abc`, `-5` or `1e400` would mean "no wait" if taken as given. */
function seconds(value: unknown, flag: string): number {
  const text = String(value).trim();
  const n = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 86_400)
    throw new XpmError('E_INPUT_CHOICE', { flag, value: text, allowed: '1–86400 (seconds)' });
  return n;
}

/** --snapshots/--vm/--hyperv-host; a rehearsal's VM snapshots itself unless a provider is named. */
function snapshotSettings(options: Record<string, unknown>, simulate: boolean): SnapshotSettings | undefined {
  if (options.snapshots === undefined) return simulate ? undefined : { provider: 'manual' };
  const provider = choice(options.snapshots, '--snapshots', SNAPSHOT_PROVIDERS);
  if (provider !== 'manual' && !options.vm) throw new XpmError('E_SNAPSHOT_VM_REQUIRED', { provider });
  // Get-VM and Checkpoint-VM exist on the Hyper-V host, not in the guest xpmigrate runs in.
  if (provider === 'hyperv' && !options.hypervHost) throw new XpmError('E_SNAPSHOT_HYPERV_HOST_REQUIRED');
  if (provider === 'vmware') assertExactVmName(String(options.vm));
  return {
    provider,
    ...(options.vm ? { vm: String(options.vm) } : {}),
    ...(options.hypervHost ? { hypervHost: String(options.hypervHost) } : {}),
  };
}
