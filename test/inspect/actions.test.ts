import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Every way of starting a process, watched: the page's actions must start none.
const spawned = vi.hoisted(() => ({ calls: [] as string[] }));
vi.mock('node:child_process', async (original) => {
  const real = await original<typeof import('node:child_process')>();
  const watch =
    <F extends (...args: never[]) => unknown>(name: string, f: F) =>
    (...args: Parameters<F>) => {
      spawned.calls.push(`${name} ${String(args[0])}`);
      return f(...args);
    };
  return {
    ...real,
    spawn: watch('spawn', real.spawn),
    spawnSync: watch('spawnSync', real.spawnSync),
    fork: watch('fork', real.fork),
    exec: watch('exec', real.exec),
    execFile: watch('execFile', real.execFile),
    execFileSync: watch('execFileSync', real.execFileSync),
    execSync: watch('execSync', real.execSync),
  };
});

import { chartOf, RunActions, RunFollower, startUi, type UiServer } from '../../src/inspect/index.js';
import { RunService } from '../../src/service/index.js';
import { operatorInstalled, tempState } from '../support/runs.js';

describe("the page's actions, in the ui's own process", () => {
  let state: string;
  let ui: UiServer;
  let follower: RunFollower;
  let actions: RunActions;
  const token = 'test-token-actions-0123456789';

  beforeAll(async () => {
    state = tempState();
    const service = RunService.open(state, { create: true });
    await service.start(
      {
        plan: RunService.plan({ from: '5', target: 'A' }),
        simulate: true,
        databases: ['XPDATA', 'XPVDIR', 'XPSTATS'],
        healthTimeoutSeconds: 60,
        reboot: 'auto',
        launcher: [],
      },
      { who: 'tester' },
    );
    // The Backup-Manager's backup, the operator's: on to the V6 update.
    const did = await service.actAsOperator();
    await service.send(
      undefined,
      { command: 'confirm', stepId: did.stepId, evidence: did.evidence },
      { who: 'tester' },
    );
    service.close();
    follower = new RunFollower(state, undefined, 'en');
    const model = follower.open();
    actions = new RunActions(follower, 'tester (ui)', 'en');
    ui = await startUi({
      follower,
      model,
      chart: chartOf(model.machine),
      host: '127.0.0.1',
      port: 0,
      token,
      pageDir: new URL('../../visualizer', import.meta.url).pathname,
      scriptDir: new URL('../../dist/page', import.meta.url).pathname,
      actions,
    });
    follower.start(20);
  });
  afterAll(async () => {
    await actions.idle();
    await ui.close();
    follower.stop();
  });

  const post = async (path: string, body: unknown) => {
    const base = `http://127.0.0.1:${ui.port}`;
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Xpmigrate-Token': token, Origin: base },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { ok: boolean; delivery?: string; code?: string };
  };
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
    expect(check()).toBe(true);
  };

  it('confirms a step and resumes after the simulated reboot without starting a process', async () => {
    expect(follower.view?.currentStep).toBe('hop.v5v6.update');
    operatorInstalled(state, '6.0.100');
    spawned.calls.length = 0;
    const answer = await post('/api/command', {
      command: 'confirm',
      stepId: 'hop.v5v6.update',
      evidence: { version: '6.0.100' },
    });
    expect(answer).toMatchObject({ ok: true, delivery: 'started' });
    await until(() => follower.view?.status === 'waiting-reboot');
    await actions.idle();

    // The drive ended at the reboot; the page still works: Resume drives on in this process.
    expect(await post('/api/resume', {})).toMatchObject({ ok: true, delivery: 'started' });
    await until(
      () => follower.view?.status === 'waiting-operator' && follower.view.currentStep !== 'hop.v5v6.update',
    );
    await actions.idle();
    expect(follower.timeline.some((r) => r.kind === 'operator-confirm' && r.who === 'tester (ui)')).toBe(
      true,
    );
    expect(spawned.calls).toEqual([]);
  });
});
