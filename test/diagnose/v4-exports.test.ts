import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkV4ExportFolder } from '../../src/diagnose/index.js';
import { cliInProcess } from '../support/cli.js';

/** An export folder as the Migrations-Manager might leave it (its real names are not public). */
function exportFolder(
  users = 'ID;firstname;name;account\n1;Anna;Ahrens;XPHONE\\aa\n2;Bernd;Bauer;XPHONE\\bb\n',
) {
  const dir = mkdtempSync(join(tmpdir(), 'xpm-v4-'));
  mkdirSync(join(dir, 'Ansagen'));
  mkdirSync(join(dir, 'TK-Anlage'));
  writeFileSync(join(dir, 'Ansagen', '1001_greeting.wav'), 'RIFF');
  writeFileSync(join(dir, 'AutoAttendant.xml'), '<aa/>');
  writeFileSync(join(dir, 'DynamischeLeitungen.xml'), '<dl/>');
  writeFileSync(join(dir, 'TK-Anlage', 'dialparams.ini'), 'a=1');
  writeFileSync(join(dir, 'benutzer.csv'), users);
  return dir;
}

describe('the V4 export folder', () => {
  test('items a–e are found; the users CSV is recognised by its columns and checked', () => {
    const report = checkV4ExportFolder(exportFolder());
    expect(report.items.map((i) => [i.key, i.found.length > 0])).toEqual([
      ['voicemail', true],
      ['autoattendant', true],
      ['dynamic-lines', true],
      ['pbx', true],
      ['users-csv', true],
    ]);
    expect(report.users).toMatchObject({ file: 'benutzer.csv', report: { rows: 2, problems: [] } });
  });

  test('a missing item and a broken CSV: exit 1; a pattern of ones own finds a differently named item', async () => {
    const dir = exportFolder('ID;firstname;name;account\n1;;Ahrens;XPHONE\\aa\n');
    writeFileSync(join(dir, 'AutoAttendant.xml'), ''); // empty: not an export
    const r = await cliInProcess(['v4-exports', dir, '--json', '--lang', 'en']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as {
      items: Array<{ key: string; found: string[] }>;
      users: { report: { problems: Array<{ line: number }> } };
    };
    expect(json.items.find((i) => i.key === 'autoattendant')!.found).toEqual([]);
    expect(json.users.report.problems.map((p) => p.line)).toEqual([2]);
    writeFileSync(join(dir, 'Vermittlung.xml'), '<aa/>');
    writeFileSync(join(dir, 'benutzer.csv'), 'ID;firstname;name;account\n1;Anna;Ahrens;XPHONE\\aa\n');
    expect((await cliInProcess(['v4-exports', dir, '--item', 'autoattendant=vermittlung'])).code).toBe(0);
    expect((await cliInProcess(['v4-exports', dir, '--item', 'autoattendant=('])).code).toBe(2);
  });

  test('the V4 → V9 run checks the folder itself: a broken CSV stops it with the lines, fixed it goes on', async () => {
    const dir = exportFolder('ID;firstname;name;account\n1;Anna;Ahrens;XPHONE\\aa\n1;Bernd;;XPHONE\\bb\n');
    const state = join(mkdtempSync(join(tmpdir(), 'xpm-v4run-')), 'state.db');
    const run = async (args: string[]) => await cliInProcess([...args, '--state', state, '--lang', 'en']);
    const started = await run([
      'start',
      '--from',
      '4.5.35 SR5',
      '--simulate',
      '--auto-confirm',
      '--v4-exports',
      dir,
    ]);
    expect(started.code).toBe(1);
    expect(started.stdout).toContain('E_V4_USERS_CSV');
    expect(started.stdout).toContain('(lines 3)');
    writeFileSync(
      join(dir, 'benutzer.csv'),
      'ID;firstname;name;account\n1;Anna;Ahrens;XPHONE\\aa\n2;Bernd;Bauer;XPHONE\\bb\n',
    );
    const retried = await run(['retry']);
    expect(retried.stdout).toContain('✓ Check the export folder');
    const history = JSON.parse((await run(['history', '--json'])).stdout) as {
      journal: Array<{ kind: string; stepId: string; detail: Record<string, unknown> }>;
    };
    const done = history.journal.find((r) => r.kind === 'step-done' && r.stepId === 'v4v9.6.check-exports')!;
    expect(done.detail).toMatchObject({ rows: 2 });
  });
});
