import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyAtlas, previewAtlas, readAtlas } from '../../src/actors/atlas-xml/index.js';
import { isXpmError } from '../../src/errors/index.js';
import { runCli } from '../support/cli.js';

// Issue 23, items 5 and 6: atlas.xml files made to mislead the reader, and secrets in what
// diff and apply print.
const stopped = { services: async () => [{ name: 'AtlasService', running: false }] };
function atlasFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'xpm-atlas-hostile-')), 'atlas.xml');
  writeFileSync(file, text);
  return file;
}
const REAL =
  '<Database name="XPDATA" connectionString="Data Source=OLDSQL\\XPHONE;Initial Catalog=XPDATA;Integrated Security=SSPI" useLogin="Windows" />';

describe('a DOCTYPE whose entity value holds "]>"', () => {
  const text = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<!DOCTYPE config [',
    "  <!ENTITY trap \"]><Databases><Database name='FAKE' connectionString='Data Source=EVIL;Initial Catalog=X'/></Databases>\">",
    '  <!-- a comment with ]> inside -->',
    ']>',
    '<config>',
    '  <Databases>',
    `    ${REAL}`,
    '  </Databases>',
    '</config>',
    '',
  ].join('\r\n');

  it('does not end early: show lists only the real entry, apply edits only inside the document', async () => {
    const file = atlasFile(text);
    const doc = readAtlas(file);
    expect(doc.entries.map((e) => e.name)).toEqual(['XPDATA']);
    expect(doc.databasesLine).toBe(7);
    await applyAtlas(file, [{ kind: 'point', server: 'NEWSQL\\XPHONE' }], { host: stopped });
    expect(readFileSync(file, 'utf8')).toBe(text.replace('OLDSQL', 'NEWSQL'));
  });
});

describe('a connection string split by CDATA', () => {
  it('is reported as a problem and refused by apply, never read with the wrong server', async () => {
    const file = atlasFile(
      [
        '<config><Databases>',
        '<Database name="XPDATA"><ConnectionString>Data Source=<![CDATA[REALSQL]]>\\XPHONE;Initial Catalog=XPDATA</ConnectionString></Database>',
        '</Databases></config>',
      ].join('\n'),
    );
    const doc = readAtlas(file);
    expect(doc.entries).toEqual([]);
    expect(doc.problems).toEqual([expect.objectContaining({ line: 2, element: 'ConnectionString' })]);
    const error = await applyAtlas(file, [{ kind: 'point', server: 'NEW' }], { host: stopped }).catch(
      (e: unknown) => e,
    );
    expect(isXpmError(error) && error.code).toBe('E_ATLAS_CONNECTION_STRING');
  });
});

describe('secrets and escapes in diff and apply', () => {
  const entry =
    '<Database name="XPDATA" connectionString="Data Source=OLDSQL\\XPHONE;Initial Catalog=XPDATA;User ID=xp;Password=\'Ge;heim&gt;1\';Application Name=&quot;XP &gt; Connect&quot;" />';
  const text = `<config>\n  <Databases>\n    ${entry}\n  </Databases>\n</config>\n`;

  const rename = { kind: 'rename-instance' as const, from: 'XPHONE', to: 'XPHONE2019' };

  it('diff and apply mask the password in the diff and in before/after; the file keeps it', async () => {
    const file = atlasFile(text);
    const edits = [rename];
    const preview = previewAtlas(file, edits);
    expect(preview.diff).not.toContain('Ge;heim');
    expect(preview.diff).toContain('Password=*****');
    const shown = JSON.stringify(preview.changes);
    expect(shown).not.toContain('Ge;heim');
    expect(shown).toContain('Password=*****');
    for (const command of ['diff', 'apply']) {
      const r = runCli([
        'atlas',
        command,
        '--file',
        file,
        '--rename-instance',
        'XPHONE=XPHONE2019',
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).not.toContain('Ge;heim');
    }
    expect(readFileSync(file, 'utf8')).toContain("Password='Ge;heim&gt;1'");
  });

  it('apply changes only the instance: &gt;, &quot; and the quoting inside the value stay as written', async () => {
    const file = atlasFile(text);
    await applyAtlas(file, [rename], { host: stopped });
    expect(readFileSync(file, 'utf8')).toBe(text.replace('OLDSQL\\XPHONE;', 'OLDSQL\\XPHONE2019;'));
  });
});
