import {
  DB_SCRIPT_STEPS,
  EXPRESS_USER_LIMIT,
  EXPRESS_USER_LIMIT_TEAMDESK,
  HOPS_CLEANUP,
  HOPS_PREPARE,
  HOPS_REACHED_V8,
  hopSteps,
  hopsToV8,
  isLatestV4,
  LATEST_V4,
  MIN_EXTERNAL_SQL_VERSION,
  PHASE_TITLES,
  type PlanId,
  parseSqlServerVersion,
  parseVersion,
  SQL_EXPRESS_STEPS,
  V4V9_STEPS,
  V8V9_BACKUP,
  V8V9_BACKUP_MANAGER,
  V8V9_CUTOVER,
  V8V9_CUTOVER_BACKUP,
  V8V9_CUTOVER_STOP,
  V8V9_MATRIX,
  V8V9_PLAN_D_STOP,
  V8V9_SQL_RESTORE,
  type VersionProblem,
  type XPhoneVersion,
} from '../catalog/index.js';
import { XpmError } from '../errors/index.js';
import { decideMatrixStep, decideStep, type Facts } from './applies.js';
import { decidePlan } from './decide.js';
import { FLAGS, JOBS, type PlanInput, RESTORE_WITH } from './input.js';
import { type DecidedPhase, type Placement, placeOnMachines } from './machines.js';
import type { Plan, PlanWarning, Route } from './types.js';

/** Facts and answers → the ordered phases and steps, each required / optional / not applicable. */
export function buildPlan(input: PlanInput): Plan {
  const job = input.job ?? 'upgrade';
  if (!JOBS.includes(job))
    throw new XpmError('E_INPUT_JOB', { flag: FLAGS.job, value: job, allowed: JOBS.join(', ') });
  validateNumbers(input);
  const from = input.from === undefined ? undefined : versionOrThrow(input.from);
  const base = { job, input, ...(from ? { from } : {}) };
  if (job === 'sql-express')
    return { ...base, route: 'sql-express', ...placed(withPlanIgnored(sqlExpressPlan(input, from), input)) };
  if (job === 'db-script')
    return { ...base, route: 'db-script', ...placed(withPlanIgnored(dbScriptPlan(input), input)) };

  if (!from) throw new XpmError('E_INPUT_MISSING', { flag: FLAGS.from });
  if (from.major === 4)
    return {
      ...base,
      route: 'v4v9',
      ...placed(v4Plan(input, from), {
        handOver: { section: 'UMZUG VON V4 NACH V9', item: '4' },
        carry: {
          de: 'ebenso den Export-Ordner (--v4-exports)',
          en: 'and the export folder too (--v4-exports)',
        },
      }),
    };

  const target = decidePlan(input);
  const facts: Facts = { input, from, plan: target.plan };
  const warnings: PlanWarning[] = [];
  const phases: DecidedPhase[] = [];
  const hops = hopsToV8(from.major);
  if (hops.length > 0) {
    phases.push(phase('hops.prepare', PHASE_TITLES.hopsPrepare, HOPS_PREPARE, facts));
    for (const { from: a, to: b } of hops) {
      const steps = b === 8 ? [...hopSteps(a, b), HOPS_REACHED_V8] : hopSteps(a, b);
      phases.push({
        ...phase(`hop.v${a}v${b}`, PHASE_TITLES.hop, steps, facts),
        titleParams: { from: a, to: b },
      });
    }
    if (!input.littleDowntime) warnings.push({ code: 'HOPS_DOWNTIME', params: { from: from.major } });
    else if (input.virtual) warnings.push({ code: 'LITTLE_DOWNTIME_SNAPSHOT' });
  }
  phases.push(v8v9Phase(target.plan, facts));
  if (hops.length > 0 && input.littleDowntime)
    phases.push(phase('hops.cleanup', PHASE_TITLES.hopsCleanup, [HOPS_CLEANUP], facts));
  warnings.push(...targetWarnings(target.plan, input, from), ...vmWarnings(input));
  const route: Route = hops.length > 0 ? 'hops-v8v9' : 'v8v9';
  const placement = { plan: target.plan, handOver: { section: 'UMZUG VON V8 NACH V9' } };
  return { ...base, route, target, warnings, phases: placeOnMachines(phases, placement) };
}

/** A route's steps placed on their machines; one that names no hand-over stays on one XPhone server. */
function placed<T extends { phases: DecidedPhase[] }>(
  plan: T,
  placement: Placement = {},
): Omit<T, 'phases'> & Pick<Plan, 'phases'> {
  return { ...plan, phases: placeOnMachines(plan.phases, placement) };
}

function v8v9Phase(plan: PlanId, facts: Facts): DecidedPhase {
  const before = [...V8V9_BACKUP_MANAGER, V8V9_BACKUP];
  const steps: DecidedPhase['steps'] = before.map((def) => ({ def, ...decideStep(def, facts) }));
  for (const row of V8V9_MATRIX) {
    // Plan D stops where it stands, at row 8: its final backup comes then (the others skip these).
    if (row.row === '8') for (const def of V8V9_PLAN_D_STOP) steps.push({ def, ...decideStep(def, facts) });
    // The cut-over belongs right before the restore, so that the restore uses the final backup.
    if (row.row === '12')
      for (const def of [...V8V9_CUTOVER, ...V8V9_CUTOVER_STOP, V8V9_CUTOVER_BACKUP])
        steps.push({ def, ...decideStep(def, facts) });
    const defs = row.row === '12' && facts.input.restoreWith === 'xpmigrate' ? V8V9_SQL_RESTORE : row.steps;
    for (const def of defs) steps.push({ def, ...decideMatrixStep(def, row, plan, facts), marks: row.marks });
  }
  return { id: 'v8v9', title: PHASE_TITLES.v8v9, titleParams: { plan }, steps };
}

function v4Plan(input: PlanInput, from: XPhoneVersion): Routed {
  const warnings: PlanWarning[] = [{ code: 'V4_JOURNAL_LOST' }, { code: 'V4_NO_IN_PLACE' }];
  const latest = isLatestV4(from);
  if (latest === 'unclear')
    warnings.push({ code: 'V4_VERSION_UNCLEAR', params: { from: from.raw, latest: LATEST_V4.label } });
  if (latest === 'unknown')
    warnings.push({ code: 'V4_VERSION_UNKNOWN', params: { from: from.normalized, latest: LATEST_V4.label } });
  if (input.target !== undefined) warnings.push({ code: 'V4_PLAN_IGNORED', params: { plan: input.target } });
  return { phases: [phase('v4v9', PHASE_TITLES.v4v9, V4V9_STEPS, { input, from })], warnings };
}

/** A route's phases as decided, before they are placed on machines, and its warnings. */
type Routed = { phases: DecidedPhase[]; warnings: PlanWarning[] };

function sqlExpressPlan(input: PlanInput, from: XPhoneVersion | undefined): Routed {
  const warnings: PlanWarning[] = [];
  if (from && from.major < 9) warnings.push({ code: 'SQLX_NOT_LATEST', params: { from: from.normalized } });
  warnings.push({ code: 'EXPRESS_LIMITS' });
  return {
    phases: [phase('sqlx', PHASE_TITLES.sqlExpress, SQL_EXPRESS_STEPS, { input, ...(from ? { from } : {}) })],
    warnings,
  };
}

function dbScriptPlan(input: PlanInput): Routed {
  return {
    phases: [phase('dbscript', PHASE_TITLES.dbScript, DB_SCRIPT_STEPS, { input })],
    warnings: [{ code: 'DB_SCRIPT_LOWER_VERSION' }],
  };
}

function phase(
  id: string,
  title: DecidedPhase['title'],
  defs: typeof HOPS_PREPARE,
  facts: Facts,
): DecidedPhase {
  return { id, title, steps: defs.map((def) => ({ def, ...decideStep(def, facts) })) };
}

/** The plans A–D are the upgrade's; another job names one in vain. */
function withPlanIgnored(plan: Routed, input: PlanInput): Routed {
  if (input.target === undefined) return plan;
  const job = input.job ?? 'upgrade';
  return {
    ...plan,
    warnings: [{ code: 'PLAN_IGNORED_JOB', params: { plan: input.target, job } }, ...plan.warnings],
  };
}

function targetWarnings(plan: PlanId, input: PlanInput, from: XPhoneVersion): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  const users = input.users;
  if (plan === 'A') {
    if (users !== undefined && users > EXPRESS_USER_LIMIT) {
      warnings.push({ code: 'EXPRESS_TOO_MANY_USERS', params: { users, limit: EXPRESS_USER_LIMIT } });
    } else if (input.teamdesk && users !== undefined && users >= EXPRESS_USER_LIMIT_TEAMDESK) {
      warnings.push({
        code: 'EXPRESS_TEAMDESK_ADVICE',
        params: { users, limit: EXPRESS_USER_LIMIT_TEAMDESK },
      });
    }
    warnings.push({ code: 'EXPRESS_LIMITS' });
  }
  if (plan === 'D' && from.major < 9)
    warnings.push({ code: 'PLAN_D_NO_V9', params: { from: from.normalized } });
  if (plan !== 'A') {
    const year = input.sqlVersion === undefined ? undefined : parseSqlServerVersion(input.sqlVersion);
    if (year !== undefined && year < MIN_EXTERNAL_SQL_VERSION) {
      warnings.push({ code: 'EXTERNAL_SQL_TOO_OLD', params: { version: year } });
    }
    warnings.push({ code: 'EXTERNAL_SQL_RIGHTS' });
  }
  return warnings;
}

function vmWarnings(input: PlanInput): PlanWarning[] {
  if (input.virtual === true) return [{ code: 'VM_SNAPSHOT_OFF' }];
  if (input.virtual === false) return [{ code: 'PHYSICAL_NO_SNAPSHOT' }];
  return [];
}

function versionOrThrow(text: string): XPhoneVersion {
  const result = parseVersion(text);
  if (result.ok) return result.version;
  throw new XpmError(VERSION_ERRORS[result.problem.kind], {
    flag: FLAGS.from,
    value: text,
    ...('major' in result.problem ? { major: result.problem.major } : {}),
  });
}

const VERSION_ERRORS: Record<
  VersionProblem['kind'],
  'E_INPUT_VERSION' | 'E_INPUT_VERSION_OLD' | 'E_INPUT_VERSION_NEW'
> = {
  unparsable: 'E_INPUT_VERSION',
  unknownMajor: 'E_INPUT_VERSION',
  tooOld: 'E_INPUT_VERSION_OLD',
  tooNew: 'E_INPUT_VERSION_NEW',
};

function validateNumbers(input: PlanInput): void {
  if (input.restoreWith !== undefined && !RESTORE_WITH.includes(input.restoreWith))
    throw new XpmError('E_INPUT_CHOICE', {
      flag: FLAGS.restoreWith,
      value: String(input.restoreWith),
      allowed: RESTORE_WITH.join(', '),
    });
  if (
    input.users !== undefined &&
    (!Number.isInteger(input.users) || input.users < 1 || input.users > 1_000_000)
  ) {
    throw new XpmError('E_INPUT_USERS', { flag: FLAGS.users, value: String(input.users) });
  }
  if (input.sqlVersion !== undefined && parseSqlServerVersion(input.sqlVersion) === undefined) {
    throw new XpmError('E_INPUT_SQL_VERSION', { flag: FLAGS.sqlVersion, value: input.sqlVersion });
  }
}
