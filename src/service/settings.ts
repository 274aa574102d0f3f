import { dirname, join } from 'node:path';
import { effectFor, type SettingName } from '../actors/index.js';
import type { SnapshotSettings } from '../actors/snapshots/index.js';
import { refuseSecrets } from '../actors/sql-server/index.js';
import { isAnalyticsDatabase } from '../catalog/index.js';
import type { Forecast } from '../forecast/index.js';
import type { Lang } from '../i18n/index.js';
import { absolutePath, JournalMirror } from '../persistence/index.js';
import type { Plan } from '../plan/index.js';
import type { RunSettings } from '../runtime/index.js';
import {
  SIMULATED_ANALYTICS_SQL,
  SIMULATED_NEW_HOST,
  SIMULATED_SERVICE_ACCOUNT,
  SIMULATED_SHARE,
  SIMULATED_SOURCE_SQL,
} from '../simulation/index.js';
import type { Twin } from '../twin/index.js';
import { seedFromTwin } from './twin.js';

/** The startup task's log, beside the store (it runs with nobody watching). */
export const RESUME_LOG = 'xpmigrate-resume.log';

/** What `start` is given, decoded from flags (or any other front end) into types. */
export interface StartRequest {
  plan: Plan;
  simulate: boolean;
  sqlServer?: string;
  sourceSql?: string;
  /** The old server's Analytics instance (`--source-analytics-sql`), where it has its own. */
  sourceAnalyticsSql?: string;
  backupDir?: string;
  databases: string[];
  healthTimeoutSeconds: number;
  snapshots?: SnapshotSettings;
  reboot: 'auto' | 'operator';
  journalMirror?: string;
  mediaDir?: string;
  v4ExportDir?: string;
  scriptDir?: string;
  scriptTarget?: number;
  /** The rehearsal's server: the version it starts at, and whether the store is outside its VM. */
  simulation?: { version?: string; storeOutsideVm: boolean; twin?: Twin };
  /** How this program is started again (node and its script): the resume task runs it. */
  launcher: string[];
  /** The forecast from the twin and the operator's estimates, kept for the report. */
  forecast?: Forecast;
  /** Start although another run in the store has not ended (`--new-run`). */
  newRun?: boolean;
  /** Start although the store's run note names a run the store has lost (`--after-loss`). */
  afterLoss?: boolean;
  /** The language the run was started in: the startup task after a reboot speaks it too. */
  lang?: Lang;
  /** The computer the twin was collected on (`--twin`): the existing XPhone server. */
  twinMachine?: string;
}

/**
 * The run's settings, as stored with it and read by every later process. A rehearsal fills what
 * is not given with its simulated server's names; a real run never does (see missingSettings).
 */
export function runSettings(request: StartRequest, storeFile: string): RunSettings {
  const { plan, simulate } = request;
  if (request.journalMirror) JournalMirror.check(request.journalMirror);
  const sqlServer =
    connection(request.sqlServer, '--sql-server') ??
    (simulate ? defaultTarget(plan.target?.plan, plan.route) : undefined);
  const sourceSqlServer =
    connection(request.sourceSql, '--source-sql') ?? (simulate ? SIMULATED_SOURCE_SQL : undefined);
  const sourceAnalyticsSqlServer =
    connection(request.sourceAnalyticsSql, '--source-analytics-sql') ??
    // A rehearsal fills it in only with its own source: a source named by hand is taken as a real one's.
    (simulate && request.sourceSql === undefined
      ? rehearsalAnalyticsSource(request, sourceSqlServer)
      : undefined);
  const backupDir = request.backupDir ?? (simulate ? SIMULATED_SHARE : undefined);
  const serviceAccount = plan.input.serviceAccount ?? (simulate ? SIMULATED_SERVICE_ACCOUNT : undefined);
  return {
    ...(serviceAccount ? { serviceAccount } : {}),
    ...(sqlServer ? { sqlServer } : {}),
    ...(sourceSqlServer ? { sourceSqlServer } : {}),
    ...(sourceAnalyticsSqlServer ? { sourceAnalyticsSqlServer } : {}),
    ...(backupDir ? { backupDir } : {}),
    databases: request.databases,
    // The startup task runs as SYSTEM, whose PATH need not know xpmigrate: this node, this script;
    // it brings the server back and hands over (--after-reboot), its output in a log beside the store.
    resumeCommand: [
      ...(simulate
        ? ['xpmigrate', 'resume', '--state', storeFile]
        : [
            ...request.launcher,
            'resume',
            '--after-reboot',
            '--state',
            storeFile,
            '--log',
            join(dirname(storeFile), RESUME_LOG),
          ]),
      // SYSTEM's locale need not be the operator's: the run keeps the language it was started in.
      ...(request.lang ? ['--lang', request.lang] : []),
    ],
    resumeDirectory: dirname(storeFile),
    healthTimeoutSeconds: request.healthTimeoutSeconds,
    ...(request.forecast ? { forecast: request.forecast } : {}),
    ...(request.snapshots ? { snapshots: request.snapshots } : {}),
    reboot: request.reboot,
    ...(request.journalMirror ? { journalMirror: absolutePath(request.journalMirror) } : {}),
    ...(request.mediaDir ? { mediaDir: absolutePath(request.mediaDir) } : {}),
    ...(request.v4ExportDir ? { v4ExportDir: absolutePath(request.v4ExportDir) } : {}),
    ...(plan.route === 'db-script'
      ? {
          // Beside the store unless told where; absolute, for every later process.
          scriptDir: absolutePath(request.scriptDir ?? join(dirname(storeFile), 'scripts')),
          ...(request.scriptTarget === undefined ? {} : { scriptTarget: request.scriptTarget }),
        }
      : {}),
  };
}

/**
 * A rehearsal's Analytics instance: the old server's `XPANALYTICS`, or, seeded from a twin, the
 * instance that holds an Analytics database there (none apart from the main one: no own instance).
 */
function rehearsalAnalyticsSource(request: StartRequest, main: string | undefined): string | undefined {
  const twin = request.simulation?.twin;
  if (!twin) return SIMULATED_ANALYTICS_SQL;
  const servers = seedFromTwin(twin).sqlServers ?? {};
  const holder = Object.entries(servers).find(([, s]) =>
    s.databases.some((d) => isAnalyticsDatabase(d.name)),
  );
  return holder && holder[0] !== main ? holder[0] : undefined;
}

/** The settings a plan's steps read (their effects' `needs`). */
export function neededSettings(plan: Plan): Set<SettingName> {
  const needed = new Set<SettingName>();
  for (const step of plan.phases.flatMap((p) => p.steps)) {
    if (step.applies === 'no' || !step.def.effect) continue;
    for (const name of effectFor(step.def.effect).needs ?? []) needed.add(name);
  }
  return needed;
}

/** The settings a run's steps need that the request does not give. */
export function missingSettings(request: StartRequest): SettingName[] {
  const given: Partial<Record<SettingName, unknown>> = {
    sqlServer: request.sqlServer,
    sourceSqlServer: request.sourceSql,
    backupDir: request.backupDir,
    serviceAccount: request.plan.input.serviceAccount,
    mediaDir: request.mediaDir,
  };
  return [...neededSettings(request.plan)].filter((name) => !given[name]);
}

/**
 * Where the databases go in a rehearsal: plan A the new server's SQL Express, B a local SQL Server
 * (both reached from the new server, which drives those steps), C/D an external one; the move with
 * scripts goes to the new server's instance by its name (it is driven from the old server).
 */
export function defaultTarget(plan: string | undefined, route?: string): string {
  if (route === 'db-script') return `${SIMULATED_NEW_HOST}\\XPCONNECT`;
  if (plan === 'A' || plan === undefined) return '(local)\\XPCONNECT';
  return plan === 'B' ? '(local)' : 'SQLSRV01';
}

/** A connection string goes into the store: one with a password is refused. */
function connection(value: string | undefined, flag: string): string | undefined {
  return value === undefined ? undefined : refuseSecrets(value, flag);
}
