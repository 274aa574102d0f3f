import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/persistence/index.js';
import { cliInProcess } from '../support/cli.js';
import { tempState } from '../support/runs.js';

// Issue 23, item 11: conditions of the store and of the input end in a code that says what
// it is (exit 2), never "internal error".
const PLAN = ['--from', '8', '--target', 'B', '--simulate', '--lang', 'en'];

async function startedStore(): Promise<string> {
  const state = tempState();
  expect((await cliInProcess(['start', ...PLAN, '--state', state])).code).toBe(3);
  return state;
}
const expectCode = (r: { code: number | null; stderr: string }, code: string) => {
  expect(r.stderr).toContain(`[${code}]`);
  expect(r.stderr).not.toContain('E_INTERNAL');
  expect(r.code).toBe(2);
};

describe('the store', () => {
  it('a dropped table is E_STORE_CORRUPT naming it', async () => {
    const state = await startedStore();
    const db = openDb(state);
    db.exec('DROP TABLE inbox');
    db.close();
    const r = await cliInProcess(['status', '--state', state, '--lang', 'en']);
    expectCode(r, 'E_STORE_CORRUPT');
    expect(r.stderr).toContain('table inbox missing');
  });

  it('damaged JSON inside a valid store is E_STORE_CORRUPT', async () => {
    const state = await startedStore();
    const db = openDb(state);
    db.exec("UPDATE runs SET plan_json = '{bad'");
    db.close();
    expectCode(await cliInProcess(['status', '--state', state, '--lang', 'en']), 'E_STORE_CORRUPT');
  });

  // An immutable file refuses writes even to root (chattr(1)); where chattr is not there, or
  // the file system has no such attribute, the case cannot be made here.
  const immutable = (() => {
    const probe = join(mkdtempSync(join(tmpdir(), 'xpm-chattr-')), 'probe');
    writeFileSync(probe, '');
    const ok = spawnSync('chattr', ['+i', probe]).status === 0;
    if (ok) spawnSync('chattr', ['-i', probe]);
    return ok;
  })();
  const locked: string[] = [];
  afterAll(() => {
    for (const file of locked) spawnSync('chattr', ['-i', file]);
  });

  it.skipIf(!immutable)('a read-only store is E_STORE_READONLY with who needs which right', async () => {
    const state = await startedStore();
    const copy = join(mkdtempSync(join(tmpdir(), 'xpm-ro-')), 'state.db');
    copyFileSync(state, copy);
    expect(spawnSync('chattr', ['+i', copy]).status).toBe(0);
    locked.push(copy);
    const r = await cliInProcess(['confirm', 'v8v9.1.install-sql-standard', '--state', copy, '--lang', 'en']);
    expectCode(r, 'E_STORE_READONLY');
    expect(r.stderr).toContain('SYSTEM');
  });
});

describe('the input', () => {
  it('--simulate --server with a port beyond 65535 is E_SQL_CONNECTION_STRING', async () => {
    const state = await startedStore();
    for (const server of ['Data Source=X,99999', 'X,99999']) {
      const r = await cliInProcess([
        'sql',
        'check',
        '--simulate',
        '--server',
        server,
        '--state',
        state,
        '--lang',
        'en',
      ]);
      expectCode(r, 'E_SQL_CONNECTION_STRING');
      expect(r.stderr).toContain('99999');
    }
  });
});
