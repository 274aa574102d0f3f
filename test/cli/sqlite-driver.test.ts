import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { cleanEnv, cliInProcess } from '../support/cli.js';
import { startArgs, tempState } from '../support/runs.js';

const nodeSqliteLoads = (() => {
  try {
    createRequire(import.meta.url)('node:sqlite');
    return true;
  } catch {
    return false;
  }
})();

describe('XPMIGRATE_SQLITE names the store’s SQLite driver', () => {
  it('a name that is no driver is refused before anything opens, and doctor does not pass it', async () => {
    const env = cleanEnv({ XPMIGRATE_SQLITE: 'bogus' });
    const state = tempState();
    const started = await cliInProcess(
      startArgs(['--from', '8', '--target', 'D', '--virtual', 'no'], state),
      env,
    );
    expect(started.code).toBe(2);
    expect(started.stderr).toContain('[E_INPUT_CHOICE]: XPMIGRATE_SQLITE "bogus": not allowed');
    expect(started.stderr).toContain('better-sqlite3, node:sqlite');
    expect(existsSync(state)).toBe(false);

    const doctor = await cliInProcess(
      ['doctor', '--simulate', '--from', '8', '--target', 'D', '--virtual', 'no', '--lang', 'en'],
      env,
    );
    expect(doctor.stdout).toMatch(/^✗ host\.sqlite .*XPMIGRATE_SQLITE "bogus": not allowed/m);
    expect((await cliInProcess(['--version'], env)).stdout).toContain('SQLite: E_INPUT_CHOICE');
  });

  it.runIf(!nodeSqliteLoads)(
    'node:sqlite on a Node.js without it says so, not “check the permissions”',
    async () => {
      const env = cleanEnv({ XPMIGRATE_SQLITE: 'node:sqlite' });
      const r = await cliInProcess(['status', '--state', tempState(), '--lang', 'de'], env);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `[E_SQLITE_UNAVAILABLE]: XPMIGRATE_SQLITE=node:sqlite: diesen SQLite-Treiber hat Node.js ${process.version} nicht`,
      );
      expect(r.stderr).toContain('XPMIGRATE_SQLITE entfernen');
      expect(r.stderr).not.toContain('Rechte');
    },
  );

  it('without it, the driver that loads is taken and doctor shows it', async () => {
    const doctor = await cliInProcess([
      'doctor',
      '--simulate',
      '--from',
      '8',
      '--target',
      'D',
      '--virtual',
      'no',
      '--lang',
      'en',
    ]);
    expect(doctor.stdout).toMatch(
      /^✓ host\.sqlite .*State store: SQLite through (better-sqlite3|node:sqlite)/m,
    );
  });
});
