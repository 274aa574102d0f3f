import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EFFECTS } from '../../src/actors/index.js';
import {
  DB_SCRIPT_STEPS,
  HOPS_CLEANUP,
  HOPS_PREPARE,
  HOPS_REACHED_V8,
  hopSteps,
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
} from '../../src/catalog/index.js';
import { buildPlan, type Plan, type PlanInput } from '../../src/plan/index.js';

/** Every run step of a plan, in order, with where it happens and where xpmigrate runs for it. */
const placed = (plan: Plan) => plan.phases.flatMap((p) => p.steps).filter((s) => s.applies !== 'no');
const ids = (plan: Plan) => placed(plan).map((s) => s.def.id);

const PLANS: Array<[string, PlanInput]> = [
  ['A from V8', { from: '8', target: 'A' }],
  ['B from V8', { from: '8', target: 'B', analytics: true }],
  ['C from V8, xpmigrate restores', { from: '8', target: 'C', restoreWith: 'xpmigrate' }],
  ['D from V9', { from: '9', target: 'D', analytics: true }],
  ['A from V5 in a VM', { from: '5', target: 'A', virtual: true }],
  ['C from V6 with little downtime', { from: '6', target: 'C', littleDowntime: true, virtual: true }],
  ['V4', { from: '4.5.35 SR5' }],
  ['SQL Express', { job: 'sql-express', from: '9', analytics: true }],
  ['SQL scripts', { job: 'db-script' }],
];

describe('every step names its machine', () => {
  it.each(PLANS)(
    '%s: one hand-over at most, old → new, nothing driven on the old server after it',
    (_name, input) => {
      const plan = buildPlan(input);
      const steps = placed(plan);
      const handOvers = steps.filter((s) => s.def.handOverTo);
      expect(handOvers.length).toBeLessThanOrEqual(1);
      const at = steps.findIndex((s) => s.def.handOverTo);
      steps.forEach((s, i) => {
        expect(s.drivenOn, s.def.id).toBe(at >= 0 && i > at ? 'new' : steps[0]!.drivenOn);
        // What happens on an XPhone server before the hand-over is the old one's, after it the new one's
        // — except the old server's own cut-over steps, which are the operator's or read-only checks.
        if (s.machine === 'old' && s.drivenOn === 'new') {
          const changes = s.def.effect ? EFFECTS[s.def.effect.name].changesHost === true : false;
          expect(changes, `${s.def.id} would change the old server from the new one`).toBe(false);
        }
        if (s.machine === 'new') expect(s.drivenOn, s.def.id).toBe('new');
      });
    },
  );

  it("a move to a new machine hands over once, after the old server's last step and before the new server's first", () => {
    const c = ids(buildPlan({ from: '8', target: 'C' }));
    expect(c.slice(c.indexOf('v8v9.backup'), c.indexOf('v8v9.backup') + 3)).toEqual([
      'v8v9.backup',
      'handover.to-new',
      'v8v9.2a.create-databases',
    ]);
    // V4: the operator sets the new machine up (point 4), then hands over; point 3 is checked there.
    const v4 = ids(buildPlan({ from: '4.5.35 SR5' }));
    expect(v4.slice(v4.indexOf('v4v9.4.new-machine'), v4.indexOf('v4v9.4.new-machine') + 3)).toEqual([
      'v4v9.4.new-machine',
      'handover.to-new',
      'v4v9.3.no-in-place',
    ]);
    // V5 → V9: the hops and the old server's backup before, the new server's rows after.
    const hops = buildPlan({ from: '5', target: 'A', virtual: true });
    const at = ids(hops).indexOf('handover.to-new');
    expect(
      placed(hops)
        .slice(0, at)
        .every((s) => s.drivenOn === 'old'),
    ).toBe(true);
    expect(ids(hops).slice(0, at)).toContain('hop.v7v8.reboot');
  });

  it('plan D, the SQL Express upgrade and the script move stay on one XPhone server', () => {
    for (const input of [
      { from: '9', target: 'D' },
      { job: 'sql-express' as const },
      { job: 'db-script' as const },
    ]) {
      const plan = buildPlan(input);
      expect(ids(plan)).not.toContain('handover.to-new');
      expect(new Set(placed(plan).map((s) => s.drivenOn))).toEqual(new Set(['old']));
    }
    // Plan D's rows happen on the one server there is (the matrix's "new" server is the existing one).
    const d = placed(buildPlan({ from: '9', target: 'D' }));
    expect(d.find((s) => s.def.id === 'v8v9.8.atlas-xml')?.machine).toBe('old');
  });
});

describe('docs/maschinen.md and docs/machines.md', () => {
  const catalog = [
    ...V4V9_STEPS,
    ...HOPS_PREPARE,
    ...hopSteps(5, 6),
    HOPS_REACHED_V8,
    HOPS_CLEANUP,
    ...V8V9_BACKUP_MANAGER,
    V8V9_BACKUP,
    ...V8V9_MATRIX.flatMap((r) => r.steps),
    ...V8V9_PLAN_D_STOP,
    ...V8V9_CUTOVER,
    ...V8V9_CUTOVER_STOP,
    V8V9_CUTOVER_BACKUP,
    ...V8V9_SQL_RESTORE,
    ...SQL_EXPRESS_STEPS,
    ...DB_SCRIPT_STEPS,
  ];
  const words = {
    de: {
      old: 'bisheriger XPhone Server',
      new: 'neuer XPhone Server',
      sql: 'SQL Server',
      hypervisor: 'Hypervisor',
      operator: 'Administrator',
    },
    en: {
      old: 'existing XPhone server',
      new: 'new XPhone server',
      sql: 'SQL Server',
      hypervisor: 'hypervisor',
      operator: 'operator',
    },
  } as const;
  it.each([
    ['docs/maschinen.md', 'de'],
    ['docs/machines.md', 'en'],
  ] as const)('%s names the machine of every step as the catalog does', (file, lang) => {
    const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
    for (const step of catalog) {
      const id = step.id.replace('v5v6', 'vXvY');
      const row = text.split('\n').find((l) => l.startsWith(`| \`${id}\` |`));
      expect(row, `${file} lists ${id}`).toBeDefined();
      expect(row!.trim().split('|').at(-2)?.trim(), id).toBe(words[lang][step.machine]);
    }
  });
});
