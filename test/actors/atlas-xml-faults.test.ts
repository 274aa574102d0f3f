import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyAtlas, atlasHolds, readAtlas } from '../../src/actors/atlas-xml/index.js';
import { isXpmError } from '../../src/errors/index.js';
import { CORPUS, encodeVariant } from '../fixtures/atlas/corpus.js';

const dist = new URL('../../dist/src/actors/atlas-xml/index.js', import.meta.url).href;

describe('atlas.xml under SIGKILL', () => {
  it('a writer killed at random moments leaves the complete old or the complete new file', async () => {
    const v = CORPUS[0]!;
    const a = encodeVariant(v.text, v.encoding);
    const b = encodeVariant(v.text.replaceAll('(local)\\XPCONNECT"', '(local)\\XPCONNECT2019"'), v.encoding);
    const file = join(mkdtempSync(join(tmpdir(), 'xpm-atlas-kill-')), 'atlas.xml');
    writeFileSync(file, a);
    // The writer flips the instance name back and forth as fast as it can.
    const writer = `
      const { applyAtlas } = await import(${JSON.stringify(dist)});
      const file = ${JSON.stringify(file)};
      process.stdout.write('ready\\n');
      for (;;) {
        await applyAtlas(file, [{ kind: 'rename-instance', from: 'XPCONNECT', to: 'XPCONNECT2019' }]);
        await applyAtlas(file, [{ kind: 'rename-instance', from: 'XPCONNECT2019', to: 'XPCONNECT' }]);
      }`;
    const seen = { a: 0, b: 0 };
    for (let i = 0; i < 40; i++) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', writer], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      // Kill at a random moment after the writer has started writing, however loaded the machine is.
      await new Promise((r) => child.stdout.once('data', r));
      await new Promise((r) => setTimeout(r, Math.random() * 40));
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
      const now = readFileSync(file);
      const which = now.equals(a) ? 'a' : now.equals(b) ? 'b' : undefined;
      expect(which, `kill ${i}: the file is neither the old nor the new version`).toBeDefined();
      seen[which!]++;
      expect(readAtlas(file).entries).toHaveLength(2);
    }
    // Both versions were met: the kills did land while the writer was writing.
    expect(seen.a).toBeGreaterThan(0);
    expect(seen.b).toBeGreaterThan(0);
  }, 120_000);
});

/** A small deterministic PRNG (mulberry32), so a failure can be replayed from its seed. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = [
  '<',
  '>',
  '&',
  '"',
  "'",
  ';',
  '=',
  '\u0000',
  ']]>',
  '<!--',
  '&#xD800;',
  '&bogus;',
  '\\',
  ',',
  'é',
  '\uFEFF',
];

function corrupt(bytes: Buffer, random: () => number): Buffer {
  const at = () => Math.floor(random() * bytes.length);
  switch (Math.floor(random() * 5)) {
    case 0: {
      const copy = Buffer.from(bytes);
      copy[at()] = Math.floor(random() * 256);
      return copy;
    }
    case 1: {
      const start = at();
      return Buffer.concat([
        bytes.subarray(0, start),
        bytes.subarray(Math.min(bytes.length, start + 1 + Math.floor(random() * 20))),
      ]);
    }
    case 2: {
      const start = at();
      const insert = Buffer.from(NASTY[Math.floor(random() * NASTY.length)]!, 'utf8');
      return Buffer.concat([bytes.subarray(0, start), insert, bytes.subarray(start)]);
    }
    case 3:
      return bytes.subarray(0, at());
    default: {
      const start = at();
      const end = Math.min(bytes.length, start + Math.floor(random() * 40));
      return Buffer.concat([bytes.subarray(0, end), bytes.subarray(start, end), bytes.subarray(end)]);
    }
  }
}

describe('atlas.xml fuzz: random corruptions of valid files', () => {
  it('always a clean error with the original untouched, or a valid result', async () => {
    const seed = 20261128;
    const random = prng(seed);
    const folder = mkdtempSync(join(tmpdir(), 'xpm-atlas-fuzz-'));
    const outcomes = { error: 0, changed: 0, unchanged: 0 };
    for (let i = 0; i < 600; i++) {
      const v = CORPUS[Math.floor(random() * CORPUS.length)]!;
      let bytes = encodeVariant(v.text, v.encoding);
      const rounds = 1 + Math.floor(random() * 3);
      for (let r = 0; r < rounds; r++) bytes = corrupt(bytes, random);
      const file = join(folder, `atlas-${i}.xml`);
      writeFileSync(file, bytes);
      try {
        const result = await applyAtlas(file, v.edits);
        if (result.changes.length === 0) {
          expect(readFileSync(file).equals(bytes), `seed ${seed} case ${i}`).toBe(true);
          outcomes.unchanged++;
        } else {
          readAtlas(file); // the new file reads
          expect(atlasHolds(file, v.edits), `seed ${seed} case ${i}`).toBe(true);
          expect(readFileSync(result.backup!).equals(bytes)).toBe(true);
          outcomes.changed++;
        }
      } catch (error) {
        if (!isXpmError(error))
          throw new Error(`seed ${seed} case ${i}: not a clean error: ${String(error)}`);
        expect(error.code, `seed ${seed} case ${i}`).toMatch(/^E_ATLAS_/);
        expect(readFileSync(file).equals(bytes), `seed ${seed} case ${i}: the original changed`).toBe(true);
        outcomes.error++;
      }
    }
    // The corpus of corruptions reaches both kinds of outcome.
    expect(outcomes.error).toBeGreaterThan(50);
    expect(outcomes.changed).toBeGreaterThan(50);
  }, 120_000);
});
