import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/inspect/index.js';
import { openDb } from '../../src/persistence/index.js';
import { cleanEnv, cliInProcess, runCli } from '../support/cli.js';
import { tempState } from '../support/runs.js';

const PLAN = ['--from', '8', '--target', 'B', '--simulate', '--lang', 'en'];

describe('a second start on a store whose run has not ended', () => {
  it('is refused, naming the run and how to go on; --new-run starts one on purpose', async () => {
    const state = tempState();
    expect((await cliInProcess(['start', ...PLAN, '--state', state])).code).toBe(3); // waits for the operator
    const runs = async () =>
      JSON.parse((await cliInProcess(['runs', '--json', '--state', state])).stdout).runs as Array<{
        runId: string;
      }>;
    const [first] = await runs();
    const again = await cliInProcess(['start', ...PLAN, '--state', state]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`[E_RUN_UNFINISHED]: Run ${first!.runId}`);
    expect(again.stderr).toContain(`xpmigrate resume --run ${first!.runId}`);
    expect(await runs()).toHaveLength(1);
    expect((await cliInProcess(['start', ...PLAN, '--new-run', '--state', state])).code).toBe(3);
    expect(await runs()).toHaveLength(2);
    // From now on a command without --run says which run it acts on, and names the other.
    const [, second] = await runs();
    const which = `2 runs have not ended; this command acts on the newest, ${second!.runId}. The others: ${first!.runId}`;
    const status = await cliInProcess(['status', '--json', '--state', state, '--lang', 'en']);
    expect(status.stderr).toContain(which);
    expect(JSON.parse(status.stdout).runId).toBe(second!.runId);
    expect(
      (await cliInProcess(['abort', '--reason', 'x', '--state', state, '--lang', 'en'])).stderr,
    ).toContain(which);
    const named = await cliInProcess(['status', '--run', first!.runId, '--state', state, '--lang', 'en']);
    expect(named.stderr).not.toContain('have not ended');
    // One unfinished run again: nothing to say.
    expect((await cliInProcess(['status', '--state', state, '--lang', 'en'])).stderr).not.toContain(
      'have not ended',
    );
  });
});

describe('bad input is exit 2 with a code, never "no wait", never the default store', () => {
  it('numbers: --health-timeout abc, -5, 1e400', async () => {
    for (const value of ['abc', '-5', '1e400', '0']) {
      const r = await cliInProcess(['start', ...PLAN, '--health-timeout', value, '--state', tempState()]);
      expect(r.code, value).toBe(2);
      expect(r.stderr).toContain('[E_INPUT_CHOICE]: --health-timeout');
    }
  });

  it('an empty --state or XPMIGRATE_STATE names no store', () => {
    const home = mkdtempSync(join(tmpdir(), 'xpm-home-'));
    const empty = runCli(['status', '--state', '', '--lang', 'en'], { env: cleanEnv({ HOME: home }) });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('[E_INPUT_CHOICE]: --state ""');
    const unset = runCli(['status', '--lang', 'en'], { env: cleanEnv({ HOME: home, XPMIGRATE_STATE: '' }) });
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('XPMIGRATE_STATE');
    expect(readdirSync(home)).toEqual([]); // no default store was created
  });

  it('a password in --server is refused by sql check, export-db and import-db as by start', async () => {
    const secret = 'Geheim-Passw0rt';
    const server = `Data Source=SQLSRV01;User ID=sa;Password=${secret}`;
    const dir = mkdtempSync(join(tmpdir(), 'xpm-secret-'));
    for (const args of [
      ['sql', 'check', '--server', server],
      [
        'export-db',
        '--server',
        server,
        '--database',
        'XPDATA',
        '--target-version',
        '2016',
        '--out',
        join(dir, 'x.sql'),
      ],
      ['import-db', '--server', server, '--input', join(dir, 'x.sql')],
    ]) {
      const r = await cliInProcess([...args, '--simulate', '--state', join(dir, 'state.db'), '--lang', 'en']);
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr).toContain('[E_SQL_PASSWORD_IN_STRING]');
      expect(`${r.stdout}${r.stderr}`).not.toContain(secret);
    }
  });

  it('diagnose on an empty folder is the empty-input error, not "no known problems"', async () => {
    const r = await cliInProcess(['diagnose', mkdtempSync(join(tmpdir(), 'xpm-empty-')), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[E_DIAG_EMPTY]');
  });

  it('control characters and overlong text in --by, --reason and --evidence are refused; nothing is queued', async () => {
    const state = tempState();
    expect((await cliInProcess(['start', ...PLAN, '--state', state])).code).toBe(3);
    const stepId = (
      JSON.parse((await cliInProcess(['status', '--json', '--state', state])).stdout) as {
        currentStep: string;
      }
    ).currentStep;
    const tries: Array<[string[], string]> = [
      [
        ['--by', 'eve\n2026-01-01T00:00:00.000Z  operator-confirm'],
        '[E_INPUT_CONTROL]: --by: character 4 is a control character (U+000A).',
      ],
      [
        ['--reason', 'done \u202eby hand'],
        '[E_INPUT_CONTROL]: --reason: character 6 is a control character (U+202E).',
      ],
      [
        ['--evidence', 'log=C:\\x\u001b]0;pwned\u0007'],
        '[E_INPUT_CONTROL]: --evidence log: character 5 is a control character (U+001B).',
      ],
      [
        ['--reason', 'x'.repeat(2001)],
        '[E_INPUT_TOO_LONG]: --reason: 2001 characters, at most 2000 are allowed.',
      ],
    ];
    for (const [flags, error] of tries) {
      const r = await cliInProcess(['confirm', stepId, ...flags, '--state', state, '--lang', 'en']);
      expect(r.code, flags[0]).toBe(2);
      expect(r.stderr).toContain(error);
    }
    // A reason may have lines, as the page's field has.
    const history = JSON.parse((await cliInProcess(['history', '--json', '--state', state])).stdout) as {
      journal: Array<{ kind: string }>;
    };
    expect(history.journal.filter((e) => e.kind.startsWith('operator-'))).toEqual([]);
  });

  it('text already in a store (an older xpmigrate took it) is shown as escapes in history and the report', async () => {
    const state = tempState();
    expect((await cliInProcess(['start', ...PLAN, '--state', state])).code).toBe(3);
    const did = JSON.parse((await cliInProcess(['sim', '--do', '--json', '--state', state])).stdout) as {
      stepId: string;
      evidence: Record<string, string>;
    };
    const evidence = Object.entries(did.evidence).flatMap(([k, v]) => ['--evidence', `${k}=${v}`]);
    await cliInProcess([
      'confirm',
      did.stepId,
      ...evidence,
      '--reason',
      'done by hand',
      '--by',
      'eve',
      '--state',
      state,
    ]);
    // A terminal title set by OSC, a bell, colours, a forged line, and U+202E reversing what follows.
    const by = 'eve\u001b]0;pwned\u0007\u001b[31m\n2026-01-01T00:00:00.000Z  operator-confirm';
    const db = openDb(state);
    const rows = db.prepare('SELECT id, journal, event FROM checkpoints').all() as Array<
      Record<string, string>
    >;
    const forge = (json: string) =>
      json
        .replaceAll('"who":"eve"', `"who":${JSON.stringify(by)}`)
        .replaceAll('done by hand', 'done \u202eby hand');
    for (const row of rows)
      db.prepare('UPDATE checkpoints SET journal = ?, event = ? WHERE id = ?').run(
        forge(row.journal!),
        forge(row.event!),
        row.id,
      );
    db.close();
    const lines = (await cliInProcess(['history', '--state', state])).stdout.trimEnd().split('\n');
    expect(lines.some((l) => l.includes('eve\\u001b]0;pwned\\u0007'))).toBe(true);
    expect(lines.some((l) => l.startsWith('2026-01-01T00:00:00.000Z'))).toBe(false);
    for (const format of ['markdown', 'html']) {
      const r = await cliInProcess(['report', '--format', format, '--state', state, '--lang', 'en']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout, format).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
      expect(r.stdout, format).toContain('eve\\u001b');
      expect(r.stdout, format).toContain('pwned\\u0007');
      expect(r.stdout, format).toContain('done \\u202eby hand');
    }
  });

  it('an --estimate for a step the plan does not have is refused, naming the plan’s steps; one it has is kept', async () => {
    const typo = await cliInProcess(['plan', '--from', '8', '--target', 'C', '--estimate', 'v8v9.bakup=30']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('[E_INPUT_CHOICE]');
    expect(typo.stderr).toContain('v8v9.bakup');
    expect(typo.stderr).toContain('v8v9.backup,');
    const kept = await cliInProcess([
      ...['plan', '--from', '8', '--target', 'C', '--estimate', 'v8v9.backup=30', '--format', 'json'],
    ]);
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toMatch(
      /"stepId": "v8v9\.backup",[^}]*\{[^}]*\},\s*"basis": \{\s*"kind": "operator",\s*"minutes": 30/,
    );
  });

  it('the page refuses evidence that is not a map of texts', () => {
    expect(() => parseCommand({ command: 'confirm', stepId: 'a', evidence: ['x'] })).toThrow(
      expect.objectContaining({ code: 'E_UI_REQUEST' }),
    );
  });
});
