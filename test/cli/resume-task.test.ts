import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stateFile } from '../../src/persistence/index.js';
import { RunService } from '../../src/service/index.js';
import { runSettings } from '../../src/service/settings.js';
import { runCli } from '../support/cli.js';
import { editSim, readSim, status, tempState } from '../support/runs.js';

describe('what the startup task finds after a reboot', () => {
  it('absolute paths only: it starts in C:\\Windows\\System32, where relative ones name other files', () => {
    const cwd = process.cwd();
    expect(stateFile('rel/state.db')).toBe(join(cwd, 'rel', 'state.db'));
    expect(stateFile(undefined, { XPMIGRATE_STATE: 'x.db' })).toBe(join(cwd, 'x.db'));
    expect(stateFile('D:\\xpmigrate\\state.db')).toBe('D:\\xpmigrate\\state.db'); // a Windows path as given
    const settings = runSettings(
      {
        plan: RunService.plan({ job: 'db-script', from: '9' }),
        simulate: false,
        sqlServer: 'NEW\\XP',
        sourceSql: 'OLD\\XP',
        databases: ['XPDATA'],
        healthTimeoutSeconds: 60,
        reboot: 'auto',
        launcher: [
          'C:\\Program Files\\xpmigrate\\node\\node.exe',
          'C:\\Program Files\\xpmigrate\\app\\bin\\xpmigrate.js',
        ],
        mediaDir: 'media',
        journalMirror: 'mirror',
        v4ExportDir: '\\\\FILESRV\\v4',
        scriptDir: 'scripts',
        lang: 'de',
      },
      '/srv/xpmigrate/state.db',
    );
    expect(settings).toMatchObject({
      mediaDir: join(cwd, 'media'),
      journalMirror: join(cwd, 'mirror'),
      v4ExportDir: '\\\\FILESRV\\v4',
      scriptDir: join(cwd, 'scripts'),
      resumeDirectory: '/srv/xpmigrate',
    });
    // The task brings the server back, hands over, and logs beside the store, in the run's language
    // (SYSTEM's locale need not be the operator's).
    expect(settings.resumeCommand).toEqual([
      'C:\\Program Files\\xpmigrate\\node\\node.exe',
      'C:\\Program Files\\xpmigrate\\app\\bin\\xpmigrate.js',
      'resume',
      '--after-reboot',
      '--state',
      '/srv/xpmigrate/state.db',
      '--log',
      '/srv/xpmigrate/xpmigrate-resume.log',
      '--lang',
      'de',
    ]);
  });

  it('--after-reboot completes the reboot, then hands over to the operator; --log keeps what it said', async () => {
    const state = tempState();
    const start = runCli([
      'start',
      '--from',
      '5',
      '--target',
      'A',
      '--simulate',
      '--auto-confirm',
      '--state',
      state,
      '--lang',
      'en',
    ]);
    expect(start.code).toBe(4);
    const log = join(mkdtempSync(join(tmpdir(), 'xpm-log-')), 'logs', 'resume.log');
    // Even with the rehearsal's stand-in operator the task does nothing after the boot.
    const task = runCli([
      'resume',
      '--after-reboot',
      '--auto-confirm',
      '--log',
      log,
      '--state',
      state,
      '--lang',
      'en',
    ]);
    expect(task.code, task.stderr).toBe(3);
    expect(task.stdout).toContain('✓ Restart after the update to V6');
    expect(task.stdout).toContain(
      'The startup task (as SYSTEM, without your SQL login and without rights on the Hyper-V host) stops here',
    );
    const s = await status(state);
    expect(s.currentStep).toBe('hop.v5v6.test-client');
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
    expect(lines.some((l) => /^\d{4}-\d\d-\d\dT[\d:.]+Z .*✓ Restart after the update to V6/.test(l))).toBe(
      true,
    );
    // The operator continues from there.
    const operator = runCli(['resume', '--auto-confirm', '--state', state, '--lang', 'en']);
    expect(operator.stdout).toContain('✓ Update a test client to V6');
  });
});

describe('early in the boot', () => {
  it('WMI and PowerShell not answering yet is waited out, not a failure', () => {
    const state = tempState();
    expect(
      runCli(['start', '--from', '5', '--target', 'A', '--simulate', '--auto-confirm', '--state', state])
        .code,
    ).toBe(4);
    editSim(state, (m) => {
      m.unreadyAnswers = 2;
    });
    const resumed = runCli(['resume', '--after-reboot', '--state', state, '--lang', 'en']);
    expect(resumed.code, resumed.stderr).toBe(3);
    expect(resumed.stdout).toContain('✓ Restart after the update to V6');
    expect(readSim(state).unreadyAnswers).toBe(0);
  });
});
