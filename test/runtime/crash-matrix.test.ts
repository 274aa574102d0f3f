import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan, type Plan, type PlanInput } from '../../src/plan/index.js';
import { RunService } from '../../src/service/index.js';
import { readSqlModels, type SqlModel } from '../../src/simulation/index.js';
import { cliInProcess } from '../support/cli.js';
import { imagesAlongRun, killBySignal, killDuring, restoreImage } from '../support/crash.js';
import {
  journalOf,
  readSim,
  resumeToEnd,
  scriptMove,
  startArgs,
  status,
  tempState,
} from '../support/runs.js';

/** Every path and plan, as CLI flags and as plan input. */
const CONFIGS: Array<{
  name: string;
  flags: string[];
  input: PlanInput;
  /** What else the path's end must show, checked after every case. */
  check?: (state: string, label: string) => void;
}> = [
  { name: 'V4 → V9', flags: ['--from', '4.5.30'], input: { from: '4.5.30' } },
  {
    name: 'V5 → V8 hops + plan A',
    flags: ['--from', 'V5', '--target', 'A', '--virtual', 'yes'],
    input: { from: 'V5', target: 'A', virtual: true },
  },
  { name: 'V8 → V9 plan B', flags: ['--from', '8', '--target', 'B'], input: { from: '8', target: 'B' } },
  {
    // xpmigrate's own restore (row 12): the restore's probe is killed at too.
    name: 'V8 → V9 plan C, restored by xpmigrate',
    flags: ['--from', '8', '--target', 'C', '--restore-with', 'xpmigrate'],
    input: { from: '8', target: 'C', restoreWith: 'xpmigrate' },
  },
  {
    name: 'V9 → V9 plan D',
    flags: ['--from', '9.0.330.1359', '--target', 'D', '--existing-sql-server', 'yes'],
    input: { from: '9.0.330.1359', target: 'D', existingSqlServer: true },
  },
  {
    name: 'SQL Express 2019',
    flags: ['--job', 'sql-express', '--from', '9.0.330.1359', '--analytics', 'yes'],
    input: { job: 'sql-express', from: '9.0.330.1359', analytics: true },
  },
  {
    name: 'DB move with scripts',
    flags: ['--job', 'db-script', '--from', '9'],
    input: { job: 'db-script', from: '9' },
    // The target received every batch of the scripts exactly once, in order, whatever was killed.
    check: (state, label) => {
      const move = scriptMove(state);
      expect(
        move.target.scripts?.applied.map((a) => a.sql),
        label,
      ).toEqual(move.expected);
    },
  },
];

const EFFECT_POINTS = ['after-intent', 'during-effect', 'after-effect'] as const;
/** A manual step ends with an operator command: killed before and after it is delivered. */
const COMMAND_POINTS = ['command-queued', 'command-applied'] as const;

/** Effects a second application of would do harm: each must be applied exactly once. */
const NON_IDEMPOTENT = [
  'backup-manager.backup',
  'backup-manager.restore',
  'host.reboot',
  'snapshot.take',
  'sql.create-databases',
  'atlas.point-databases',
  'atlas.rename-instances',
  'windows.run-sql-migration-script:main',
  'windows.run-sql-migration-script:analytics',
  'sql-script.batch',
];

function runSteps(plan: Plan) {
  return plan.phases.flatMap((p) => p.steps).filter((s) => s.applies !== 'no');
}

type Step = ReturnType<typeof runSteps>[number];
type Config = (typeof CONFIGS)[number];

function pointsOf(step: Step): readonly string[] {
  return step.def.kind === 'manual' ? COMMAND_POINTS : EFFECT_POINTS;
}

/** The uninterrupted run a killed one must end like. */
async function referenceRun(config: Config, state = tempState()) {
  const first = await cliInProcess(startArgs(config.flags, state));
  expect([0, 4]).toContain(first.code);
  if (first.code === 4) await resumeToEnd(state, () => ['retry']);
  const s = await status(state);
  expect(s.state).toBe('done');
  return { sim: readSim(state), s, journal: await journalOf(state) };
}
type Reference = Awaited<ReturnType<typeof referenceRun>>;

/** Resumes a killed run to its end and checks it ended as the reference did, every effect applied as often. */
async function resumeAndCheck(
  config: Config,
  steps: Step[],
  step: Step,
  label: string,
  state: string,
  ref: Reference,
) {
  await resumeToEnd(state, (stepId) => {
    // The operator looks at the server for the step in question (not always the one killed: a
    // command's commit also opens the next effect's intent): done already → mark it done, else retry.
    const applied = readSim(state).effects;
    const effect = steps.find((s) => s.def.id === stepId)?.def.effect?.name;
    if (!effect) throw new Error(`${label}: asked about ${stepId}, which has no effect`);
    return (applied[effect] ?? 0) >= (ref.sim.effects[effect] ?? 0) ? ['confirm', stepId] : ['retry'];
  });
  const s = await status(state);
  const journal = await journalOf(state);
  expect(s.state, label).toBe('done');
  expect(s.stepsDone, label).toBe(ref.s.stepsDone);
  const sim = readSim(state);
  for (const name of NON_IDEMPOTENT) {
    expect(sim.effects[name] ?? 0, `${label}: ${name}`).toBe(ref.sim.effects[name] ?? 0);
  }
  for (const [name, count] of Object.entries(ref.sim.effects)) {
    expect(sim.effects[name] ?? 0, `${label}: ${name}`).toBeGreaterThanOrEqual(count);
  }
  // The journal is complete: every step of the reference run is accounted for, the end too.
  const doneSteps = new Set(
    journal.filter((j) => /step-done|operator-confirm/.test(j.kind)).map((j) => j.stepId),
  );
  for (const j of ref.journal.filter((j) => j.kind === 'step-done'))
    expect(doneSteps, label).toContain(j.stepId);
  expect(
    journal.some((j) => j.kind === 'recovered' || j.stepId === step.def.id),
    label,
  ).toBe(true);
  expect(journal.at(-1)?.kind, label).toBe('run-ended');
  config.check?.(state, label);
}

/** What each path's reference run applied, for the list's own check below. */
const appliedByReferences = new Set<string>();

describe('crash matrix: killed at every step, then resumed', () => {
  for (const config of CONFIGS) {
    it(`${config.name}: every kill point, in-process`, async () => {
      const steps = runSteps(buildPlan(config.input));
      expect(steps.length).toBeGreaterThan(0);
      const labels = steps.flatMap((step) => pointsOf(step).map((point) => `${step.def.id}@${point}`));
      // The reference run keeps the folder at each kill point; each image is then resumed.
      const state = tempState();
      const { outcome: ref, images } = await imagesAlongRun(state, labels, () => referenceRun(config, state));
      for (const name of Object.keys(ref.sim.effects)) appliedByReferences.add(name);
      let points = 0;
      for (const step of steps) {
        for (const point of pointsOf(step)) {
          const label = `${step.def.id}@${point}`;
          const image = images.get(label);
          expect(image, `${label} was never reached`).toBeDefined();
          restoreImage(state, image!);
          await resumeAndCheck(config, steps, step, label, state, ref);
          points++;
        }
      }
      console.log(`${config.name}: ${points} kill points`);
      // A cap, not a wait: every kill point is a whole run.
    }, 1_200_000);
  }

  it('lists no effect that no path applies: its exact counts would check 0 against 0', () => {
    expect([...NON_IDEMPOTENT].filter((name) => !appliedByReferences.has(name))).toEqual([]);
  });

  // Real SIGKILLs where the process boundary is the point: each effect with each recovery policy
  // and each command point once, on the shortest path that has it, the kill point rotating.
  it('a real SIGKILL at one point per effect, recovery policy and command point', async () => {
    const byLength = CONFIGS.map((config) => ({ config, steps: runSteps(buildPlan(config.input)) })).sort(
      (a, b) => a.steps.length - b.steps.length,
    );
    const seen = new Set<string>();
    let rotation = 0;
    const cases: Array<{ config: Config; steps: Step[]; step: Step; point: string }> = [];
    for (const { config, steps } of byLength) {
      for (const step of steps) {
        if (step.def.kind === 'manual') {
          for (const point of COMMAND_POINTS)
            if (!seen.has(`manual@${point}`)) {
              seen.add(`manual@${point}`);
              cases.push({ config, steps, step, point });
            }
          continue;
        }
        const key = `${step.def.effect?.name ?? step.def.kind}|${step.def.recovery}`;
        if (seen.has(key)) continue;
        seen.add(key);
        cases.push({ config, steps, step, point: EFFECT_POINTS[rotation++ % EFFECT_POINTS.length]! });
      }
    }
    const refs = new Map<Config, Reference>();
    for (const { config, steps, step, point } of cases) {
      const label = `${step.def.id}@${point}`;
      const state = tempState();
      const killed = await killBySignal(config.flags, state, label);
      // Killed by SIGKILL: no exit code at all.
      expect(killed.code, `${label} should have been killed: ${killed.stderr}`).toBeNull();
      if (!refs.has(config)) refs.set(config, await referenceRun(config));
      await resumeAndCheck(config, steps, step, label, state, refs.get(config)!);
    }
    console.log(`real SIGKILL: ${cases.length} kill points (${[...seen].join(', ')})`);
  }, 1_200_000);
});

describe('a rollback, a second pass, and a kill in its safety copy', () => {
  it('V5 → V9 plan A restored by xpmigrate: the first pass’s copy never passes for the second’s', async () => {
    const flags = ['--from', 'V5', '--target', 'A', '--virtual', 'yes', '--restore-with', 'xpmigrate'];
    const state = tempState();
    const first = await cliInProcess(startArgs(flags, state));
    if (first.code === 4) await resumeToEnd(state, () => ['retry']);
    expect((await status(state)).state).toBe('done');
    const restoredContent = () =>
      Object.values(readSqlModels(`${state}.sql`))
        .filter((m) => m.restoreHistory.some((r) => r.database.toLowerCase() === 'xpdata'))
        .map((m) => m.databases.XPDATA?.content);
    const firstPass = restoredContent();
    expect(firstPass).toHaveLength(1);

    // Back to the old server after its last hop: the run goes through the move again.
    const service = RunService.open(state);
    const snapshot = service.snapshots().find((s) => s.stepId === 'hop.v7v8.snapshot')!;
    service.close();
    const rolled = await cliInProcess(['rollback', '--to', snapshot.name, '--yes', '--state', state]);
    expect(rolled.code, rolled.stderr).toBe(0);
    // The users go on working on the old server until the second cut-over.
    const source = join(`${state}.sql`, 'OLDXPHONE_XPCONNECT.json');
    const model = JSON.parse(readFileSync(source, 'utf8')) as SqlModel;
    model.databases.XPDATA!.content = 'written between the two cut-overs';
    writeFileSync(source, JSON.stringify(model));

    // Killed with the second safety copy's intent committed, before it wrote anything.
    const label = 'v8v9.cutover-backup@after-intent';
    const killed = await killDuring(state, label, async (fired) => {
      let run = await cliInProcess(['resume', '--auto-confirm', '--state', state, '--lang', 'en']);
      for (let i = 0; i < 10 && run.code === 4 && !fired(); i++)
        run = await cliInProcess(['resume', '--auto-confirm', '--state', state, '--lang', 'en']);
      return run;
    });
    expect(killed.fired, `${killed.stdout}${killed.stderr}`).toBe(true);
    await resumeToEnd(state, () => ['retry']);
    expect((await status(state)).state).toBe('done');

    // The probe did not take the first pass's files (same run, same step, same names) for it.
    const journal = await journalOf(state);
    expect(journal.filter((j) => j.kind === 'recovered' && j.stepId === 'v8v9.cutover-backup')).toHaveLength(
      1,
    );
    const history = RunService.open(state);
    const recovered = history
      .history()
      .journal.filter((j) => j.kind === 'recovered')
      .at(-1);
    history.close();
    expect(recovered?.detail).toMatchObject({ probe: 'not-done' });
    expect(restoredContent()).toEqual(['written between the two cut-overs']);
  }, 300_000);
});
