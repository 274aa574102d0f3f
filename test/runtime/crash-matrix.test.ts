import { describe, expect, it } from 'vitest';
import { buildPlan, type Plan, type PlanInput } from '../../src/plan/index.js';
import { cleanEnv, runCli } from '../support/cli.js';
import { readSim, resumeToEnd, scriptMove, start, status, tempState } from '../support/runs.js';

/** Every path and plan, as CLI flags and as plan input. */
const CONFIGS: Array<{
  name: string;
  flags: string[];
  input: PlanInput;
  /** What else the path's end must show, checked after every case. */
  check?: (state: string, label: string) => void;
  /** The steps killed at (default: every one). */
  killAt?: (stepId: string, steps: string[]) => boolean;
}> = [
  { name: 'V4 → V9', flags: ['--from', '4.5.30'], input: { from: '4.5.30' } },
  {
    name: 'V5 → V8 hops + plan A',
    flags: ['--from', 'V5', '--target', 'A', '--virtual', 'yes'],
    input: { from: 'V5', target: 'A', virtual: true },
    // The hops, the old server's backup and the hand-over with the step after it; the rows of the
    // move itself are killed at in plans B and C (the same effects and policies). Every kill point
    // costs a whole run: all 37 steps here took longer than the path's limit on 2 cores.
    killAt: (id, steps) =>
      !id.startsWith('v8v9.') || steps.indexOf(id) <= steps.indexOf('handover.to-new') + 1,
  },
  { name: 'V8 → V9 plan B', flags: ['--from', '8', '--target', 'B'], input: { from: '8', target: 'B' } },
  { name: 'V8 → V9 plan C', flags: ['--from', '8', '--target', 'C'], input: { from: '8', target: 'C' } },
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

function finalState(state: string) {
  const s = status(state);
  const journal = JSON.parse(runCli(['history', '--json', '--state', state]).stdout).journal as Array<{
    kind: string;
    stepId: string | null;
  }>;
  return { s, journal };
}

describe('crash matrix: SIGKILL at every step, then resume', () => {
  for (const config of CONFIGS) {
    it(`${config.name}`, () => {
      // The reference: an uninterrupted run.
      const refState = tempState();
      const first = start(config.flags, refState);
      expect([0, 4]).toContain(first.code);
      if (first.code === 4) resumeToEnd(refState, () => ['retry']);
      const reference = readSim(refState);
      const ref = finalState(refState);
      expect(ref.s.state).toBe('done');

      const steps = runSteps(buildPlan(config.input));
      expect(steps.length).toBeGreaterThan(0);
      const ids = steps.map((s) => s.def.id);
      const killed = steps.filter((s) => config.killAt?.(s.def.id, ids) ?? true);
      for (const step of killed) {
        for (const point of step.def.kind === 'manual' ? COMMAND_POINTS : EFFECT_POINTS) {
          const label = `${step.def.id}@${point}`;
          const state = tempState();
          // Steps after a reboot run in a later process: carry the fault until it fires.
          const faultEnv = cleanEnv({ XPMIGRATE_FAULT: label });
          let killed = start(config.flags, state, faultEnv);
          for (let i = 0; i < 10 && killed.code === 4; i++) {
            killed = runCli(['resume', '--auto-confirm', '--state', state], { env: faultEnv });
          }
          // Killed by SIGKILL: no exit code at all.
          expect(killed.code, `${label} should have been killed: ${killed.stderr}`).toBeNull();
          resumeToEnd(state, (stepId) => {
            // The operator looks at the server for the step in question (not always the one
            // killed: a command's commit also opens the next effect's intent): done already →
            // mark it done, else retry.
            const applied = readSim(state).effects;
            const effect = steps.find((s) => s.def.id === stepId)?.def.effect?.name;
            if (!effect) throw new Error(`${label}: asked about ${stepId}, which has no effect`);
            return (applied[effect] ?? 0) >= (reference.effects[effect] ?? 0)
              ? ['confirm', stepId]
              : ['retry'];
          });
          const { s, journal } = finalState(state);
          expect(s.state, label).toBe('done');
          expect(s.stepsDone, label).toBe(ref.s.stepsDone);
          const sim = readSim(state);
          for (const name of NON_IDEMPOTENT) {
            expect(sim.effects[name] ?? 0, `${label}: ${name}`).toBe(reference.effects[name] ?? 0);
          }
          for (const [name, count] of Object.entries(reference.effects)) {
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
      }
      // A cap, not a wait: each case is a whole run; 2 shared cores run the hop path in 6-12 minutes.
    }, 1_200_000);
  }
});
