import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess } from '../support/cli.js';
import { tempState } from '../support/runs.js';

describe('xpmigrate atlas', () => {
  it('shows, diffs and applies on the simulated server; refuses while its services run', async () => {
    const state = tempState();
    // A rehearsal that stops at its first manual step leaves a simulated server with atlas.xml.
    expect(
      (await cliInProcess(['start', '--from', '8', '--target', 'B', '--simulate', '--state', state])).code,
    ).toBe(3);
    const where = ['--simulate', '--state', state];

    const show = await cliInProcess(['atlas', 'show', ...where, '--json']);
    expect(show.code, show.stderr).toBe(0);
    const shown = JSON.parse(show.stdout);
    expect(shown.encoding).toBe('utf-8-bom');
    expect(shown.lineEnding).toBe('CRLF');
    expect(shown.entries.map((e: { name: string; instance: string }) => `${e.name}@${e.instance}`)).toEqual([
      'XPDATA@XPCONNECT',
      'XPVDIR@XPCONNECT',
      'XPSTATS@XPANALYTICS',
    ]);
    const file = shown.file as string;
    const before = readFileSync(file);

    const diff = await cliInProcess([
      'atlas',
      'diff',
      ...where,
      '--server',
      'SQL01\\XPHONE',
      '--database',
      'XPSTATS',
    ]);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('-    <Database name="XPSTATS"');
    expect(diff.stdout).toContain('Data Source=SQL01\\XPHONE" />');
    expect(diff.stdout.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'))).toHaveLength(1);
    expect(readFileSync(file).equals(before)).toBe(true);

    const refused = await cliInProcess([
      'atlas',
      'apply',
      ...where,
      '--server',
      'SQL01\\XPHONE',
      '--lang',
      'de',
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('[E_ATLAS_SERVICES_RUNNING]');
    expect(refused.stderr).toContain('AtlasService');
    expect(refused.stderr).toContain('Abhilfe:');
    expect(readFileSync(file).equals(before)).toBe(true);

    const forced = await cliInProcess([
      'atlas',
      'apply',
      ...where,
      '--rename-instance',
      'XPCONNECT=XPCONNECT2019',
      '--force',
      '--json',
    ]);
    expect(forced.code, forced.stderr).toBe(0);
    const applied = JSON.parse(forced.stdout);
    expect(applied.changes).toHaveLength(2);
    expect(readFileSync(applied.backup).equals(before)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('Data Source=(local)\\XPCONNECT2019"');
  });

  it('bad input: exit 2, the code, the remedy, no stack trace', async () => {
    const noEdit = await cliInProcess(['atlas', 'diff', '--file', '/tmp/atlas.xml', '--lang', 'en']);
    expect(noEdit.code).toBe(2);
    expect(noEdit.stderr).toContain('No edit given');
    const pair = await cliInProcess([
      'atlas',
      'diff',
      '--file',
      '/tmp/atlas.xml',
      '--rename-instance',
      'XPCONNECT',
      '--lang',
      'en',
    ]);
    expect(pair.stderr).toContain('"XPCONNECT" is not of the form OLD=NEW');
    if (process.platform !== 'win32') {
      const noFile = await cliInProcess(['atlas', 'show', '--lang', 'en']);
      expect(noFile.code).toBe(2);
      expect(noFile.stderr).toContain('[E_ATLAS_FILE_REQUIRED]');
    }
    for (const r of [noEdit, pair]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('a reader that goes away', () => {
  it('gets no stack trace (EPIPE)', async () => {
    const { spawn } = await import('node:child_process');
    const bin = new URL('../../bin/xpmigrate.js', import.meta.url).pathname;
    const child = spawn(process.execPath, [bin, 'plan', '--from', '5', '--target', 'A', '--format', 'json']);
    child.stdout.destroy(); // the reader is gone before the first write
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    const code = await new Promise((r) => child.on('exit', r));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(code).toBe(0);
  });
});

describe('atlas: where useLogin is in effect', () => {
  const write = (lines: string[]) => {
    const file = join(mkdtempSync(join(tmpdir(), 'xpm-atlas-cli-')), 'atlas.xml');
    writeFileSync(file, lines.join('\r\n'));
    return file;
  };
  const inherited = [
    '<Atlas>',
    '  <Databases useLogin="Windows">',
    '    <Database name="XPDATA">',
    '      <Connection>Data Source=(local)\\XPCONNECT;Initial Catalog=XPDATA;Integrated Security=SSPI</Connection>',
    '    </Database>',
    '  </Databases>',
    '</Atlas>',
  ];

  it('show names the element it comes from; diff adds nothing where it is in effect', async () => {
    const file = write(inherited);
    const json = JSON.parse((await cliInProcess(['atlas', 'show', '--file', file, '--json'])).stdout);
    expect(json.entries[0]).toMatchObject({
      name: 'XPDATA',
      useLogin: null,
      useLoginInEffect: { value: 'Windows', element: 'Databases', line: 2, own: false },
    });
    expect((await cliInProcess(['atlas', 'show', '--file', file, '--lang', 'de'])).stdout).toContain(
      'Windows (von <Databases>, Zeile 2)',
    );
    const diff = await cliInProcess([
      'atlas',
      'diff',
      '--file',
      file,
      '--server',
      'SQL01\\XP',
      '--lang',
      'en',
    ]);
    expect(diff.code, diff.stderr).toBe(0);
    const added = diff.stdout.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
    expect(added).toHaveLength(1);
    expect(added[0]).not.toMatch(/useLogin/);
    expect(diff.stdout).not.toMatch(/set on/);
    expect(diff.stdout).toContain('+      <Connection>Data Source=SQL01\\XP;');
  });

  it('diff says why it adds useLogin="Windows" where none is in effect, in the reader’s language', async () => {
    const file = write(inherited.map((l) => l.replace(' useLogin="Windows"', '')));
    const en = await cliInProcess(['atlas', 'diff', '--file', file, '--server', 'SQL01\\XP', '--lang', 'en']);
    expect(en.stdout).toContain('+    <Database name="XPDATA" useLogin="Windows">');
    expect(en.stdout).toContain(
      'useLogin="Windows" set on XPDATA (line 4): no useLogin was in effect for this entry',
    );
    const de = await cliInProcess(['atlas', 'diff', '--file', file, '--server', 'SQL01\\XP', '--lang', 'de']);
    expect(de.stdout).toContain(
      'useLogin="Windows" bei XPDATA (Zeile 4) gesetzt: für diesen Eintrag galt kein useLogin',
    );
  });
});
