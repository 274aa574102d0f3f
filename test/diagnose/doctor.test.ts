import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { walkTo } from '../../src/service/index.js';
import type { SqlModel } from '../../src/simulation/index.js';
import { cliInProcess } from '../support/cli.js';
import { editSim } from '../support/runs.js';

/** V8 → V9 plan C: the old server's SQL Express is read, SQLSRV01 receives the databases. */
const PLAN_C = ['--from', '8', '--target', 'C', '--virtual', 'no', '--service-account', 'XPHONE\\svc-xphone'];

interface Report {
  failed: number;
  warned: number;
  checks: Array<{ id: string; subject: string; status: string; message: string; remedy: string | null }>;
}

/** `doctor` for plan C against the rehearsal beside `state`, as JSON. */
const doctorArgs = (state: string, lang: string, extra: string[] = []) => [
  'doctor',
  ...PLAN_C,
  '--simulate',
  '--state',
  state,
  '--format',
  'json',
  '--lang',
  lang,
  ...extra,
];

function fresh() {
  const state = join(mkdtempSync(join(tmpdir(), 'xpm-doctor-')), 'state.db');
  const doctor = async (lang = 'en') => {
    const r = await cliInProcess(doctorArgs(state, lang));
    return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
  };
  const edit = (name: string, change: (m: SqlModel) => void) => {
    const file = join(`${state}.sql`, `${name}.json`);
    const model = JSON.parse(readFileSync(file, 'utf8')) as SqlModel;
    change(model);
    writeFileSync(file, JSON.stringify(model));
  };
  return { state, doctor, edit };
}

const statusOf = (r: Report, id: string) => r.checks.filter((c) => c.id === id).map((c) => c.status);

describe('xpmigrate doctor against the simulated servers', () => {
  test('a good setup: nothing fails, exit 0; the databases to come are warnings; both views of the share', async () => {
    const { doctor } = fresh();
    const { code, report } = await doctor();
    expect(code).toBe(0);
    expect(report.failed).toBe(0);
    for (const id of [
      'host.windows',
      'host.services',
      'host.atlas-xml',
      'host.port-2231',
      'host.backup-share',
      'target.backup-folder',
      'target.filestream',
      'target.sysadmin',
      'target.free-space',
    ])
      expect(statusOf(report, id), id).toEqual(['pass']);
    // Both instances of the old server see the share: XPCONNECT and Analytics' XPANALYTICS.
    expect(statusOf(report, 'source.backup-folder')).toEqual(['pass', 'pass']);
    expect(statusOf(report, 'target.database')).toEqual(['warn', 'warn', 'warn']);
    expect(report.checks.find((c) => c.id === 'target.free-space')!.message).toMatch(/needed: \d+ MB/);
    // The rehearsal's Windows has ODBC Driver 17: the Windows login to SQL Server would use it.
    expect(report.checks.find((c) => c.id === 'host.odbc')).toMatchObject({
      status: 'pass',
      message: expect.stringContaining('ODBC Driver 17 for SQL Server'),
    });
  });

  test('reads Analytics from its own instance: its databases count for the room the target needs', async () => {
    const { state } = fresh();
    const r = await cliInProcess(doctorArgs(state, 'en'));
    const report = JSON.parse(r.stdout) as Report;
    const subjects = report.checks.filter((c) => c.id.startsWith('source.')).map((c) => c.subject);
    expect(new Set(subjects)).toEqual(new Set(['OLDXPHONE\\XPCONNECT', 'OLDXPHONE\\XPANALYTICS']));
    // 512 + 128 MB on XPCONNECT and 256 MB of XPSTATS on XPANALYTICS are what SQLSRV01 receives.
    expect(report.checks.find((c) => c.id === 'target.free-space')!.message).toMatch(/needed: 896 MB/);
  });

  test('a password in --sql-server, --source-sql or --source-analytics-sql is refused, as start refuses it', async () => {
    const { state } = fresh();
    for (const flag of ['--sql-server', '--source-sql', '--source-analytics-sql']) {
      const r = await cliInProcess(
        doctorArgs(state, 'en', [flag, 'Server=SQLSRV01;User Id=sa;Password=geheim']),
      );
      expect(r.code, flag).toBe(2);
      expect(r.stderr, flag).toContain(flag);
      expect(r.stdout + r.stderr, flag).not.toContain('geheim');
    }
  });

  test.each([
    [
      'an old SQL Server',
      (m: SqlModel) => {
        m.version = '11.0.7001.0';
      },
      'target.version',
    ],
    [
      'FILESTREAM off',
      (m: SqlModel) => {
        m.filestreamLevel = 0;
      },
      'target.filestream',
    ],
    [
      'no SYSADMIN',
      (m: SqlModel) => {
        for (const l of Object.values(m.logins)) l.sysadmin = false;
      },
      'target.sysadmin',
    ],
    [
      'the share closed to the SQL Server',
      (m: SqlModel) => {
        for (const s of m.shares) s.access = [];
      },
      'target.backup-folder',
    ],
    [
      'a full disk',
      (m: SqlModel) => {
        m.freeMb = 10;
      },
      'target.free-space',
    ],
    [
      'logins refused',
      (m: SqlModel) => {
        m.faults.push({ kind: 'login-failed' });
      },
      'target.sql',
    ],
  ])('%s fails its check with a remedy, exit 1', async (_what, change, id) => {
    const { doctor, edit } = fresh();
    expect((await doctor()).code).toBe(0); // the simulated servers exist from now on
    edit('SQLSRV01', change);
    const { code, report } = await doctor('de');
    expect(code).toBe(1);
    const check = report.checks.find((c) => c.id === id && c.status === 'fail');
    expect(check, JSON.stringify(report.checks.filter((c) => c.status !== 'pass'))).toBeDefined();
    expect(check!.subject).toBe('SQLSRV01');
    expect(check!.remedy).toBeTruthy();
  });

  test('atlas.xml naming another SQL Server than the plan reads from is a warning', async () => {
    const { state } = fresh();
    const r = await cliInProcess([
      'doctor',
      ...PLAN_C,
      '--source-sql',
      'SQLOLD\\XP',
      '--simulate',
      '--state',
      state,
      '--format',
      'json',
    ]);
    const report = JSON.parse(r.stdout) as Report;
    const check = report.checks.find((c) => c.id === 'host.atlas-target')!;
    expect(check.status).toBe('warn');
    expect(check.message).toContain('XPDATA@(local)\\XPCONNECT');
  });

  test('stopped services are warnings; markdown and text formats', async () => {
    const { state, doctor } = fresh();
    await doctor();
    editSim(state, (m) => {
      m.services.AtlasService = false;
    });
    const { report } = await doctor();
    expect(statusOf(report, 'host.services')).toEqual(['warn']);
    expect(statusOf(report, 'host.port-2231')).toEqual(['warn']);
    const md = await cliInProcess([
      'doctor',
      ...PLAN_C,
      '--simulate',
      '--state',
      state,
      '--format',
      'markdown',
      '--lang',
      'de',
    ]);
    expect(md.stdout).toContain('| Status | Prüfung | Ziel | Ergebnis | Abhilfe |');
    expect(md.stdout).toMatch(
      /\| warn \| host\.services \| host \| 2 Atlas-Dienste, gestoppt: AtlasService \|/,
    );
    const text = await cliInProcess(['doctor', ...PLAN_C, '--simulate', '--state', state, '--lang', 'en']);
    expect(text.stdout).toMatch(/checks: 0 failed, \d+ warnings\./);
    expect(
      (await cliInProcess(['doctor', ...PLAN_C, '--simulate', '--state', state, '--format', 'pdf'])).code,
    ).toBe(2);
  });
});

describe('doctor and useLogin', () => {
  test('an entry on another SQL Server without useLogin="Windows" in effect is a warning, until atlas apply sets it', async () => {
    const { state, doctor } = fresh();
    await doctor(); // the simulated server, with its atlas.xml, exists from now on
    const file = JSON.parse(
      (await cliInProcess(['atlas', 'show', '--simulate', '--state', state, '--json'])).stdout,
    ).file as string;
    writeFileSync(
      file,
      [
        '<Atlas>',
        '  <Databases>',
        '    <Database name="XPDATA" connectionString="Data Source=SQLSRV01;Initial Catalog=XPDATA;Integrated Security=SSPI" />',
        '    <Database name="XPSTATS" connectionString="Data Source=(local)\\XPANALYTICS;Initial Catalog=XPSTATS;Integrated Security=SSPI" />',
        '  </Databases>',
        '</Atlas>',
      ].join('\r\n'),
    );
    const before = (await doctor()).report.checks.find((c) => c.id === 'host.atlas-uselogin');
    expect(before).toMatchObject({ status: 'warn' });
    expect(before?.message).toBe('External SQL Server without useLogin="Windows": XPDATA@SQLSRV01 (line 3)');
    expect(before?.remedy).toContain('atlas apply');
    const applied = await cliInProcess([
      'atlas',
      'apply',
      '--simulate',
      '--state',
      state,
      '--server',
      'SQLSRV01',
      '--database',
      'XPDATA',
      '--force',
    ]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(statusOf((await doctor()).report, 'host.atlas-uselogin')).toEqual(['pass']);
  });
});

describe('doctor checks the machine for its role in the plan', () => {
  const report = async (state: string, extra: string[] = []) => {
    const r = await cliInProcess(doctorArgs(state, 'de', extra));
    return JSON.parse(r.stdout) as Report;
  };
  const check = (r: Report, id: string) => r.checks.find((c) => c.id === id);

  test('the old server (XPhone 8) is the existing one; the new machine (no XPhone yet) is the new one', async () => {
    const { state } = fresh();
    const old = await report(state);
    expect(check(old, 'host.role')).toMatchObject({ status: 'pass' });
    expect(check(old, 'host.role')?.message).toContain(
      'Rolle von OLDXPHONE im Plan: bisheriger XPhone Server',
    );
    expect(check(old, 'host.services')?.status).toBe('pass');

    walkTo(state, 'NEWXPHONE');
    const fresh2 = await report(state);
    expect(check(fresh2, 'host.role')?.message).toContain('Rolle von NEWXPHONE im Plan: neuer XPhone Server');
    // No XPhone yet is right for the new server: its services and atlas.xml come with row 6.
    expect(check(fresh2, 'host.xphone-version')).toMatchObject({ status: 'pass' });
    expect(check(fresh2, 'host.services')).toBeUndefined();
    expect(check(fresh2, 'host.atlas-xml')).toBeUndefined();

    // Told it is the old server, the machine says otherwise.
    const told = await report(state, ['--role', 'old']);
    expect(check(told, 'host.role')?.status).toBe('warn');
    expect(check(told, 'host.role')?.remedy).toContain('neuer XPhone Server');
  });
});
