import { describe, expect, it } from 'vitest';
import { WindowsHost } from '../../src/host/index.js';
import { RunService } from '../../src/service/index.js';
import { runCli } from '../support/cli.js';
import { failure } from '../support/errors.js';
import { fakeExecutables } from '../support/fake-exe.js';

// Issue 21, item 11: before a real run touches anything, a console without an administrator's
// token is refused, and so is a store on a network drive (SQLite's WAL needs shared memory).
describe('before a real run', () => {
  it('a store on a share path is refused by every command, before a store or folder exists', () => {
    for (const state of ['\\\\FILESRV\\xpm\\state.db', '//filesrv/xpm/state.db']) {
      const r = runCli(['status', '--state', state, '--lang', 'en']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('[E_STORE_NETWORK]');
      expect(r.stderr.toLowerCase()).toContain('filesrv');
    }
  });

  it('a mapped network drive and a console that is not elevated are refused by name', async () => {
    const mapped = fakeExecutables([
      { match: 'WindowsBuiltInRole', stdout: { elevated: true, network: true, drive: 'Z:' } },
    ]);
    const e = await failure(RunService.preflight('Z:\\xpm\\state.db', new WindowsHost({ env: mapped.env })));
    expect(e).toMatchObject({ code: 'E_STORE_NETWORK', params: { drive: 'Z:' } });
    const script = mapped.calls()[0]!.script!;
    expect(script).toContain('[Security.Principal.WindowsBuiltInRole]::Administrator');
    expect(script).toContain('Win32_LogicalDisk -Filter ("DeviceID=\'" + $drive + "\'")');
    const user = fakeExecutables([
      { match: 'WindowsBuiltInRole', stdout: { elevated: false, network: false, drive: 'C:' } },
    ]);
    const f = await failure(RunService.preflight('C:\\xpm\\state.db', new WindowsHost({ env: user.env })));
    expect(f.code).toBe('E_NOT_ELEVATED');
    expect(f.remedy('de')).toContain('Als Administrator ausführen');
    const admin = fakeExecutables([
      { match: 'WindowsBuiltInRole', stdout: { elevated: true, network: false, drive: 'C:' } },
    ]);
    await expect(
      RunService.preflight('C:\\xpm\\state.db', new WindowsHost({ env: admin.env })),
    ).resolves.toBeUndefined();
  });
});
