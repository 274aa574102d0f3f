import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyAtlas, atlasHolds, previewAtlas, readAtlas } from '../../src/actors/atlas-xml/index.js';
import { isXpmError } from '../../src/errors/index.js';
import { CORPUS, encodeVariant, expectedText } from '../fixtures/atlas/corpus.js';

const folder = () => mkdtempSync(join(tmpdir(), 'xpm-atlas-'));
function atlasFile(bytes: Buffer): string {
  const file = join(folder(), 'atlas.xml');
  writeFileSync(file, bytes);
  return file;
}
const stopped = { services: async () => [{ name: 'AtlasService', running: false }] };
const running = { services: async () => [{ name: 'AtlasService', running: true }] };

describe('atlas.xml corpus: every edit changes exactly the expected bytes', () => {
  expect(CORPUS.length).toBeGreaterThanOrEqual(12);
  for (const v of CORPUS) {
    it(v.name, async () => {
      const before = encodeVariant(v.text, v.encoding);
      const file = atlasFile(before);
      const doc = readAtlas(file);
      expect(doc.problems).toEqual([]);
      expect(doc.entries.length).toBeGreaterThan(0);
      expect(atlasHolds(file, v.edits)).toBe(false);

      const result = await applyAtlas(file, v.edits, { host: stopped });
      expect(readFileSync(file).equals(encodeVariant(expectedText(v), v.encoding))).toBe(true);
      // The backup copy is the old file, byte for byte.
      expect(result.backup).toBeDefined();
      expect(readFileSync(result.backup!).equals(before)).toBe(true);
      // The probe now sees the edit; applying again changes nothing and writes nothing.
      expect(atlasHolds(file, v.edits)).toBe(true);
      const again = await applyAtlas(file, v.edits, { host: stopped });
      expect(again.changes).toEqual([]);
      expect(again.backup).toBeUndefined();
      expect(readdirSync(join(file, '..')).filter((n) => n.endsWith('.bak'))).toHaveLength(1);
      expect(readdirSync(join(file, '..')).filter((n) => n.endsWith('.tmp'))).toHaveLength(0);
    });
  }
});

describe('atlas.xml: reading', () => {
  it('models each entry: name, server parts, database, login, useLogin; never a password', () => {
    const v = CORPUS.find((c) => c.name.startsWith('entities'))!;
    const doc = readAtlas(atlasFile(encodeVariant(v.text, v.encoding)));
    expect(doc.entries).toHaveLength(1);
    const [e] = doc.entries;
    expect(e).toMatchObject({
      name: 'XPDATA',
      database: 'XPDATA',
      integratedSecurity: false,
      user: 'sa',
      useLogin: undefined,
      server: { host: '(local)', instance: 'XPCONNECT', local: true },
    });
    expect(get(e!.parsed, 'applicationName')).toBe('XPhone & Co');
  });

  it('reports what looks like a connection string but is not one, and refuses to edit then', async () => {
    const text =
      '<Atlas><Databases><Database name="A" connectionString="Data Source=x;Initial Catalog=&quot;open" /></Databases></Atlas>';
    const file = atlasFile(Buffer.from(text));
    const doc = readAtlas(file);
    expect(doc.entries).toEqual([]);
    expect(doc.problems).toMatchObject([{ line: 1, element: 'Database' }]);
    expect(doc.problems[0]!.detail).toContain('not closed');
    await expect(applyAtlas(file, [{ kind: 'point', server: 'S' }])).rejects.toMatchObject({
      code: 'E_ATLAS_CONNECTION_STRING',
    });
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('atlas.xml: bad input leaves the file as it was', () => {
  const sample = encodeVariant(CORPUS[0]!.text, CORPUS[0]!.encoding);
  const cases: Array<[string, Buffer, string]> = [
    [
      'malformed XML',
      Buffer.from(
        '<Atlas>\n  <Databases>\n    <Database name="a" connectionString="x" \n  </Databases>\n</Atlas>',
      ),
      'E_ATLAS_XML',
    ],
    ['no <Databases>', Buffer.from('<Atlas><Server name="x"/></Atlas>'), 'E_ATLAS_NO_DATABASES'],
    [
      'no connection string in <Databases>',
      Buffer.from('<Atlas><Databases><Database name="x"/></Databases></Atlas>'),
      'E_ATLAS_NO_ENTRIES',
    ],
    [
      'bytes that are not UTF-8',
      Buffer.concat([
        Buffer.from('<Atlas><Databases>'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('</Databases></Atlas>'),
      ]),
      'E_ATLAS_ENCODING',
    ],
  ];
  for (const [name, bytes, code] of cases) {
    it(name, async () => {
      const file = atlasFile(bytes);
      await expect(applyAtlas(file, [{ kind: 'point', server: 'SQL01' }])).rejects.toMatchObject({ code });
      expect(readFileSync(file).equals(bytes)).toBe(true);
    });
  }

  it('malformed XML: the error names line and column', () => {
    const file = atlasFile(cases[0]![1]);
    try {
      previewAtlas(file, [{ kind: 'point', server: 'SQL01' }]);
      expect.unreachable();
    } catch (error) {
      expect(isXpmError(error) && error.text('en')).toMatch(/line 4, column \d+/);
      expect(isXpmError(error) && error.text('de')).toMatch(/Zeile 4, Spalte \d+/);
    }
  });

  it('invalid instance names and servers are refused before the file is read', () => {
    expect(() =>
      previewAtlas('/nonexistent', [{ kind: 'rename-instance', from: 'XPCONNECT', to: 'XP CONNECT' }]),
    ).toThrow(expect.objectContaining({ code: 'E_ATLAS_INSTANCE' }));
    expect(() =>
      previewAtlas('/nonexistent', [{ kind: 'point', server: 'SQL01\\ThisNameIsFarTooLong' }]),
    ).toThrow(expect.objectContaining({ code: 'E_ATLAS_INSTANCE' }));
    expect(() => previewAtlas('/nonexistent', [{ kind: 'point', server: 'SQL01,99999' }])).toThrow(
      expect.objectContaining({ code: 'E_ATLAS_SERVER' }),
    );
  });

  it('a read-only file', async () => {
    const file = atlasFile(sample);
    chmodSync(file, 0o444);
    await expect(applyAtlas(file, [{ kind: 'point', server: 'SQL01' }])).rejects.toMatchObject({
      code: 'E_ATLAS_READONLY',
    });
    expect(readFileSync(file).equals(sample)).toBe(true);
  });

  it('a full disk while writing: the temporary file goes, the original stays', async () => {
    const file = atlasFile(sample);
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    await expect(
      applyAtlas(file, [{ kind: 'point', server: 'SQL01' }], {
        hook: (point) => {
          if (point === 'temp-written') throw full;
        },
      }),
    ).rejects.toMatchObject({ code: 'E_ATLAS_DISK_FULL' });
    expect(readFileSync(file).equals(sample)).toBe(true);
    expect(readdirSync(join(file, '..')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refused while an Atlas service runs, unless forced', async () => {
    const file = atlasFile(sample);
    await expect(
      applyAtlas(file, [{ kind: 'point', server: 'SQL01' }], { host: running }),
    ).rejects.toMatchObject({
      code: 'E_ATLAS_SERVICES_RUNNING',
    });
    expect(readFileSync(file).equals(sample)).toBe(true);
    const forced = await applyAtlas(file, [{ kind: 'point', server: 'SQL01' }], {
      host: running,
      force: true,
    });
    expect(forced.changes.length).toBeGreaterThan(0);
  });

  it('an unknown --database names what there is', () => {
    const file = atlasFile(sample);
    expect(() => previewAtlas(file, [{ kind: 'point', server: 'SQL01', databases: ['XPNOPE'] }])).toThrow(
      expect.objectContaining({
        code: 'E_ATLAS_NO_SUCH_DATABASE',
        params: expect.objectContaining({ allowed: 'XPDATA (XPDATA), XPVDIR (XPVDIR)' }),
      }),
    );
  });
});

import { get } from '../../src/actors/sql-server/index.js';
