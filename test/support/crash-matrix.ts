import { expect } from 'vitest';
import { buildPlan, type Plan, type PlanInput } from '../../src/plan/index.js';
import { cliInProcess } from './cli.js';
import { imagesAlongRun, restoreImage } from './crash.js';
import { journalOf, readSim, resumeToEnd, scriptMove, startArgs, status, tempState } from './runs.js';

/**
 * The crash matrix's paths, kill points and checks, shared by its test files (two, so that the
 * test runner's two workers share its work).
 */
/** Every path and plan, as CLI flags and as plan input. */
export const CONFIGS: Array<{
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

export const EFFECT_POINTS = ['after-intent', 'during-effect', 'after-effect'] as const;
/** A manual step ends with an operator command: killed before and after it is delivered. */
export const COMMAND_POINTS = ['command-queued', 'command-applied'] as const;

/** Effects a second application of would do harm: each must be applied exactly once. */
export const NON_IDEMPOTENT = [
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

export function runSteps(plan: Plan) {
  return plan.phases.flatMap((p) => p.steps).filter((s) => s.applies !== 'no');
}

export type Step = ReturnType<typeof runSteps>[number];
export type Config = (typeof CONFIGS)[number];

export function pointsOf(step: Step): readonly string[] {
  return step.def.kind === 'manual' ? COMMAND_POINTS : EFFECT_POINTS;
}

/** The uninterrupted run a killed one must end like. */
export async function referenceRun(config: Config, state = tempState()) {
  const first = await cliInProcess(startArgs(config.flags, state));
  expect([0, 4]).toContain(first.code);
  if (first.code === 4) await resumeToEnd(state, () => ['retry']);
  const s = await status(state);
  expect(s.state).toBe('done');
  return { sim: readSim(state), s, journal: await journalOf(state) };
}
export type Reference = Awaited<ReturnType<typeof referenceRun>>;

/** Resumes a killed run to its end and checks it ended as the reference did, every effect applied as often. */
export async function resumeAndCheck(
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

/** Every kill point of one path, in-process: the reference run keeps the folder at each point, each image is resumed. */
export async function everyKillPoint(config: Config): Promise<void> {
  const steps = runSteps(buildPlan(config.input));
  expect(steps.length).toBeGreaterThan(0);
  const labels = steps.flatMap((step) => pointsOf(step).map((point) => `${step.def.id}@${point}`));
  const state = tempState();
  const { outcome: ref, images } = await imagesAlongRun(state, labels, () => referenceRun(config, state));
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
}

/** The paths' own names: the longest four in one file, the rest in the other. */
export const LONG_PATHS = [
  'V4 → V9',
  'V5 → V8 hops + plan A',
  'V8 → V9 plan C, restored by xpmigrate',
  'DB move with scripts',
];
