import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { failureTexts } from '../../src/errors/index.js';
import { cliInProcess } from '../support/cli.js';
import { operateUntil, operatorDoes, operatorInstalled, readSim, tempState } from '../support/runs.js';

const cli = async (state: string, args: string[], lang = 'en') =>
  await cliInProcess([...args, '--state', state, '--lang', lang]);
const journal = async (state: string) =>
  (
    JSON.parse((await cli(state, ['history', '--json'])).stdout) as {
      journal: Array<{ kind: string; stepId: string | null; detail: Record<string, unknown> }>;
    }
  ).journal;

describe('a rehearsal without --auto-confirm', () => {
  test('passes every step: the simulated server offers the operator’s actions (sim --do), nothing is skipped', async () => {
    const state = tempState();
    expect(
      (await cli(state, ['start', '--from', '7', '--target', 'C', '--virtual', 'yes', '--simulate'])).code,
    ).toBe(3);
    expect(await operateUntil(state)).toMatchObject({ state: 'done' });
    const rows = await journal(state);
    expect(rows.some((r) => r.kind === 'operator-skip' || r.kind === 'step-failed')).toBe(false);
    // The V8 setup was run on the simulated server before its step was confirmed.
    const update = rows.find((r) => r.kind === 'operator-confirm' && r.stepId === 'hop.v7v8.update');
    expect(update?.detail.evidence).toEqual({ version: '8.0.100' });
  });

  test('sim --do refuses where there is nothing for the operator to do', async () => {
    const state = tempState();
    expect(
      (await cli(state, ['start', '--from', '7', '--target', 'A', '--virtual', 'no', '--simulate'])).code,
    ).toBe(3);
    expect((await operatorDoes(state)).code).toBe(3); // the Backup-Manager's backup
    await operateUntil(state, 'hop.v7v8.reboot');
    const nothing = await cli(state, ['sim', '--do'], 'de');
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('E_SIM_NOTHING_TO_DO');
  });
});

describe('evidence is asked for in words', () => {
  test('hints with an example, "V8" accepted, a wrong key and an unknown step named', async () => {
    const state = tempState();
    expect(
      (await cli(state, ['start', '--from', '7', '--target', 'A', '--virtual', 'no', '--simulate'])).code,
    ).toBe(3);
    const backedUp = await operatorDoes(state);
    expect(backedUp.stdout).toContain('version: version, e.g. 8.0.100 ("V8" works too)');
    expect(backedUp.stdout).not.toMatch(/\^8|\\\\d/); // never the pattern it is checked against
    const shown = JSON.parse((await cli(state, ['status', '--json'])).stdout) as {
      waitingFor: { evidence: Array<Record<string, unknown>> };
    };
    expect(shown.waitingFor.evidence).toEqual([
      { key: 'version', label: 'Installed version', hint: 'version, e.g. 8.0.100 ("V8" works too)' },
    ]);

    const wrongKey = await cli(state, ['confirm', 'hop.v7v8.update', '--evidence', 'versoin=8'], 'de');
    expect(wrongKey.code).toBe(2);
    expect(wrongKey.stderr).toContain(
      'kennt den Nachweis versoin nicht; er fragt nach: version (Version, z. B. 8.0.100',
    );
    const unknown = await cli(state, ['confirm', 'hop.v7v8.updte', '--evidence', 'version=8']);
    expect(unknown.stderr).toContain('step hop.v7v8.updte is not a step of this run');
    const notYet = await cli(state, ['confirm', 'hop.v7v8.update', '--evidence', 'version=V8']);
    expect(notYet.stderr).toContain('the server reports version 7; expected: version, e.g. 8.0.100');

    const did = JSON.parse((await cli(state, ['sim', '--do', '--json'])).stdout) as { version: string };
    expect(did.version).toBe('8.0.100');
    const confirmed = await cli(state, ['confirm', 'hop.v7v8.update', '--evidence', 'version=V8']);
    expect(confirmed.code).toBe(4); // on to the reboot
    const given = (await journal(state)).find(
      (r) => r.kind === 'operator-confirm' && r.stepId === 'hop.v7v8.update',
    );
    expect(given?.detail.evidence).toEqual({ version: '8' });
  });
});

describe('one service account per run', () => {
  test('step 7 confirmed with another account than 2a and 7a got is refused with the reason', async () => {
    const state = tempState();
    const flags = ['--from', '8', '--target', 'C', '--analytics', 'yes', '--virtual', 'no'];
    expect(
      (await cli(state, ['start', ...flags, '--service-account', 'KUNDE\\xphone', '--simulate'])).code,
    ).toBe(3);
    expect((await operateUntil(state, 'v8v9.7.service-account')).currentStep).toBe('v8v9.7.service-account');
    const other = await cli(
      state,
      ['confirm', 'v8v9.7.service-account', '--evidence', 'account=KUNDE\\admin'],
      'de',
    );
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('der Lauf verwendet den Dienste-Account KUNDE\\xphone');
    const same = await cli(state, [
      'confirm',
      'v8v9.7.service-account',
      '--evidence',
      'account=kunde\\XPHONE',
    ]);
    expect(same.code).not.toBe(2);
    // 7a then gives the Analytics pool that same account.
    await operateUntil(state, 'v8v9.9a.setup-wizard');
    // On the new server, where row 7a acts: the old server's pool is left alone.
    const sim = readSim(state);
    expect(sim.machines.NEWXPHONE?.appPools.XPhoneConnectAnalytics).toBe('KUNDE\\xphone');
    expect(sim.machines.OLDXPHONE?.appPools.XPhoneConnectAnalytics).toBe('ApplicationPoolIdentity');
  });
});

describe('--databases', () => {
  test('a name the source server does not have stops the start before anything runs; unsafe names are refused', async () => {
    const state = tempState();
    const typo = await cli(
      state,
      ['start', '--from', '8', '--target', 'C', '--simulate', '--databases', 'XPDATA,XPSTAT'],
      'de',
    );
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('[E_SQL_SOURCE_DATABASE_MISSING]');
    expect(typo.stderr).toContain('gibt es XPSTAT nicht');
    expect(typo.stderr).toContain('XPDATA, XPVDIR');
    expect(JSON.parse((await cli(state, ['runs', '--json'])).stdout).runs).toEqual([]);
    for (const bad of ['XPDATA,..', 'XPDATA,a\\b', 'C:x', 'a|b'])
      expect(
        (await cli(state, ['start', '--from', '8', '--target', 'C', '--simulate', '--databases', bad]))
          .stderr,
      ).toContain('[E_INPUT_DATABASE_NAME]');
  });
});

describe('the guide’s conditions in a run', () => {
  test('SQL Express upgrade: atlas.xml is renamed only for the instances whose script ran', async () => {
    for (const analytics of ['no', 'yes']) {
      const state = tempState();
      const r = await cli(state, [
        'start',
        '--job',
        'sql-express',
        '--from',
        '9',
        '--analytics',
        analytics,
        '--simulate',
        '--auto-confirm',
      ]);
      expect(r.code).toBe(0);
      const atlas = readFileSync(join(`${state}.server`, 'XPhone Connect Server', 'atlas.xml'), 'utf8');
      expect(atlas).toContain('Data Source=(local)\\XPCONNECT2019');
      expect(atlas.includes('Data Source=(local)\\XPANALYTICS2019')).toBe(analytics === 'yes');
      expect(/Data Source=\(local\)\\XPANALYTICS"/.test(atlas)).toBe(analytics === 'no');
    }
  });

  test('a hop skipped with --force does not carry a V7 server into the move: the V8 check stops it', async () => {
    const state = tempState();
    expect(
      (await cli(state, ['start', '--from', '7', '--target', 'A', '--virtual', 'no', '--simulate'])).code,
    ).toBe(3);
    await operateUntil(state, 'hop.v7v8.update');
    expect((await cli(state, ['skip', 'hop.v7v8.update', '--force', '--reason', 'later'])).code).toBe(4);
    expect(await operateUntil(state)).toMatchObject({ state: 'failed', currentStep: 'hops.check-v8' });
    const failed = await cli(state, ['status'], 'de');
    expect(failed.stdout).toContain('fehlgeschlagen');
    const rows = await journal(state);
    expect(rows.find((r) => r.kind === 'step-failed' && r.stepId === 'hops.check-v8')?.detail).toMatchObject({
      code: 'E_VERSION_NOT_REACHED',
    });
    operatorInstalled(state, '8.0.100'); // the skipped update, made up for
    expect((await cli(state, ['retry'])).stdout).toContain('✓ The installed version is V8');
  });

  test('start prints the plan’s warnings; a German run speaks German after the reboot and in its report', async () => {
    const v4 = tempState();
    const started = await cli(v4, ['start', '--from', '4.5.35 SR5', '--simulate'], 'de');
    expect(started.stdout).toContain('! V4 → V9: Journal-Daten gehen komplett verloren');
    const state = tempState();
    expect(
      (await cli(state, ['start', '--from', '8', '--target', 'C', '--simulate', '--auto-confirm'], 'de'))
        .code,
    ).toBe(0);
    const md = (await cli(state, ['report', '--format', 'markdown'], 'de')).stdout;
    expect(md).toContain('- Stand: abgeschlossen');
    expect(md).toContain('- Weg: Umzug V8/V9 → V9, Umzugsplan C');
    expect(md).toContain('atlas.xml anpassen: \\<Databases\\> auf die externen Datenbanken umstellen');
    expect(md).not.toMatch(/[^\\]<Databases>/);
    expect((await cli(state, ['status'], 'de')).stdout).toContain('abgeschlossen');
    // A failure the effect gave no parameters is still said in the reader's language.
    expect(
      failureTexts('E_V4_ON_TARGET', undefined, 'XPhone UC 2011 (V4) is installed', 'de').text,
    ).toContain('Auf diesem Rechner ist XPhone UC 2011 (V4) installiert');
  });
});

describe('Analytics in an instance of its own', () => {
  test('with only the main instance named, the start says to name it as atlas.xml does; named, it starts', async () => {
    const state = tempState();
    const refused = await cliInProcess([
      ...['start', '--from', '8', '--target', 'C', '--simulate', '--source-sql', 'OLDXPHONE\\XPCONNECT'],
      ...['--state', state, '--lang', 'en'],
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('[E_SQL_ANALYTICS_INSTANCE]');
    expect(refused.stderr).toContain('has no XPSTATS');
    expect(refused.stderr).toContain('--source-analytics-sql "(local)\\XPANALYTICS"');
    const named = await cliInProcess([
      ...['start', '--from', '8', '--target', 'C', '--simulate', '--source-sql', 'OLDXPHONE\\XPCONNECT'],
      ...['--source-analytics-sql', 'OLDXPHONE\\XPANALYTICS', '--state', state, '--lang', 'en'],
    ]);
    expect(named.code, named.stderr).toBe(3);
  });
});
