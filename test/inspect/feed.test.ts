import { copyFileSync, renameSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { JOURNAL_KIND_TEXT } from '../../src/i18n/index.js';
import {
  chartOf,
  parseCommand,
  RunActions,
  RunFollower,
  startUi,
  streamToInspector,
  type UiServer,
} from '../../src/inspect/index.js';
import { JOURNAL_KINDS, openDb, Store } from '../../src/persistence/index.js';
import { decodeMessage } from '../../visualizer/src/decode.js';
import type { ServerMessage } from '../../visualizer/src/protocol.js';
import { cliInProcess } from '../support/cli.js';
import { killDuring } from '../support/crash.js';
import { operatorDoes, operatorInstalled, startArgs, status, tempState } from '../support/runs.js';

/** A V5 → V9 rehearsal waiting for the operator at the V6 update (the Backup-Manager's backup done). */
async function waitingRun(): Promise<string> {
  const state = tempState();
  const r = await cliInProcess([
    'start',
    '--simulate',
    '--from',
    '5',
    '--target',
    'A',
    '--state',
    state,
    '--lang',
    'en',
  ]);
  expect(r.code, r.stderr).toBe(3);
  expect((await operatorDoes(state)).code).toBe(3);
  return state;
}

function collect(follower: RunFollower): ServerMessage[] {
  const messages: ServerMessage[] = [];
  follower.subscribe((m) => messages.push(m));
  return messages;
}

describe('the feed', () => {
  it('shows where the run stands and what the waiting step accepts, then only what changed', async () => {
    const state = await waitingRun();
    const follower = new RunFollower(state, undefined, 'en');
    follower.open();
    const view = follower.view!;
    expect(view.status).toBe('waiting-operator');
    expect(view.currentStep).toBe('hop.v5v6.update');
    expect(view.active[0]).toBe('xpmigrate');
    expect(view.active.at(-1)).toMatch(/^xpmigrate\.hop_v5v6\.hop_v5v6_update$/);
    expect(view.prompt).toMatchObject({
      stepId: 'hop.v5v6.update',
      actions: ['confirm', 'skip', 'abort'],
      skipNeedsForce: true,
      failure: null,
    });
    expect(view.prompt?.evidence.map((e) => e.key)).toEqual(['version']);
    const statuses = Object.fromEntries(view.steps.map((s) => [s.id, s.status]));
    expect(statuses['hops.backup']).toBe('done');
    expect(statuses['hop.v5v6.update']).toBe('waiting');
    expect(statuses['hop.v5v6.reboot']).toBe('pending');
    expect(Object.values(statuses)).toContain('not-needed');
    expect(view.phases.map((p) => p.status).slice(0, 3)).toEqual(['done', 'active', 'pending']);
    expect(view.snapshots).toHaveLength(1);
    const before = follower.timeline.length;

    const messages = collect(follower);
    follower.poll();
    expect(messages).toEqual([]); // nothing changed: nothing sent

    operatorInstalled(state, '6.0.100');
    const r = await cliInProcess([
      'confirm',
      'hop.v5v6.update',
      '--evidence',
      'version=6.0.100',
      '--state',
      state,
    ]);
    expect(r.code, r.stderr).toBe(4); // now waiting for the reboot
    follower.poll();
    const next = messages.find((m) => m.type === 'view');
    expect(next?.type === 'view' && next.view).toMatchObject({
      status: 'waiting-reboot',
      currentStep: 'hop.v5v6.reboot',
      prompt: null,
    });
    const journal = messages.find((m) => m.type === 'journal');
    expect(journal?.type === 'journal' && journal.reset).toBe(false);
    const kinds = journal?.type === 'journal' ? journal.rows.map((row) => row.kind) : [];
    expect(kinds).toContain('operator-confirm');
    expect(follower.timeline.length).toBe(before + kinds.length);
    // Every message the server sends is one the page decodes.
    for (const m of messages) expect(decodeMessage(JSON.stringify(m))).toEqual(m);
    follower.stop();
  });

  it('follows the journal by identity: a reverted store that has grown past the old count still resets the page', async () => {
    const state = await waitingRun();
    const before = `${state}.before-update`;
    const db = openDb(state);
    db.exec(`VACUUM INTO '${before}'`); // the store as a snapshot would bring it back
    db.close();
    const follower = new RunFollower(state, undefined, 'en');
    follower.open();
    operatorInstalled(state, '6.0.100');
    expect(
      (await cliInProcess(['confirm', 'hop.v5v6.update', '--evidence', 'version=6.0.100', '--state', state]))
        .code,
    ).toBe(4);
    follower.poll();
    const lost = follower.timeline.filter(
      (r) => r.stepId === 'hop.v5v6.update' && r.kind === 'operator-confirm',
    );
    expect(lost).toHaveLength(1);
    const count = follower.timeline.length;

    // The revert: the older store in place, then more rows than the page had (ids reused).
    const messages = collect(follower);
    // As a revert brings it: another file in the store's place (a new inode), without a -wal.
    follower.close();
    for (const suffix of ['-wal', '-shm']) rmSync(`${state}${suffix}`, { force: true });
    copyFileSync(before, `${state}.reverted`);
    renameSync(`${state}.reverted`, state);
    const reverted = openDb(state);
    const rows = (reverted.prepare('SELECT COUNT(*) AS n FROM journal').get() as { n: number }).n;
    const runId = (reverted.prepare('SELECT id FROM runs').get() as { id: string }).id;
    for (let i = rows; i <= count; i++)
      reverted
        .prepare(
          "INSERT INTO journal (run_id, after_seq, at, kind, step_id, attempt, who, detail) VALUES (?, 0, ?, 'command-refused', 'hop.v5v6.update', NULL, 'test', '{}')",
        )
        .run(runId, new Date(Date.now() + i).toISOString());
    reverted.close();
    follower.poll();
    follower.poll();
    const journal = messages.find((m) => m.type === 'journal');
    expect(journal?.type === 'journal' && journal.reset).toBe(true);
    expect(
      follower.timeline.filter((r) => r.stepId === 'hop.v5v6.update' && r.kind === 'operator-confirm'),
    ).toEqual([]);
    expect(follower.timeline.length).toBeGreaterThan(count);
    follower.stop();
  });

  it('a required step skipped with --force is "forced", and its phase is not "done" but "incomplete"', async () => {
    const state = await waitingRun();
    // Skipped on purpose, each with --force: the V6 hop's update, reboot and test client.
    for (
      let at = (await status(state)).currentStep;
      at?.startsWith('hop.v5v6.');
      at = (await status(state)).currentStep
    )
      expect(
        (await cliInProcess(['skip', at, '--force', '--reason', 'test', '--state', state])).code,
      ).not.toBe(2);
    const follower = new RunFollower(state, undefined, 'de');
    follower.open();
    const view = follower.view!;
    const update = view.steps.find((s) => s.id === 'hop.v5v6.update')!;
    expect(update.status).toBe('forced');
    const phase = view.phases.find((p) => p.id === update.phaseId)!;
    expect(phase.status).toBe('incomplete');
    // Not a harmless skip, not "not applicable": in every language it says what it is.
    expect(view.steps.filter((s) => s.status === 'not-needed').every((s) => s.phaseId !== 'never')).toBe(
      true,
    );
    follower.stop();
  });

  it('never carries a secret, not even one a step wrote into the journal', async () => {
    const state = await waitingRun();
    const follower = new RunFollower(state, undefined, 'en');
    follower.open();
    const messages = collect(follower);
    const db = openDb(state);
    new Store(db).journal(follower.runId, [
      {
        kind: 'rollback-failed',
        who: 'test',
        detail: {
          password: 'geheim-1',
          connection: 'Server=sql1;User Id=sa;Password=geheim-2;',
          nested: { apiToken: 'geheim-3' },
        },
      },
      // Progress figures become bars (the newest per operation and database), not timeline rows.
      ...[10, 60].map((percent) => ({
        kind: 'progress' as const,
        stepId: 'hop.v5v6.update',
        who: 'xpmigrate',
        detail: { operation: 'BACKUP', database: 'XPDATA', percent },
      })),
      {
        kind: 'progress',
        stepId: 'hops.backup',
        who: 'xpmigrate',
        detail: { operation: 'BACKUP', database: 'OLD', percent: 5 },
      },
    ]);
    db.close();
    follower.poll();
    const sent = JSON.stringify(messages);
    expect(sent).toContain('Server=sql1');
    expect(sent).not.toMatch(/geheim/);
    expect(follower.view?.progress).toEqual([
      { stepId: 'hop.v5v6.update', operation: 'BACKUP', database: 'XPDATA', percent: 60 },
    ]);
    expect(follower.timeline.some((r) => r.kind === 'progress')).toBe(false);
    follower.stop();
  });
});

describe('progress of an effect step', () => {
  it('shows its attempt’s BACKUP figures while the step stands (killed right after the copies, before the outcome)', async () => {
    const state = tempState();
    const killed = await killDuring(
      state,
      'v8v9.backup@during-effect',
      async () => await cliInProcess(startArgs(['--from', '8', '--target', 'C'], state)),
    );
    expect(killed.fired).toBe(true);
    const follower = new RunFollower(state, undefined, 'en');
    follower.open();
    expect(follower.view?.currentStep).toBe('v8v9.backup');
    expect(follower.view?.progress.map((p) => `${p.operation} ${p.database} ${p.percent}`).sort()).toEqual([
      'backup XPDATA 100',
      'backup XPSTATS 100',
      'backup XPVDIR 100',
    ]);
    follower.stop();
  });
});

describe('a snapshot the operator takes by hand (--snapshots manual)', () => {
  it('is a prompt for its name, the suggested one filled in, and what is confirmed is recorded for rollback', async () => {
    const state = tempState();
    const flags = ['--from', '5', '--target', 'A', '--virtual', 'yes', '--snapshots', 'manual', '--simulate'];
    expect((await cliInProcess(['start', ...flags, '--state', state, '--lang', 'en'])).code).toBe(3);
    expect((await operatorDoes(state)).code).toBe(3); // the Backup-Manager's backup; its log is checked
    const follower = new RunFollower(state, undefined, 'en');
    follower.open();
    expect(follower.view).toMatchObject({ status: 'waiting-operator', currentStep: 'hops.snapshot-start' });
    expect(follower.view?.prompt?.failure).toBeNull();
    expect(follower.view?.prompt?.evidence).toEqual([
      expect.objectContaining({
        key: 'snapshot',
        value: `xpmigrate-${follower.runId.slice(0, 8)}-hops.snapshot-start`,
      }),
    ]);
    follower.stop();
    const named = await cliInProcess([
      ...['confirm', 'hops.snapshot-start', '--evidence', 'snapshot=before the updates'],
      ...['--state', state, '--lang', 'en'],
    ]);
    expect(named.code, named.stderr).toBe(3);
    const listed = await cliInProcess(['snapshots', '--json', '--state', state]);
    expect(JSON.parse(listed.stdout).snapshots).toEqual([
      expect.objectContaining({
        name: 'before the updates',
        stepId: 'hops.snapshot-start',
        provider: 'manual',
      }),
    ]);
  });
});

describe('the message format', () => {
  it('names every kind of journal entry in both languages', () => {
    for (const kind of JOURNAL_KINDS) {
      expect(JOURNAL_KIND_TEXT[kind]?.de, kind).toBeTruthy();
      expect(JOURNAL_KIND_TEXT[kind]?.en, kind).toBeTruthy();
    }
  });

  it('rejects what is not a message of this version', () => {
    expect(decodeMessage('{"v":1,"type":"journal","reset":false,"rows":[]}')).toEqual({
      v: 1,
      type: 'journal',
      reset: false,
      rows: [],
    });
    expect(decodeMessage('{"v":2,"type":"journal","reset":false,"rows":[]}')).toBeNull();
    expect(decodeMessage('{"v":1,"type":"shell","rows":[]}')).toBeNull();
    expect(decodeMessage('{"v":1,"type":"view"}')).toBeNull();
    expect(decodeMessage('not json')).toBeNull();
    expect(decodeMessage(new ArrayBuffer(2))).toBeNull();
  });

  it('checks commands from the page field by field', () => {
    expect(parseCommand({ command: 'confirm', stepId: 'a.b', evidence: { version: '6.0' } })).toEqual({
      command: 'confirm',
      stepId: 'a.b',
      evidence: { version: '6.0' },
    });
    expect(parseCommand({ command: 'skip', stepId: 'a', reason: 'not used', force: true })).toMatchObject({
      force: true,
    });
    const code = (body: unknown) => {
      try {
        parseCommand(body);
        return 'accepted';
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    expect(code({ command: 'rm -rf', stepId: 'a' })).toBe('E_UI_REQUEST');
    expect(code({ command: 'confirm' })).toBe('E_UI_REQUEST');
    expect(code({ command: 'confirm', stepId: 'a', evidence: { version: 6 } })).toBe('E_UI_REQUEST');
    expect(code({ command: 'skip', stepId: 'a', reason: '  ' })).toBe('E_UI_REQUEST');
    expect(code(null)).toBe('E_UI_REQUEST');
  });
});

describe('the server', () => {
  let state: string;
  let ui: UiServer;
  let follower: RunFollower;
  let base: string;
  let token: string;
  beforeAll(async () => {
    state = await waitingRun();
    follower = new RunFollower(state, undefined, 'en');
    const model = follower.open();
    ui = await startUi({
      follower,
      model,
      chart: chartOf(model.machine),
      host: '127.0.0.1',
      port: 0,
      token: 'test-token-0123456789',
      pageDir: new URL('../../visualizer', import.meta.url).pathname,
      scriptDir: new URL('../../dist/page', import.meta.url).pathname,
      actions: new RunActions(follower, 'tester (ui)', 'en'),
    });
    base = `http://127.0.0.1:${ui.port}`;
    token = 'test-token-0123456789';
  });
  afterAll(async () => {
    await ui.close();
    follower.stop();
  });

  const origin = () => base;
  const post = (path: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('refuses every request without the session token', async () => {
    expect(ui.url).toBe(`${base}/?token=${token}`);
    for (const path of ['/', '/api/view', '/api/chart', '/page/main.js', '/style.css']) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(401);
      expect((await fetch(`${base}${path}?token=wrong-token-0123456789`)).status, path).toBe(401);
    }
    const page = await fetch(ui.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    expect(cookie).toContain(token);
    expect((await fetch(`${base}/page/main.js`, { headers: { cookie } })).status).toBe(200);
    const answer = (await (await fetch(`${base}/api/view`)).json()) as { code: string; message: string };
    expect(answer.code).toBe('E_UI_TOKEN');
  });

  it('refuses a DNS name rebound to the loopback address', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      request(
        {
          host: '127.0.0.1',
          port: ui.port,
          path: `/?token=${token}`,
          headers: { host: `evil.example:${ui.port}` },
        },
        (res) => resolve(res.statusCode ?? 0),
      ).end();
    });
    expect(status).toBe(403);
  });

  it('takes actions only with the token header and this page as Origin', async () => {
    const body = { command: 'confirm', stepId: 'hop.v5v6.update', evidence: { version: '6.0.100' } };
    const lastBefore = () => {
      const db = openDb(state);
      const id = new Store(db).lastCommand(follower.runId)?.id;
      db.close();
      return id;
    };
    const before = lastBefore(); // the Backup-Manager's confirm
    const page = await fetch(ui.url);
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    expect((await post('/api/command', body, { 'X-Xpmigrate-Token': token })).status).toBe(403); // no Origin
    expect(
      (await post('/api/command', body, { 'X-Xpmigrate-Token': token, Origin: 'http://evil.example' }))
        .status,
    ).toBe(403);
    expect((await post('/api/command', body, { cookie, Origin: origin() })).status).toBe(401); // a cookie is not enough
    // Accepted by the door, refused by the run: the server still reports V5.
    const res = await post('/api/command', body, { 'X-Xpmigrate-Token': token, Origin: origin() });
    const answer = (await res.json()) as { ok: boolean; code: string; message: string };
    expect(answer).toMatchObject({ ok: false, code: 'E_COMMAND_REFUSED' });
    expect(answer.message).toContain('version 5');
    const bad = await post(
      '/api/command',
      { command: 'format' },
      { 'X-Xpmigrate-Token': token, Origin: origin() },
    );
    expect(bad.status).toBe(400);
    expect(lastBefore()).toBe(before); // nothing was queued
  });

  it('opens the feed only with the token and this page as Origin', async () => {
    const ws = (query: string, originHeader: string) =>
      new Promise<{ status: number; messages: ServerMessage[] }>((resolve) => {
        const socket = new WebSocket(`ws://127.0.0.1:${ui.port}/feed${query}`, {
          headers: { Origin: originHeader },
        });
        const messages: ServerMessage[] = [];
        socket.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0, messages }));
        socket.on('error', () => resolve({ status: -1, messages }));
        socket.on('message', (data) => {
          messages.push(decodeMessage(String(data))!);
          if (messages.length === 3) {
            socket.close();
            resolve({ status: 101, messages });
          }
        });
      });
    expect((await ws('', origin())).status).toBe(403);
    expect((await ws(`?token=${token}`, 'http://evil.example')).status).toBe(403);
    const ok = await ws(`?token=${token}`, origin());
    expect(ok.status).toBe(101);
    expect(ok.messages.map((m) => m.type)).toEqual(['hello', 'view', 'journal']);
    const hello = ok.messages[0]!;
    expect(hello.type === 'hello' && hello.chart.nodes.length).toBeGreaterThan(50);
  });
});

describe('--inspect', () => {
  it('streams the run to a Stately WebSocket inspector: the actor with its definition, then each checkpoint', async () => {
    const state = await waitingRun();
    const received: Array<{ type: string; definition?: string; snapshot?: { value: unknown } }> = [];
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    server.on('connection', (socket) =>
      socket.on('message', (data) => received.push(JSON.parse(String(data)))),
    );
    await new Promise((resolve) => server.once('listening', resolve));
    const follower = new RunFollower(state, undefined, 'en');
    const model = follower.open();
    const stop = streamToInspector(
      `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
      follower,
      model,
    );
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
      expect(check()).toBe(true);
    };
    await until(() => received.some((e) => e.type === '@xstate.actor'));
    const actor = received.find((e) => e.type === '@xstate.actor')!;
    expect(JSON.parse(actor.definition!).id).toBe('xpmigrate');
    await cliInProcess([
      'skip',
      'hop.v5v6.update',
      '--force',
      '--reason',
      'installed by hand',
      '--state',
      state,
    ]);
    follower.poll();
    await until(() => received.some((e) => e.type === '@xstate.snapshot'));
    const snap = received.find((e) => e.type === '@xstate.snapshot')!;
    expect(JSON.stringify(snap.snapshot?.value)).toContain('hop_v5v6_reboot');
    stop();
    follower.stop();
    server.close();
  });
});
