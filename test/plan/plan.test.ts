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
    ['500 users', { from: '8', users: 500 }, 'B'],
    ['300 users with TeamDesk', { from: '8', users: 300, teamdesk: true }, 'B'],
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
