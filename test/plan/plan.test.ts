import { describe, expect, it } from 'vitest';
import { isXpmError } from '../../src/errors/index.js';
import { buildPlan, type Plan, type PlanInput } from '../../src/plan/index.js';

const step = (plan: Plan, id: string) => {
  const found = plan.phases.flatMap((p) => p.steps).find((s) => s.def.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
};
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (isXpmError(error)) return error.code;
    throw error;
  }
  return undefined;
};

describe('plan recommendation A–D', () => {
  const cases: Array<[string, PlanInput, string]> = [
    ['small site', { from: '8', users: 120 }, 'A'],
    ['no answers: the guide default', { from: '8' }, 'A'],
    // The guide: plan B "> 500 User". TeamDesk's 250 is C4B help's advice, only a warning.
    ['500 users', { from: '8', users: 500 }, 'A'],
    ['501 users', { from: '8', users: 501 }, 'B'],
    ['300 users with TeamDesk', { from: '8', users: 300, teamdesk: true }, 'A'],
    [
      'an existing SQL Server, the XPhone Server moves',
      { from: '8', existingSqlServer: true, onlyDatabases: false },
      'C',
    ],
    ['300 users without TeamDesk', { from: '8', users: 300 }, 'A'],
    ['own SQL Server machine', { from: '8', separateSqlServer: true, users: 900 }, 'C'],
    ['only the databases', { from: '9', onlyDatabases: true, existingSqlServer: true }, 'D'],
    ['named plan wins', { from: '8', target: 'c' }, 'C'],
  ];
  for (const [name, input, expected] of cases) {
    it(`${name} → plan ${expected}`, () => expect(buildPlan(input).target?.plan).toBe(expected));
  }

  it('marks each plan column as in the guide: plan D does not install anything', () => {
    const d = buildPlan({ from: '8', target: 'D', existingSqlServer: true });
    expect(step(d, 'v8v9.6.install-xphone').applies).toBe('no');
    expect(step(d, 'v8v9.8.atlas-xml').applies).toBe('required');
    expect(step(d, 'v8v9.cutover').applies).toBe('no');
    const a = buildPlan({ from: '8', target: 'A' });
    expect(step(a, 'v8v9.4.autorun-sql-express').applies).toBe('required');
    expect(step(a, 'v8v9.8.atlas-xml').applies).toBe('no');
    expect(step(a, 'v8v9.7.service-account').applies).toBe('optional');
    expect(step(a, 'v8v9.cutover').applies).toBe('required');
  });

  it('decides optional rows from their criteria', () => {
    const none = buildPlan({
      from: '8',
      target: 'B',
      calendarSync: false,
      exchangeContacts: false,
      voicemailOutlook: false,
    });
    expect(step(none, 'v8v9.3.mapi').applies).toBe('no');
    const one = buildPlan({ from: '8', target: 'B', calendarSync: false, exchangeContacts: true });
    expect(step(one, 'v8v9.3.mapi').applies).toBe('required');
    const open = buildPlan({ from: '8', target: 'B', calendarSync: false });
    expect(step(open, 'v8v9.3.mapi').applies).toBe('optional');
    const account = buildPlan({ from: '8', target: 'A', serviceAccount: 'CORP\\svc-xphone' });
    expect(step(account, 'v8v9.7.service-account').applies).toBe('required');
    expect(
      step(buildPlan({ from: '8', target: 'B', analytics: false }), 'v8v9.9b.analytics-site').applies,
    ).toBe('no');
    expect(
      step(buildPlan({ from: '8', target: 'B', analytics: true }), 'v8v9.9b.analytics-site').applies,
    ).toBe('required');
  });

  it('warns, but does not refuse, plan A with many users', () => {
    const plan = buildPlan({ from: '8', target: 'A', users: 800 });
    expect(plan.target?.plan).toBe('A');
    expect(plan.warnings.map((w) => w.code)).toContain('EXPRESS_TOO_MANY_USERS');
  });

  it('warns about an external SQL Server older than 2014', () => {
    const plan = buildPlan({ from: '8', target: 'C', sqlVersion: '2012' });
    expect(plan.warnings.find((w) => w.code === 'EXTERNAL_SQL_TOO_OLD')?.params).toEqual({ version: 2012 });
    expect(
      buildPlan({ from: '8', target: 'C', sqlVersion: '2016' }).warnings.map((w) => w.code),
    ).not.toContain('EXTERNAL_SQL_TOO_OLD');
  });

  it('refuses contradictions with exit code 2', () => {
    expect(codeOf(() => buildPlan({ from: '8', target: 'D', existingSqlServer: false }))).toBe(
      'E_INPUT_CONTRADICTION',
    );
    expect(codeOf(() => buildPlan({ from: '8', onlyDatabases: true, existingSqlServer: false }))).toBe(
      'E_INPUT_CONTRADICTION',
    );
    expect(codeOf(() => buildPlan({ from: '8', target: 'A', separateSqlServer: true }))).toBe(
      'E_INPUT_CONTRADICTION',
    );
    expect(codeOf(() => buildPlan({ from: '8', target: 'E' }))).toBe('E_INPUT_PLAN');
    expect(codeOf(() => buildPlan({ from: '8', sqlVersion: '2015' }))).toBe('E_INPUT_SQL_VERSION');
    expect(codeOf(() => buildPlan({}))).toBe('E_INPUT_MISSING');
  });
});

describe('plan per source version', () => {
  it('V4: a migration with the exports, journal loss warned, no plan A–D', () => {
    const plan = buildPlan({ from: '4.5.35 SR5', target: 'B' });
    expect(plan.route).toBe('v4v9');
    expect(plan.target).toBeUndefined();
    expect(plan.phases.map((p) => p.id)).toEqual(['v4v9']);
    expect(step(plan, 'v4v9.1.update-latest-v4').applies).toBe('no');
    expect(plan.warnings.map((w) => w.code)).toEqual([
      'V4_JOURNAL_LOST',
      'V4_NO_IN_PLACE',
      'V4_PLAN_IGNORED',
    ]);
    const older = buildPlan({ from: '4.5.30' });
    expect(step(older, 'v4v9.1.update-latest-v4').applies).toBe('required');
    expect(buildPlan({ from: 'V4' }).warnings.map((w) => w.code)).toContain('V4_VERSION_UNCLEAR');
  });

  const hopPhases: Array<[string, string[]]> = [
    ['V5', ['hops.prepare', 'hop.v5v6', 'hop.v6v7', 'hop.v7v8', 'v8v9']],
    ['V6', ['hops.prepare', 'hop.v6v7', 'hop.v7v8', 'v8v9']],
    ['V7', ['hops.prepare', 'hop.v7v8', 'v8v9']],
    ['V8', ['v8v9']],
    ['9.0.330.1359', ['v8v9']],
  ];
  for (const [from, phases] of hopPhases) {
    it(`${from}: phases ${phases.join(' → ')}`, () => {
      const plan = buildPlan({ from });
      expect(plan.phases.map((p) => p.id)).toEqual(phases);
      expect(plan.route).toBe(phases.length > 1 ? 'hops-v8v9' : 'v8v9');
    });
  }

  it('hops: snapshots only in a VM, the intermediate server only for little downtime', () => {
    const vm = buildPlan({ from: 'V6', virtual: true, littleDowntime: true });
    expect(step(vm, 'hops.snapshot-start').applies).toBe('required');
    expect(step(vm, 'hop.v6v7.snapshot').applies).toBe('required');
    expect(step(vm, 'hops.intermediate-server').applies).toBe('required');
    expect(vm.phases.at(-1)?.id).toBe('hops.cleanup');
    expect(vm.warnings.map((w) => w.code)).toContain('VM_SNAPSHOT_OFF');
    // Little downtime in a VM: the first snapshot still takes production down briefly, and says so.
    expect(vm.warnings.map((w) => w.code)).toContain('LITTLE_DOWNTIME_SNAPSHOT');
    expect(vm.warnings.map((w) => w.code)).not.toContain('HOPS_DOWNTIME');
    const physical = buildPlan({ from: 'V6', virtual: false });
    expect(step(physical, 'hop.v7v8.snapshot').applies).toBe('no');
    expect(step(physical, 'hops.intermediate-server').applies).toBe('no');
    expect(physical.warnings.map((w) => w.code)).toContain('HOPS_DOWNTIME');
    expect(step(buildPlan({ from: 'V6' }), 'hop.v6v7.snapshot').applies).toBe('optional');
    expect(step(physical, 'hop.v6v7.reboot').applies).toBe('required');
  });

  it('SQL Express upgrade and script move are jobs of their own', () => {
    const sqlx = buildPlan({ job: 'sql-express', analytics: false });
    expect(sqlx.route).toBe('sql-express');
    expect(step(sqlx, 'sqlx.4.migrate-stat').applies).toBe('no');
    expect(step(sqlx, 'sqlx.4.migrate-uc').applies).toBe('required');
    expect(step(sqlx, 'sqlx.6.uninstall-old').applies).toBe('optional');
    expect(buildPlan({ job: 'db-script' }).phases[0]?.steps.map((s) => s.def.id)).toEqual([
      'dbscript.export',
      'dbscript.file-locations',
      'dbscript.import',
      'dbscript.verify',
    ]);
  });
});

describe("the guide's conditions, word for word", () => {
  const warnings = (plan: Plan) => plan.warnings.map((w) => w.code);

  it('TeamDesk gives advice marked as the tool’s own, never another plan', () => {
    const plan = buildPlan({ from: '8', users: 300, teamdesk: true });
    expect(warnings(plan)).toContain('EXPRESS_TEAMDESK_ADVICE');
    expect(warnings(buildPlan({ from: '8', users: 300 }))).not.toContain('EXPRESS_TEAMDESK_ADVICE');
    expect(warnings(buildPlan({ from: '8', users: 501, target: 'A' }))).toContain('EXPRESS_TOO_MANY_USERS');
    expect(warnings(buildPlan({ from: '8', users: 500, target: 'A' }))).not.toContain(
      'EXPRESS_TOO_MANY_USERS',
    );
  });

  it('row 7a is needed only with Analytics ("Zwingend notwendig, wenn die Analytics Webseite verwendet wird")', () => {
    for (const target of ['B', 'C', 'D']) {
      const id = 'v8v9.7a.analytics-app-pool';
      expect(step(buildPlan({ from: '8', target, analytics: false }), id).applies).toBe('no');
      expect(step(buildPlan({ from: '8', target, analytics: true }), id).applies).toBe('required');
      expect(step(buildPlan({ from: '8', target }), id).applies).toBe('optional');
    }
  });

  it('an existing SQL Server without --only-databases is explained, not silently plan A', () => {
    expect(codeOf(() => buildPlan({ from: '8', existingSqlServer: true }))).toBe(
      'E_INPUT_EXISTING_UNDECIDED',
    );
    expect(codeOf(() => buildPlan({ from: '8', existingSqlServer: true, target: 'A' }))).toBe(
      'E_INPUT_CONTRADICTION',
    );
    expect(buildPlan({ from: '8', existingSqlServer: true, onlyDatabases: true }).target?.plan).toBe('D');
  });

  it('a plan named for the SQL Express upgrade or the script move is said to be ignored', () => {
    for (const job of ['sql-express', 'db-script'] as const) {
      expect(warnings(buildPlan({ job, from: '9', target: 'B' }))).toContain('PLAN_IGNORED_JOB');
      expect(warnings(buildPlan({ job, from: '9' }))).not.toContain('PLAN_IGNORED_JOB');
    }
  });

  it('4.5.36 is not "already 4.5.35 SR5": point 1 stays required and the version is questioned', () => {
    const plan = buildPlan({ from: '4.5.36' });
    expect(step(plan, 'v4v9.1.update-latest-v4')).toMatchObject({
      applies: 'required',
      reason: { code: 'v4Unknown' },
    });
    expect(warnings(plan)).toContain('V4_VERSION_UNKNOWN');
    expect(step(buildPlan({ from: '4.5.35 SR5' }), 'v4v9.1.update-latest-v4').applies).toBe('no');
  });

  it('V4 exports a–e are each as needed; the no-V4 check runs after the new machine is set up', () => {
    const plan = buildPlan({ from: '4.5.35 SR5' });
    const ids = plan.phases[0]!.steps.map((s) => s.def.id);
    for (const id of ids.filter((i) => /^v4v9\.6[a-e]\./.test(i)))
      expect(step(plan, id)).toMatchObject({ applies: 'optional', reason: { code: 'asNeeded' } });
    expect(ids.indexOf('v4v9.3.no-in-place')).toBeGreaterThan(ids.indexOf('v4v9.4.new-machine'));
    expect(ids.indexOf('v4v9.4.new-machine')).toBeGreaterThan(ids.indexOf('v4v9.6.check-exports'));
  });

  it('deleting the intermediate server is up to the operator ("kann … gelöscht werden")', () => {
    const plan = buildPlan({ from: '6', littleDowntime: true });
    expect(step(plan, 'hops.intermediate-delete')).toMatchObject({
      applies: 'optional',
      reason: { code: 'may' },
    });
  });

  it('plan D says the XPhone Server keeps its version instead of promising V9', () => {
    expect(warnings(buildPlan({ from: '8', target: 'D' }))).toContain('PLAN_D_NO_V9');
    expect(warnings(buildPlan({ from: '9', target: 'D' }))).not.toContain('PLAN_D_NO_V9');
  });
});
