import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/persistence/index.js';
import { walkTo } from '../../src/service/index.js';
import { readSqlModels } from '../../src/simulation/index.js';
import { readTwin, sealTwin, type Twin } from '../../src/twin/index.js';
import { cliInProcess } from '../support/cli.js';
import { status, tempState, twinCollect } from '../support/runs.js';

const SHARE = '\\\\FILESRV\\XPhoneBackup';

/** `twin collect` on the simulated server beside `state`, as on a customer's server. */
function collect(state: string, out: string) {
  return twinCollect(state, out, '--backup-dir', SHARE);
}

/** A twin as a customer's server would give it: the collected one with some facts changed, sealed again. */
function customerTwin(base: Twin, file: string, change: (t: Twin) => void): string {
  const copy = structuredClone(base) as Omit<Twin, 'sha256'> & { sha256?: string };
  change(copy as Twin);
  delete copy.sha256;
  writeFileSync(file, JSON.stringify(sealTwin(copy)));
  return file;
}

/** Runs a rehearsal from a twin until it stops somewhere other than a reboot. */
async function rehearse(twin: string, state: string, plan: string[]) {
  let r = await cliInProcess([
    'start',
    '--simulate',
    '--auto-confirm',
    '--twin',
    twin,
    ...plan,
    '--state',
    state,
    '--lang',
    'en',
  ]);
  const out = [r.stdout];
  for (let i = 0; i < 10 && r.code === 4; i++) {
    r = await cliInProcess(['resume', '--auto-confirm', '--state', state, '--lang', 'en']);
    out.push(r.stdout);
  }
  return { code: r.code, stdout: out.join('\n'), stderr: r.stderr };
}

describe('twin collect', () => {
  const state = tempState();
  const file = join(state, '..', 'twin.json');
  let twin: Twin;

  it('reads the server through the Host port and the SQL actors, keeps no secret, and names what it could not read', async () => {
    expect((await collect(state, file)).code).toBe(0); // the simulated server now exists
    // The customer's atlas.xml has one entry with a SQL login and its password.
    const atlas = join(`${state}.server`, 'XPhone Connect Server', 'atlas.xml');
    const text = readFileSync(atlas, 'utf8').replace(
      /Integrated Security=(True|SSPI)/i,
      'User ID=xpuser;Password=Geheim-123',
    );
    expect(text).toContain('Geheim-123');
    writeFileSync(atlas, text);
    const r = await collect(state, file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^Twin written: .+ \(2 SQL Servers, 3 databases, 9 backups in the history, 0 Backup-Manager runs\)/,
    );
    const raw = readFileSync(file, 'utf8');
    expect(raw).not.toContain('Geheim-123');
    expect(raw).not.toMatch(/Password|Integrated Security/i);
    twin = JSON.parse(raw) as Twin;
    const f = twin.facts;
    // The old server's own SQL Express 2014, as its instance answers the queries.
    const main = f.sql.find((s) => s.server === '(local)\\XPCONNECT')!;
    expect(main).toMatchObject({ version: '12.0.6024.0', engineEdition: 4, language: 'us_english' });
    expect(main.databases.map((d) => [d.name, d.dataMb, d.backupMb])).toEqual([
      ['XPDATA', 512, 512],
      ['XPVDIR', 128, 128],
    ]);
    // msdb's history, only of the databases atlas.xml names on that server.
    expect(new Set(main.backups.map((b) => b.database))).toEqual(new Set(['XPDATA', 'XPVDIR']));
    expect(main.backups[0]!.seconds).toBeGreaterThan(0);
    expect(f.services.map((s) => [s.name, s.running, s.startMode])).toEqual([
      ['AtlasService', true, 'Auto'],
      ['AtlasWebService', true, 'Auto'],
    ]);
    expect(f.machine).toMatchObject({ name: 'OLDXPHONE', virtual: 'hyperv' });
    expect(f.share).toEqual({
      path: SHARE,
      seenHere: true,
      seenBySql: { '(local)\\XPCONNECT': true, '(local)\\XPANALYTICS': true },
    });
    // No Backup-Manager has run on it yet: said, with the reason, not left out silently.
    expect(twin.unread.map((u) => u.fact)).toEqual(['backupManager']);
    expect(r.stdout).toMatch(/Not read: backupManager – E_DIAG_PATH/);
    expect(r.stdout).toContain('--backup-manager-log FOLDER');
  });

  it('round-trips, and refuses a twin edited by hand, damaged, from a newer xpmigrate or of another product', async () => {
    expect(readTwin(file)).toEqual(twin);
    const dir = join(state, '..');
    const refused = async (name: string, content: string) => {
      writeFileSync(join(dir, name), content);
      const r = await cliInProcess(['plan', '--twin', join(dir, name), '--lang', 'en']);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      return r.stderr;
    };
    expect(
      await refused('edited.json', readFileSync(file, 'utf8').replace('"dataMb": 512', '"dataMb": 5')),
    ).toMatch(/\[E_TWIN_DAMAGED\].*checksum[\s\S]*Do not edit the file by hand/);
    expect(await refused('cut.json', readFileSync(file, 'utf8').slice(0, 500))).toContain('[E_TWIN_DAMAGED]');
    const newer = customerTwin(twin, join(dir, 'newer.json'), (t) => {
      (t as { schema: number }).schema = 2;
      t.tool = '3.0.0';
    });
    expect(await refused('newer.json', readFileSync(newer, 'utf8'))).toMatch(
      /\[E_TWIN_NEWER\].*newer xpmigrate \(3\.0\.0, format 2\)/,
    );
    const other = customerTwin(twin, join(dir, 'other.json'), (t) => {
      t.facts.xphone.version = 'Exchange 2019 CU12';
    });
    expect(await refused('other.json', readFileSync(other, 'utf8'))).toContain('[E_TWIN_PRODUCT]');
    const r = await cliInProcess(['plan', '--twin', file, '--from', '7', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[E_TWIN_FROM]: The twin reports XPhone 9.0.330.1359, --from says 7.');
    expect((await cliInProcess(['plan', '--twin', join(dir, 'missing.json')])).stderr).toContain(
      '[E_TWIN_PATH]',
    );
    // A twin of the rehearsal's simulated server never gives a real run its answers.
    expect(twin.simulated).toBe(true);
    const realState = join(dir, 'real.db');
    const real = await cliInProcess([
      'start',
      '--twin',
      file,
      '--target',
      'A',
      '--state',
      realState,
      '--lang',
      'en',
    ]);
    expect(real.code).toBe(2);
    expect(real.stderr).toContain('[E_TWIN_SIMULATED]: ');
    expect(existsSync(realState)).toBe(false);
  });

  it("rehearses the customer's server: its versions, language, sizes, accounts and stopped services", async () => {
    const big = customerTwin(twin, join(state, '..', 'customer.json'), (t) => {
      t.facts.machine.name = 'XPSRV01';
      t.facts.xphone.version = '8.0.100';
      t.facts.services = [
        { name: 'AtlasService', running: true, startMode: 'Auto', account: 'XPHONE\\Müller' },
        { name: 'AtlasWebService', running: false, startMode: 'Manual', account: 'XPHONE\\Müller' },
      ];
      const main = t.facts.sql.find((s) => s.server === '(local)\\XPCONNECT')!;
      main.language = 'Deutsch';
      main.databases[0]!.dataMb = 12 * 1024;
      main.databases[0]!.backupMb = 11_000;
    });
    // Stopped at its first manual step: the seeded server is untouched by any step yet.
    const seeded = tempState();
    const first = await cliInProcess([
      'start',
      '--simulate',
      '--twin',
      big,
      '--target',
      'A',
      '--state',
      seeded,
      '--lang',
      'en',
    ]);
    expect(first.code, first.stderr).toBe(3);
    expect(first.stdout).toContain("Rehearsal of the customer's server XPSRV01 (XPhone 8.0.100");
    const source = readSqlModels(`${seeded}.sql`)['OLDXPHONE\\XPCONNECT']!;
    expect(source).toMatchObject({ version: '12.0.6024.0', defaultLanguage: 'Deutsch' });
    expect(source.databases.XPDATA!.sizeMb).toBe(12 * 1024);
    // Collected again from the rehearsal: the customer's facts, through the same code path.
    const again = join(state, '..', 'again.json');
    expect((await collect(seeded, again)).code).toBe(0);
    const back = readTwin(again).facts;
    expect(back.services).toEqual([
      { name: 'AtlasService', running: true, startMode: 'Auto', account: 'XPHONE\\Müller' },
      { name: 'AtlasWebService', running: false, startMode: 'Manual', account: 'XPHONE\\Müller' },
    ]);
    expect(back.xphone.version).toBe('8.0.100');
    const main = back.sql.find((s) => s.server === '(local)\\XPCONNECT')!;
    expect(main.language).toBe('Deutsch');
    expect(main.databases.find((d) => d.name === 'XPDATA')!.dataMb).toBe(12 * 1024);
  });

  it('stops plan A at the SQL Express limit when XPDATA holds 12 GB, as the night would; 2 GB passes', async () => {
    const make = (gb: number) =>
      customerTwin(twin, join(state, '..', `xpdata-${gb}.json`), (t) => {
        t.facts.xphone.version = '8.0.100';
        const db = t.facts.sql.find((s) => s.server === '(local)\\XPCONNECT')!.databases[0]!;
        db.dataMb = gb * 1024;
        db.backupMb = gb * 1024;
      });
    // Before the night: the plan says so.
    const plan = await cliInProcess(['plan', '--twin', make(12), '--target', 'A', '--lang', 'en']);
    expect(plan.stdout).toContain('! XPDATA has 12.0 GB of data: SQL Express holds 10 GB per database.');
    expect(
      (await cliInProcess(['plan', '--twin', make(2), '--target', 'A', '--lang', 'en'])).stdout,
    ).not.toContain('SQL Express holds');
    // The rehearsal meets it where a real run would: the Backup-Manager's restore onto SQL Express.
    const state12 = tempState();
    const r = await rehearse(make(12), state12, ['--target', 'A']);
    expect(r.code).toBe(1);
    expect(await status(state12)).toMatchObject({ state: 'failed', currentStep: 'v8v9.12.restore-log' });
    expect(r.stdout).toContain('E_BACKUP_MANAGER_LOG');
    expect(r.stdout).toContain('BM_EXPRESS_LIMIT');
    const state2 = tempState();
    const ok = await rehearse(make(2), state2, ['--target', 'A']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    // The report sets the forecast beside what each step took, the downtime as a timeline.
    const report = (await cliInProcess(['report', '--format', 'markdown', '--state', state2, '--lang', 'en']))
      .stdout;
    expect(report).toContain('## Downtime and forecast');
    expect(report).toMatch(
      /XPhone is down "Cut-over: .+" → "Check the Backup-Manager's log": Forecast .+; actual \d+ s \(rehearsal: simulated time\)/,
    );
    expect(report).toMatch(/\| \+0 s \| Cut-over: take the old server's final backup/);
    const html = (await cliInProcess(['report', '--format', 'html', '--state', state2, '--lang', 'de']))
      .stdout;
    expect(html).toContain('<h2>Ausfallzeit und Prognose</h2>');
    expect(html).toContain('<table class="timeline">');

    // The next twin on this server measures with that run, once it is a real one: a rehearsal's
    // clock is the simulation's and is never taken.
    const next = join(state, '..', 'next.json');
    // The rehearsal ended on the new server: its Backup-Manager did the restore there.
    expect((await collect(state2, next)).code).toBe(0);
    expect(readTwin(next).facts.backupManager.map((r) => r.operation)).toEqual(['restore']);
    // The old server ran both backups (before the move and at the cut-over).
    walkTo(state2, 'OLDXPHONE');
    expect((await collect(state2, next)).stdout).not.toContain('Last run on this server');
    expect(readTwin(next).facts.previousRun).toBeNull();
    // The Backup-Manager's runs of the rehearsal, from its log or (named) from the folder of its logs.
    const runs = readTwin(next).facts.backupManager;
    expect(runs.map((r) => r.operation)).toEqual(['backup', 'backup']);
    const folder = join(`${state2}.server`, 'XPhone Connect Server', 'Logs');
    const named = join(state, '..', 'named.json');
    expect(
      (
        await cliInProcess([
          'twin',
          'collect',
          '--simulate',
          '--state',
          state2,
          '--out',
          named,
          '--backup-manager-log',
          folder,
        ])
      ).code,
    ).toBe(0);
    expect(readTwin(named).facts.backupManager).toEqual(runs);
    // msdb now also holds the rehearsal's own safety copies, on the share, as a real server would.
    const main = readTwin(next).facts.sql.find((s) => s.server === '(local)\\XPCONNECT')!;
    expect(main.backups.filter((b) => b.device.startsWith(SHARE)).map((b) => b.database)).toContain('XPDATA');
    const db = openDb(state2);
    db.prepare('UPDATE runs SET simulate = 0').run(); // as the store of a real run has it
    db.close();
    const measured = await collect(state2, next);
    expect(measured.stdout).toMatch(
      /Last run on this server \(\w{8}\): downtime v8v9\.cutover → v8v9\.12\.restore-log – forecast .+, actual \d+ s \(off by -\d+ %\)/,
    );
    const previous = readTwin(next).facts.previousRun!;
    expect(previous.steps.find((s) => s.stepId === 'v8v9.6.install-xphone')!.seconds).toBeGreaterThanOrEqual(
      0,
    );
    const planned = (await cliInProcess(['plan', '--twin', next, '--target', 'A', '--lang', 'en'])).stdout;
    expect(planned).toMatch(
      /Install the XPhone Server\s+\d+ s\s+measured in the last run on this server \(\w{8}\)/,
    );
  });
});
