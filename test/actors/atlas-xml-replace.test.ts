import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceFile } from '../../src/actors/atlas-xml/write.js';
import { XpmError } from '../../src/errors/index.js';

// Issue 21, item 10: replacing atlas.xml on a real server, where an editor or a virus scanner
// may hold it for a moment and the file may be a link to where the configuration really lives.
const busy = () => Object.assign(new Error('EBUSY: resource busy or locked, rename'), { code: 'EBUSY' });

describe('replacing atlas.xml', () => {
  it('a rename refused for a while (EBUSY/EPERM) is tried again, and then succeeds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xpm-replace-'));
    const file = join(dir, 'atlas.xml');
    writeFileSync(file, 'old');
    let refused = 0;
    replaceFile(file, Buffer.from('new'), new Date(0), undefined, (from, to) => {
      if (refused++ < 2) throw busy();
      renameSync(from, to);
    });
    expect(refused).toBe(3);
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('held for good: E_ATLAS_BUSY, the file unchanged, no temporary file left', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xpm-replace-'));
    const file = join(dir, 'atlas.xml');
    writeFileSync(file, 'old');
    let error: unknown;
    const started = Date.now();
    try {
      replaceFile(file, Buffer.from('new'), new Date(0), undefined, () => {
        throw busy();
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XpmError);
    expect((error as XpmError).code).toBe('E_ATLAS_BUSY');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000); // it did wait between the tries
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 20_000);

  it('a link stays a link: the file it points to is replaced', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xpm-replace-'));
    const real = join(dir, 'config', 'atlas.xml');
    const link = join(dir, 'atlas.xml');
    mkdirSync(join(dir, 'config'));
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    replaceFile(link, Buffer.from('new'));
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('new');
  });
});
