import { HyperVProvider } from '../../src/actors/snapshots/index.js';
import { WindowsHost } from '../../src/host/index.js';
import { processStartScript } from '../../src/persistence/lock.js';
import { fakeExecutables } from '../support/fake-exe.js';

/** Names that break naive quoting: quotes, `$()`, backticks, typographic quotes, umlauts. */
export const HOSTILE = [
  'XPhone VM \'prod\' $(whoami) `whoami` "x"',
  'Ümlaut-Ärger ß 電話 ‘quoted’ ‚low‛',
  "a'; Remove-Item C:\\ -Recurse; '",
];

export interface GeneratedScript {
  /** A stable name: which builder, which input. */
  key: string;
  task: string;
  /** The text as it travels (-EncodedCommand, decoded), wrapper included. */
  text: string;
}

/**
 * Every PowerShell script the product generates, as it really sends them: the Windows host's
 * operations, the Hyper-V provider (local and through a Hyper-V host) and the resume task, each
 * driven through a fake `pwsh` that records the decoded -EncodedCommand and answers plausibly.
 */
export async function generatedScripts(): Promise<GeneratedScript[]> {
  const fake = fakeExecutables([
    {
      match: 'Win32_LogicalDisk',
      stdout: {
        services: [],
        appPools: [],
        volumes: [{ volume: 'C:', freeMb: 1, sizeMb: 2 }],
        hardware: 'x',
      },
    },
    {
      match: 'Win32_Service',
      stdout: [{ name: 'AtlasService', state: 'Running', account: 'XPHONE\\Müller' }],
    },
    { match: 'LastBootUpTime', stdout: '"2026-11-28T06:00:00.0000000Z"' },
    { match: "'Atlas*'", stdout: { services: ['AtlasService'], late: [] } },
    { match: 'ServerStartupMeter', stdout: '100' },
    { match: 'InstallDir', stdout: '"C:\\\\Program Files\\\\C4B\\\\XPhone Connect Server"' },
    { match: 'Instance Names', stdout: ['XPCONNECT', 'XPCONNECT2019'] },
    { match: 'processModel -Value', stdout: { pool: 'XPhoneConnectAnalytics', identity: 'XPHONE\\svc' } },
    { match: 'processModel', stdout: { identityType: 'SpecificUser', userName: 'XPHONE\\svc' } },
    { match: 'Start-Process', stdout: { exitCode: 0, output: 'ok', errors: '' } },
    // Hyper-V: the VM and its checkpoint are there and running (so take and revert finish).
    {
      match: '$snap = @(Get-VMSnapshot',
      stdout: '"{\\"state\\":\\"Running\\",\\"snapshot\\":true,\\"parent\\":\\"cp\\",\\"uptime\\":0}"',
    },
    {
      match: 'Get-VMSnapshot -VM $vm | ForEach',
      stdout: [{ name: 'cp', createdAt: '2026-11-28T06:00:00Z' }],
    },
    { match: 'Win32_OperatingSystem', stdout: '"Microsoft Windows Server 2019 Standard 10.0.17763"' },
    { match: '', stdout: 'true' },
  ]);
  const env = { ...fake.env, XPMIGRATE_SERVICE_PASSWORD: 'secret' };
  const keyed: Array<{ key: string; run: () => Promise<unknown> }> = [];
  const host = new WindowsHost({ env, mediaDir: 'C:\\Medien\\XPhone Ü' });
  const add = (key: string, run: () => Promise<unknown>) => keyed.push({ key, run });
  add('boot-id', () => host.bootId());
  add('installed-version', () => host.installedVersion());
  add('services', () => host.services());
  add('start-services', () => host.startServices());
  add('stop-services', () => host.stopServices());
  add('health', () => host.health());
  add('reboot', () => host.reboot());
  add('resume-task', () =>
    host.registerResumeTask(
      [
        'C:\\Program Files\\xpmigrate\\node.exe',
        'C:\\Program Files\\xpmigrate\\bin\\xpmigrate.js',
        'resume',
        '--state',
        'C:\\ProgramData\\xpmigrate\\state "ü".db',
      ],
      'C:\\ProgramData\\xpmigrate',
    ),
  );
  add('remove-resume-task', () => host.removeResumeTask());
  add('install-dir', () => host.installDir());
  add('has-instance', () => host.hasInstance('XPCONNECT2019'));
  add('os-version', () => host.osVersion());
  add('inventory', () => host.inventory());
  add('odbc-drivers', () => host.odbcDrivers());
  add('preflight', () => host.preflight('C:\\ProgramData\\xpmigrate\\state.db'));
  add('v4-installed', () => host.xphoneV4Installed());
  add('sql-migration-main', () => host.runSqlMigrationScript('main'));
  HOSTILE.forEach((name, i) => {
    add(`app-pool-${i}`, () => host.setAppPoolIdentity('XPhoneConnectAnalytics', `XPHONE\\${name}`));
    add(`path-exists-${i}`, () => host.pathExists(`\\\\FILESRV\\${name}`));
    for (const hypervHost of [undefined, 'HV01']) {
      const where = hypervHost ? 'remote' : 'local';
      const hv = new HyperVProvider({ vm: name, env, pollMs: 1, ...(hypervHost ? { hypervHost } : {}) });
      add(`hyperv-take-${where}-${i}`, () => hv.take('cp'));
      add(`hyperv-revert-${where}-${i}`, () => hv.revert('cp'));
      add(`hyperv-remove-${where}-${i}`, () => hv.remove('cp'));
      add(`hyperv-list-${where}-${i}`, () => hv.list());
    }
  });
  const scripts: GeneratedScript[] = [];
  const seen = new Set<string>();
  for (const { key, run } of keyed) {
    const before = fake.calls().length;
    await run().catch(() => undefined); // what was sent counts, whatever the fake answered
    fake
      .calls()
      .slice(before)
      .forEach((call, n) => {
        if (!call.script || seen.has(call.script)) return;
        seen.add(call.script);
        scripts.push({ key: `${key}-${n}`, task: key, text: call.script });
      });
  }
  // The run lock's question to Win32_Process (run with -Command, not through the host).
  scripts.push({ key: 'lock-process-start', task: 'lock-process-start', text: processStartScript(4242) });
  return scripts;
}
