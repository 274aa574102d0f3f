import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/index.js';
import { RunService } from '../../src/service/index.js';
import { readSqlModels, type SqlModel } from '../../src/simulation/index.js';
import { cliInProcess } from '../support/cli.js';
import { killBySignal, killDuring } from '../support/crash.js';
import {
  COMMAND_POINTS,
  CONFIGS,
  type Config,
  EFFECT_POINTS,
  everyKillPoint,
  LONG_PATHS,
  NON_IDEMPOTENT,
  type Reference,
  referenceRun,
  resumeAndCheck,
  runSteps,
  type Step,
} from '../support/crash-matrix.js';
import { journalOf, resumeToEnd, startArgs, status, tempState } from '../support/runs.js';

// The crash matrix (README, "Development"): the shorter paths in-process, the real SIGKILLs, the
// list's own check and the second pass after a rollback; the longest paths are in
// crash-matrix-long.test.ts, so that the two workers share the work.
describe('crash matrix: killed at every step, then resumed', () => {
  for (const config of CONFIGS.filter((c) => !LONG_PATHS.includes(c.name))) {
    // A cap, not a wait: every kill point is a resumed run.
    it(`${config.name}: every kill point, in-process`, () => everyKillPoint(config), 1_200_000);
  }

  it('lists no effect that no path applies: its exact counts would check 0 against 0', async () => {
    const applied = new Set<string>();
    for (const config of CONFIGS)
      for (const name of Object.keys((await referenceRun(config)).sim.effects)) applied.add(name);
    expect([...NON_IDEMPOTENT].filter((name) => !applied.has(name))).toEqual([]);
  }, 300_000);

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
