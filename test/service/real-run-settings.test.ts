import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanInput } from '../../src/plan/index.js';
import {
  RunService,
  SIMULATED_SHARE,
  SIMULATED_SOURCE_SQL,
  type StartRequest,
} from '../../src/service/index.js';
import { missingSettings, runSettings } from '../../src/service/settings.js';
import { SIMULATED_SERVICE_ACCOUNT } from '../../src/simulation/index.js';
import { cleanEnv, runCli } from '../support/cli.js';
import { fakeExecutables } from '../support/fake-exe.js';
import { tempState } from '../support/runs.js';

const ROUTES: PlanInput[] = [
  { from: '4.5.30' },
  { from: '5', target: 'A' },
  { from: '8', target: 'A' },
  { from: '8', target: 'A', restoreWith: 'xpmigrate' },
  { from: '8', target: 'B' },
  { from: '8', target: 'C' },
  { from: '9', target: 'D' },
  { job: 'sql-express', from: '9' },
  { job: 'db-script', from: '9' },
];

const request = (input: PlanInput, extra: Partial<StartRequest> = {}): StartRequest => ({
  plan: RunService.plan(input),
  simulate: false,
  databases: ['XPDATA', 'XPVDIR', 'XPSTATS'],
  healthTimeoutSeconds: 60,
  reboot: 'auto',
  launcher: ['node', 'xpmigrate.js'],
  ...extra,
});

/** Every value the rehearsal makes up for what a run was not told. */
const PLACEHOLDERS = [
  SIMULATED_SOURCE_SQL,
  SIMULATED_SHARE,
  SIMULATED_SERVICE_ACCOUNT,
  '(local)\\XPCONNECT',
  'SQLSRV01',
];

describe('a real run never uses a placeholder', () => {
  it('on every route: what its steps need is asked for, and nothing made up reaches its settings', () => {
    for (const input of ROUTES) {
      const bare = request(input);
      const missing = missingSettings(bare);
      // Told nothing: the settings hold no server, share or account at all.
      const told = JSON.stringify(runSettings(bare, '/var/lib/xpmigrate/state.db'));
      for (const p of PLACEHOLDERS)
        expect(told, `${JSON.stringify(input)}: ${p}`).not.toContain(JSON.stringify(p).slice(1, -1));
      // Told everything its steps need: exactly those values, and nothing is missing any more.
      const given = request(
        { ...input, serviceAccount: 'CUSTOMER\\xphone-svc' },
        {
          sqlServer: 'NEWSQL\\XP9',
          sourceSql: 'OLDSQL\\XP8',
          backupDir: '\\\\NAS\\backup',
          mediaDir: 'D:\\Medium',
        },
      );
      expect(missingSettings(given), JSON.stringify(input)).toEqual([]);
      const settings = runSettings(given, '/var/lib/xpmigrate/state.db');
      for (const p of PLACEHOLDERS)
        expect(JSON.stringify(settings)).not.toContain(JSON.stringify(p).slice(1, -1));
      if (missing.includes('sourceSqlServer')) expect(settings.sourceSqlServer).toBe('OLDSQL\\XP8');
    }
    // xpmigrate's safety copy needs the old server and the share; the Backup-Manager's restore
    // finds its target in atlas.xml, xpmigrate's own restore needs to be told it.
    expect(missingSettings(request({ from: '8', target: 'A' })).sort()).toEqual([
      'backupDir',
      'sourceSqlServer',
    ]);
    expect(missingSettings(request({ from: '8', target: 'A', restoreWith: 'xpmigrate' }))).toEqual(
      expect.arrayContaining(['sourceSqlServer', 'backupDir', 'sqlServer', 'serviceAccount']),
    );
    expect(missingSettings(request({ job: 'sql-express', from: '9' }))).toContain('mediaDir');
  });

  it('start refuses with one error naming every missing flag, and creates no run', async () => {
    const service = RunService.open(tempState(), { create: true });
    try {
      const refused = await service
        .start(request({ from: '8', target: 'C' }), { who: 't' })
        .catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'E_START_SETTINGS_MISSING' });
      const { params } = refused as { params: Record<string, string> };
      for (const flag of ['--sql-server', '--source-sql', '--backup-dir', '--service-account'])
        expect(params.flags).toContain(flag);
      expect(service.runs()).toEqual([]);
    } finally {
      service.close();
    }
  });

  it('shows what it found on the server (the Atlas services’ account, atlas.xml’s server) for the operator to confirm', () => {
    const install = mkdtempSync(join(tmpdir(), 'xpm-install-'));
    writeFileSync(
      join(install, 'atlas.xml'),
      '<Atlas><Databases><Database name="XPDATA" connectionString="Data Source=OLDSRV\\XPCONNECT;Initial Catalog=XPDATA;Integrated Security=SSPI" /></Databases></Atlas>',
    );
    const fake = fakeExecutables([
      {
        match: 'Win32_Service',
        stdout: [{ name: 'AtlasService', state: 'Running', account: 'KUNDE\\xphone-dienst' }],
      },
      { match: 'InstallDir', stdout: JSON.stringify(install) },
    ]);
    const state = tempState();
    const r = runCli(['start', '--from', '8', '--target', 'C', '--state', state, '--lang', 'de'], {
      env: cleanEnv(fake.env),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[E_START_SETTINGS_MISSING]');
    expect(r.stderr).toContain('--sql-server');
    expect(r.stderr).toContain('--service-account "KUNDE\\xphone-dienst" (Anmeldekonto der Atlas-Dienste)');
    expect(r.stderr).toContain('--source-sql "OLDSRV\\XPCONNECT" (atlas.xml)');
    expect(runCli(['runs', '--state', state, '--json']).stdout).toContain('"runs": []');
  });
});
