import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTwin, sealTwin, type Twin } from '../../src/twin/index.js';
import { cliInProcess } from '../support/cli.js';
import { tempState, twinCollect } from '../support/runs.js';

/** The rehearsal server's twin, changed and sealed again: what another tool or a bug could write. */
function resealed(base: Twin, file: string, change: (t: Record<string, unknown> & Twin) => void): string {
  const copy = structuredClone(base) as Record<string, unknown> & Twin;
  change(copy);
  const { sha256: _, ...unsealed } = copy;
  writeFileSync(file, JSON.stringify(sealTwin(unsealed as Omit<Twin, 'sha256'>)));
  return file;
}

const damaged = (file: string) => {
  try {
    readTwin(file);
  } catch (error) {
    return error as { code: string; params: { detail: string } };
  }
  throw new Error(`${file} was read`);
};

describe('a twin with a valid checksum but the wrong shape', () => {
  const state = tempState();
  const dir = join(state, '..');
  const file = join(dir, 'twin.json');
  let twin: Twin;

  beforeAll(async () => {
    const r = await twinCollect(state, file);
    expect(r.code, r.stderr).toBe(0);
    twin = JSON.parse(readFileSync(file, 'utf8')) as Twin;
  });

  it('is refused as damaged, naming the first wrong value, for the CLI without a stack trace', async () => {
    const variants: Array<[string, (t: Record<string, unknown> & Twin) => void, string]> = [
      [
        'size-text',
        (t) => ((t.facts.sql[0]!.databases[0] as { dataMb: unknown }).dataMb = '512'),
        'facts.sql[0].databases[0].dataMb',
      ],
      ['size-negative', (t) => (t.facts.volumes[0]!.freeMb = -1), 'facts.volumes[0].freeMb'],
      ['sql-object', (t) => ((t.facts as { sql: unknown }).sql = { server: 'x' }), 'facts.sql'],
      ['no-machine', (t) => delete (t.facts as Partial<Twin['facts']>).machine, 'facts.machine'],
      [
        'virtual',
        (t) => ((t.facts.machine as { virtual: unknown }).virtual = 'bochs'),
        'facts.machine.virtual',
      ],
      [
        'running',
        (t) => ((t.facts.services[0] as { running: unknown }).running = 'yes'),
        'facts.services[0].running',
      ],
      [
        'backup-seconds',
        (t) => ((t.facts.sql[0]!.backups[0] as { seconds: unknown }).seconds = null),
        'facts.sql[0].backups[0].seconds',
      ],
      [
        'unread',
        (t) => ((t as { unread: unknown[] }).unread = [{ fact: 'x', reason: 'y' }]),
        'unread[0].reason',
      ],
      ['escape', (t) => (t.facts.machine.name = 'OLD\u001b]0;pwned\u0007'), 'facts.machine.name'],
      ['version', (t) => ((t.facts.xphone as { version: unknown }).version = 9), 'facts.xphone.version'],
    ];
    for (const [name, change, at] of variants) {
      const error = damaged(resealed(twin, join(dir, `${name}.json`), change));
      expect(error.code, name).toBe('E_TWIN_DAMAGED');
      expect(error.params.detail, name).toBe(`${at}: not what xpmigrate writes`);
    }
    const r = await cliInProcess(['plan', '--twin', join(dir, 'size-text.json'), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[E_TWIN_DAMAGED]: ');
    expect(r.stderr).toContain('facts.sql[0].databases[0].dataMb');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a schema that is no whole number from 1 on is damaged, not “newer”', () => {
    for (const schema of [0, -7, '1', 1.5, null]) {
      const error = damaged(resealed(twin, join(dir, 'schema.json'), (t) => (t.schema = schema as 1)));
      expect(error.code, String(schema)).toBe('E_TWIN_DAMAGED');
      expect(error.params.detail).toBe(`schema ${JSON.stringify(schema)}`);
    }
  });

  it('a device, a pipe or a file larger than a twin can be is not read', () => {
    expect(damaged('/dev/zero').params.detail).toBe('not a regular file');
    const big = join(dir, 'big.json');
    writeFileSync(big, Buffer.alloc(9 * 1024 * 1024, 0x20));
    expect(damaged(big).params.detail).toBe(`${9 * 1024 * 1024} bytes, a twin is at most 8 MB`);
  });

  it('a database or server listed twice counts once', async () => {
    const doubled = resealed(twin, join(dir, 'doubled.json'), (t) => {
      const server = t.facts.sql[0]!;
      server.databases.push({ ...server.databases[0]!, name: server.databases[0]!.name.toLowerCase() });
      t.facts.sql.push(structuredClone(server));
    });
    const read = readTwin(doubled);
    expect(read.facts.sql).toHaveLength(twin.facts.sql.length);
    expect(read.facts.sql[0]!.databases).toEqual(twin.facts.sql[0]!.databases);
    const planOf = (twinFile: string) =>
      cliInProcess(['plan', '--twin', twinFile, '--target', 'C', '--format', 'json', '--lang', 'en']);
    const plain = await planOf(file);
    const twice = await planOf(doubled);
    expect(twice.code, twice.stderr).toBe(0);
    expect(JSON.parse(twice.stdout).forecast).toEqual(JSON.parse(plain.stdout).forecast);
  });
});
