import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { XpmError } from '../../src/errors/index.js';
import { writeAtomicWith } from '../../src/host/index.js';
import { cliInProcess } from '../support/cli.js';
import { twinCollect } from '../support/runs.js';

// Issue 23, item 10: an output path the user typed is taken as typed. A missing folder is not
// created, a folder is not a file, and a failed write leaves neither half a file nor a temp file.
const CSV = fileURLToPath(new URL('../fixtures/users-csv/valid-tab.utf16le.csv', import.meta.url));

/** users-csv writing its re-encoded copy to `out`. */
const convertCsv = (out: string) =>
  cliInProcess(['users-csv', CSV, '--convert-to', 'utf-8-bom', '--out', out]);

describe('--out', () => {
  it('into a missing folder is refused and the folder is not created', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xpm-out-'));
    const out = join(dir, 'typo', 'users.csv');
    const csv = await cliInProcess([
      'users-csv',
      CSV,
      '--convert-to',
      'utf-8-bom',
      '--out',
      out,
      '--lang',
      'en',
    ]);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain('[E_OUT_FOLDER_MISSING]');
    expect(existsSync(join(dir, 'typo'))).toBe(false);
    const exported = await cliInProcess([
      ...['export-db', '--server', 'SQLSRV01\\XPHONE', '--database', 'XPDATA', '--target-version', '2019'],
      ...['--out', out, '--simulate', '--state', join(dir, 'state.db'), '--lang', 'de'],
    ]);
    expect(exported.code).toBe(2);
    expect(exported.stderr).toContain('[E_OUT_FOLDER_MISSING]');
    expect(exported.stderr).toContain('existiert nicht');
    expect(existsSync(join(dir, 'typo'))).toBe(false);
  });

  it('naming a folder is a clear error, not EISDIR, and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xpm-out-'));
    mkdirSync(join(dir, 'users.csv'));
    const r = await convertCsv(join(dir, 'users.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[E_OUT_IS_FOLDER]');
    expect(r.stderr).not.toMatch(/EISDIR|internal/i);
    expect(readdirSync(dir)).toEqual(['users.csv']);
  });

  it('twin collect follows the same rules: no folder made, a folder is no file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xpm-out-'));
    const collect = (out: string) => twinCollect(join(dir, 'state.db'), out);
    const missing = await collect(join(dir, 'typo', 'twin.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('[E_OUT_FOLDER_MISSING]');
    expect(existsSync(join(dir, 'typo'))).toBe(false);
    mkdirSync(join(dir, 'twin.json'));
    const folder = await collect(join(dir, 'twin.json'));
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('[E_OUT_IS_FOLDER]');
    expect(folder.stderr).not.toMatch(/EISDIR/);
  });

  it('through a symbolic link writes where it points; the link stays a link', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xpm-out-'));
    mkdirSync(join(dir, 'share'));
    writeFileSync(join(dir, 'share', 'users.csv'), 'old');
    symlinkSync(join(dir, 'share', 'users.csv'), join(dir, 'users.csv'));
    const r = await convertCsv(join(dir, 'users.csv'));
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(join(dir, 'users.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'share', 'users.csv'), 'utf8')).not.toBe('old');
    expect(readdirSync(join(dir, 'share'))).toEqual(['users.csv']);
  });

  it('a write that fails halfway keeps the old file and removes the temporary one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xpm-out-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, 'old');
    let error: unknown;
    try {
      writeAtomicWith(file, (write) => {
        write(Buffer.from('new, half'));
        throw new XpmError('E_OUT_WRITE', { file, reason: 'disk full (simulated)' });
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XpmError);
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['report.html']);
  });
});

describe('--out naming the state store', () => {
  it('is refused for the store, its WAL and its shared memory, by every command that writes one; the store stays whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xpm-out-'));
    const state = join(dir, 'state.db');
    const started = await cliInProcess([
      ...['start', '--from', '8', '--target', 'C', '--simulate', '--auto-confirm', '--state', state],
    ]);
    expect(started.code, started.stderr).toBe(0);
    const before = readFileSync(state);
    const outputs = [state, `${state}-wal`, `${state}-shm`];
    const commands = (out: string) => [
      ['report', '--state', state, '--out', out],
      ['twin', 'collect', '--simulate', '--state', state, '--out', out],
      ['users-csv', CSV, '--convert-to', 'utf-8-bom', '--out', out],
      [
        ...['export-db', '--server', 'OLDXPHONE\\XPCONNECT', '--database', 'XPDATA'],
        ...['--target-version', '2019', '--simulate', '--state', state, '--out', out],
      ],
    ];
    for (const out of outputs) {
      for (const args of commands(out)) {
        const r = await cliInProcess([...args, '--lang', 'en']);
        expect(r.code, `${args.join(' ')}: ${r.stdout}${r.stderr}`).toBe(2);
        expect(r.stderr, args.join(' ')).toContain('[E_OUT_IS_DATABASE]');
      }
    }
    expect(readFileSync(state).equals(before)).toBe(true);
    expect(existsSync(`${state}-wal`) && readFileSync(`${state}-wal`).length > 0).toBe(false);
    const status = await cliInProcess(['status', '--json', '--state', state]);
    expect(JSON.parse(status.stdout)).toMatchObject({ state: 'done' });
  });
});
