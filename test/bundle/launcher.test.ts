import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: the bundle's builder is plain JavaScript
import { launcherSh } from '../../scripts/bundle-files.js';

/** An unpacked bundle whose "node" (a shell script) says what it was started with. */
function unpacked(): string {
  const home = join(mkdtempSync(join(tmpdir(), 'xpm-launcher-')), 'xpmigrate-linux-x64');
  mkdirSync(join(home, 'node', 'bin'), { recursive: true });
  mkdirSync(join(home, 'app', 'bin'), { recursive: true });
  writeFileSync(join(home, 'node', 'bin', 'node'), '#!/bin/sh\necho "node $*"\n');
  chmodSync(join(home, 'node', 'bin', 'node'), 0o755);
  writeFileSync(join(home, 'app', 'bin', 'xpmigrate.js'), '');
  writeFileSync(join(home, 'xpmigrate'), (launcherSh as (v: string) => string)('24.21.0'));
  chmodSync(join(home, 'xpmigrate'), 0o755);
  return home;
}

describe.skipIf(process.platform === 'win32')('the Linux launcher', () => {
  it('needs nothing on PATH: started with PATH empty, it finds its own Node.js', () => {
    const home = unpacked();
    const r = spawnSync(join(home, 'xpmigrate'), ['--version'], { env: { PATH: '' }, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(`node ${join(home, 'app', 'bin', 'xpmigrate.js')} --version`);
  });

  it('started through a link in another folder (absolute or relative), runs the bundle the link points to', () => {
    const home = unpacked();
    const bin = mkdtempSync(join(tmpdir(), 'xpm-bin-'));
    symlinkSync(join(home, 'xpmigrate'), join(bin, 'xpmigrate'));
    symlinkSync(join('..', ...home.split('/').slice(-2), 'xpmigrate'), join(bin, 'relative'));
    for (const name of ['xpmigrate', 'relative']) {
      const r = spawnSync(join(bin, name), ['status'], { env: { PATH: '/usr/bin:/bin' }, encoding: 'utf8' });
      expect(r.stderr, name).toBe('');
      expect(r.stdout.trim(), name).toBe(`node ${join(home, 'app', 'bin', 'xpmigrate.js')} status`);
    }
  });
});
