import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cliInProcess } from '../support/cli.js';
import { editSim, operatorDoes, readSim, start, status, tempState } from '../support/runs.js';

const cli = async (args: string[], state: string) =>
  await cliInProcess([...args, '--state', state, '--lang', 'en']);
const runIdOf = async (state: string) =>
  (await status(state)) && JSON.parse((await cli(['runs', '--json'], state)).stdout).runs[0].runId;

describe('operator commands', () => {
  it('accepts what the state takes, refuses the rest with a reason, and shrugs off repeats', async () => {
    const state = tempState();
    const first = await cliInProcess([
      'start',
      '--from',
      '8',
      '--target',
      'B',
      '--simulate',
      '--state',
      state,
      '--lang',
      'en',
    ]);
    // First the guide's Backup-Manager backup, by the operator: done on the simulated server.
    expect(first.code).toBe(3);
    expect((await status(state)).currentStep).toBe('v8v9.backup-manager');
    const backedUp = await operatorDoes(state);
    expect(backedUp.code).toBe(3);
    // Plan B moves to a new machine: the old server hands the run over, then stops driving it.
    expect(backedUp.stdout).toContain('Confirm with: xpmigrate confirm handover.to-new --evidence machine=');
    const handedOver = await cli(['confirm', 'handover.to-new', '--evidence', 'machine=NEWXPHONE'], state);
    expect(handedOver.code).toBe(3);
    expect(handedOver.stdout).toContain(
      'The run goes on on NEWXPHONE (new XPhone server), not on this machine (OLDXPHONE)',
    );
    expect((await cli(['resume'], state)).code).toBe(3); // still the old server: nothing runs
    expect((await cliInProcess(['sim', '--machine', 'NEWXPHONE', '--state', state])).code).toBe(0);
    const taken = await cli(['resume'], state);
    expect(taken.code).toBe(3);
    expect(taken.stdout).toContain(
      'Confirm with: xpmigrate confirm v8v9.1.install-sql-standard --evidence instance=',
    );
    expect(await status(state)).toMatchObject({
      state: 'waiting-operator',
      currentStep: 'v8v9.1.install-sql-standard',
      stepsDone: 4, // the backup, its log check, the safety copy, the hand-over
    });

    const wrongStep = await cli(['confirm', 'v8v9.6.install-xphone', '--evidence', 'version=9.0.1'], state);
    expect(wrongStep.code).toBe(2);
    expect(wrongStep.stderr).toContain('is not the current step; the run is at v8v9.1.install-sql-standard');

    const noEvidence = await cli(['confirm', 'v8v9.1.install-sql-standard'], state);
    expect(noEvidence.code).toBe(2);
    expect(noEvidence.stderr).toContain('evidence missing or not as asked: instance');

    const skipRequired = await cli(['skip', 'v8v9.1.install-sql-standard', '--reason', 'later'], state);
    expect(skipRequired.code).toBe(2);
    expect(skipRequired.stderr).toContain('is required; skipping it needs --force');

    const ok = await cli(
      ['confirm', 'v8v9.1.install-sql-standard', '--evidence', 'instance=MSSQLSERVER', '--by', 'anna'],
      state,
    );
    expect(ok.code).toBe(3); // ran on to the next manual step (after 2a/2b, done by the tool)
    expect((await status(state)).currentStep).toBe('v8v9.3.mapi');

    const repeat = await cli(
      ['confirm', 'v8v9.1.install-sql-standard', '--evidence', 'instance=MSSQLSERVER'],
      state,
    );
    expect(repeat.code).toBe(0);
    expect(repeat.stdout).toContain('already handled');
    expect(readSim(state).effects['sql.create-databases']).toBe(1);

    const skipOptional = await cli(['skip', 'v8v9.3.mapi', '--reason', 'no calendar sync'], state);
    expect(skipOptional.code).toBe(3);
    const history = JSON.parse((await cli(['history', '--json'], state)).stdout).journal as Array<{
      kind: string;
      who: string;
      stepId: string;
    }>;
    expect(
      history.find((j) => j.kind === 'operator-confirm' && j.stepId === 'v8v9.1.install-sql-standard'),
    ).toMatchObject({
      who: 'anna',
      stepId: 'v8v9.1.install-sql-standard',
    });
    expect(history.filter((j) => j.kind === 'command-refused')).toHaveLength(3);
    expect(history.some((j) => j.kind === 'command-duplicate')).toBe(true);

    const abort = await cli(['abort', '--reason', 'customer postponed'], state);
    expect(abort.code).toBe(1);
    expect((await status(state)).state).toBe('aborted');
    expect((await cli(['retry'], state)).code).toBe(2);
  });

  it('refuses --auto-confirm outside a simulation and real hosts for now', async () => {
    const state = tempState();
    const r = await cliInProcess([
      'start',
      '--from',
      '8',
      '--auto-confirm',
      '--state',
      state,
      '--lang',
      'en',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[E_SIMULATE_ONLY]');
  });
});

describe('reboots', () => {
  it('keeps waiting until the boot id changed, then continues', async () => {
    const state = tempState();
    expect((await start(['--from', 'V7', '--target', 'A', '--virtual', 'no'], state)).code).toBe(4);
    const sim = readSim(state);
    expect(sim.pendingReboot).toBe(true);
    // The startup task resumes this run in the language it was started in.
    expect(sim.resumeTask).toEqual([
      'xpmigrate',
      'resume',
      '--state',
      state,
      '--lang',
      'en',
      '--run',
      await runIdOf(state),
    ]);
    // The machine has not rebooted yet (the reboot is still pending, not carried out).
    editSim(state, (m) => {
      m.pendingReboot = false;
    });
    const early = await cli(['resume', '--auto-confirm'], state);
    expect(early.code).toBe(4);
    expect(await status(state)).toMatchObject({ state: 'waiting-reboot', currentStep: 'hop.v7v8.reboot' });
    // Now it reboots: the next process sees a new boot id.
    editSim(state, (m) => {
      m.pendingReboot = true;
    });
    const after = await cli(['resume', '--auto-confirm'], state);
    expect(after.code).toBe(0);
    expect(readSim(state).effects['host.reboot']).toBe(1);
    expect(readSim(state).machines.OLDXPHONE?.resumeTask).toBeNull();
  });
});

describe('the lock', () => {
  it('refuses a second process with exit 5 naming the holder, and takes over a dead holder', async () => {
    const state = tempState();
    expect((await start(['--from', '8', '--target', 'B'], state)).code).toBe(0);
    const st2 = tempState();
    await cliInProcess([
      'start',
      '--from',
      '8',
      '--target',
      'B',
      '--simulate',
      '--state',
      st2,
      '--lang',
      'en',
    ]);
    const runId = await runIdOf(st2);
    const holder = spawn('sleep', ['30']);
    const db = new Database(st2);
    db.prepare('INSERT INTO locks (run_id, pid, host, since, token) VALUES (?, ?, ?, ?, ?)').run(
      runId,
      holder.pid,
      (await import('node:os')).hostname(),
      '2026-11-28T10:00:00.000Z',
      'x',
    );
    const locked = await cli(['resume'], st2);
    expect(locked.code).toBe(5);
    expect(locked.stderr).toContain(`held by process ${holder.pid}`);
    expect(locked.stderr).toContain('since 2026-11-28T10:00:00.000Z');
    holder.kill('SIGKILL');
    await new Promise((r) => holder.on('exit', r));
    const taken = await cli(['resume'], st2);
    expect(taken.code).toBe(3); // proceeds: waits for the operator again
    expect(db.prepare('SELECT COUNT(*) AS n FROM locks').get()).toEqual({ n: 0 });
    db.close();
  });

  it('a holder from an earlier boot is dead even when its pid is alive again', async () => {
    const state = tempState();
    await cliInProcess([
      'start',
      '--from',
      '8',
      '--target',
      'B',
      '--simulate',
      '--state',
      state,
      '--lang',
      'en',
    ]);
    const runId = await runIdOf(state);
    const { bootMarker } = await import('../../src/persistence/lock.js');
    const alive = spawn('sleep', ['30']); // the pid that the old holder had, now someone else's
    const db = new Database(state);
    const lock = db.prepare(
      'INSERT OR REPLACE INTO locks (run_id, pid, host, since, token, boot) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const host = (await import('node:os')).hostname();
    lock.run(runId, alive.pid, host, '2026-11-28T10:00:00.000Z', 'x', bootMarker());
    expect((await cli(['resume'], state)).code).toBe(5); // same boot, live pid: a real holder
    lock.run(runId, alive.pid, host, '2026-11-28T10:00:00.000Z', 'x', 'an-earlier-boot');
    expect((await cli(['resume'], state)).code).toBe(3); // taken over
    alive.kill('SIGKILL');
    db.close();
  });
});

describe('bad stores', () => {
  it('a corrupted store: clear error, file untouched', async () => {
    const state = tempState();
    writeFileSync(state, 'this is not a database'.repeat(300));
    const before = readFileSync(state);
    const r = await cli(['status'], state);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[E_STORE_CORRUPT]');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(state).equals(before)).toBe(true);
  });

  it('a store from a newer schema is refused', async () => {
    const state = tempState();
    expect((await start(['--job', 'db-script'], state)).code).toBe(0);
    const db = new Database(state);
    db.pragma('user_version = 99');
    db.close();
    const r = await cli(['status'], state);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[E_STORE_NEWER]');
    expect(r.stderr).toContain('schema 99');
  });

  it('a saved state the machine no longer has is refused, never restarted', async () => {
    const state = tempState();
    await cliInProcess(['start', '--from', '8', '--target', 'B', '--simulate', '--state', state]);
    const db = new Database(state);
    const row = db
      .prepare('SELECT run_id, seq, snapshot FROM checkpoints ORDER BY seq DESC LIMIT 1')
      .get() as {
      run_id: string;
      seq: number;
      snapshot: string;
    };
    const snapshot = JSON.parse(row.snapshot);
    snapshot.value = { v8v9: 'v8v9_1_install-sql-enterprise' };
    db.prepare('UPDATE checkpoints SET snapshot = ? WHERE run_id = ? AND seq = ?').run(
      JSON.stringify(snapshot),
      row.run_id,
      row.seq,
    );
    const checkpoints = (db.prepare('SELECT COUNT(*) AS n FROM checkpoints').get() as { n: number }).n;
    db.close();
    const r = await cli(['resume'], state);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[E_RUN_MACHINE_CHANGED]');
    expect(r.stderr).toContain('v8v9.v8v9_1_install-sql-enterprise');
    const after = new Database(state);
    expect((after.prepare('SELECT COUNT(*) AS n FROM checkpoints').get() as { n: number }).n).toBe(
      checkpoints,
    );
    after.close();
  });

  it('WAL with synchronous=FULL', async () => {
    const { openDb } = await import('../../src/persistence/index.js');
    const db = openDb(tempState());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });
});
