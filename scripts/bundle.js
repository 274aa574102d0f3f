#!/usr/bin/env node
// npm run bundle -- --platform win32-x64|linux-x64 [--out DIR]
// One zip for an offline customer server: its own Node.js LTS (from the npm registry's
// node-<platform> package), the built app with its production dependencies, no native module
// that needs a compiler (the store uses node:sqlite there; msnodesqlv8 ships its prebuilt
// binaries), a launcher that runs the bundled Node by its own path, and INSTALL.md.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installText, launcherCmd, launcherSh } from './bundle-files.js';
import { NODE_VERSION, nodeRuntime, PLATFORMS } from './node-runtime.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function fail(message) {
  console.error(`bundle: ${message}`);
  process.exit(2);
}

function option(name) {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? undefined : process.argv[at + 1];
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 900_000 });
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} failed:\n${(r.stderr || r.stdout).trim()}`);
  return r.stdout;
}

/** Every package under node_modules, nested ones too. */
function packages(dir) {
  const found = [];
  if (!existsSync(dir)) return found;
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    if (name.startsWith('@')) {
      found.push(...packages(path));
      continue;
    }
    if (existsSync(join(path, 'package.json'))) found.push(path, ...packages(join(path, 'node_modules')));
  }
  return found;
}

/**
 * A package that builds itself at install (install scripts, binding.gyp) needs a compiler on the
 * target, unless it ships a prebuilt binary for the target's platform: those are refused.
 */
function needsCompiler(dir, platform) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const scripts = pkg.scripts ?? {};
  const builds =
    ['preinstall', 'install', 'postinstall'].some((s) => scripts[s]) || existsSync(join(dir, 'binding.gyp'));
  if (!builds) return false;
  const prebuilt = join(dir, 'prebuilds', platform);
  return !(existsSync(prebuilt) && readdirSync(prebuilt).some((f) => f.endsWith('.node')));
}

const platform = option('platform');
if (!platform || !PLATFORMS.includes(platform))
  fail(`--platform must be one of ${PLATFORMS.join(', ')} (given: ${platform ?? 'none'})`);
const nodeVersion = option('node') ?? NODE_VERSION;
const outDir = resolve(option('out') ?? join(ROOT, 'bundle'));
const app = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'index.js'))) fail('dist/ is missing: npm run build first');

let runtime;
try {
  runtime = nodeRuntime(platform, nodeVersion);
} catch (error) {
  fail(error.message);
}

const name = `xpmigrate-${app.version}-${platform}`;
const stage = join(mkdtempSync(join(tmpdir(), 'xpm-bundle-')), name);
const appDir = join(stage, 'app');
mkdirSync(join(appDir, 'visualizer'), { recursive: true });
cpSync(join(ROOT, 'bin'), join(appDir, 'bin'), { recursive: true });
cpSync(join(ROOT, 'dist'), join(appDir, 'dist'), { recursive: true });
for (const f of ['index.html', 'style.css'])
  copyFileSync(join(ROOT, 'visualizer', f), join(appDir, 'visualizer', f));
copyFileSync(join(ROOT, 'package-lock.json'), join(appDir, 'package-lock.json'));
// The bundle's store runs on node:sqlite: better-sqlite3 (a native module built per Node) stays out.
const { devDependencies: _dev, scripts: _scripts, ...manifest } = app;
delete manifest.dependencies['better-sqlite3'];
delete manifest.allowScripts;
writeFileSync(join(appDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
// Production dependencies as locked, no install scripts run (nothing is built here for the target).
run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], appDir);
rmSync(join(appDir, 'package-lock.json'), { force: true });

const compile = packages(join(appDir, 'node_modules')).filter((dir) => needsCompiler(dir, platform));
if (compile.length > 0)
  fail(
    `these dependencies would need a compiler on the target (no prebuilt ${platform} binary):\n  ${compile
      .map((d) => relative(appDir, d))
      .join('\n  ')}`,
  );
if (existsSync(join(appDir, 'node_modules', 'better-sqlite3')))
  fail('better-sqlite3 must not be in the bundle');

// The runtime: node.exe beside the launcher's node\ folder on Windows, node/bin/node elsewhere.
const windows = platform === 'win32-x64';
if (windows) {
  mkdirSync(join(stage, 'node'), { recursive: true });
  copyFileSync(runtime.exe, join(stage, 'node', 'node.exe'));
} else {
  mkdirSync(join(stage, 'node', 'bin'), { recursive: true });
  copyFileSync(runtime.exe, join(stage, 'node', 'bin', 'node'));
  chmodSync(join(stage, 'node', 'bin', 'node'), 0o755);
}
if (existsSync(join(runtime.dir, 'LICENSE')))
  copyFileSync(join(runtime.dir, 'LICENSE'), join(stage, 'node', 'LICENSE'));
if (windows) writeFileSync(join(stage, 'xpmigrate.cmd'), launcherCmd(nodeVersion).replace(/\n/g, '\r\n'));
else {
  writeFileSync(join(stage, 'xpmigrate'), launcherSh(nodeVersion));
  chmodSync(join(stage, 'xpmigrate'), 0o755);
}
writeFileSync(
  join(stage, 'INSTALL.md'),
  installText({ version: app.version, platform, nodeVersion, zip: `${name}.zip` }),
);

mkdirSync(outDir, { recursive: true });
const zip = join(outDir, `${name}.zip`);
rmSync(zip, { force: true });
// zip's default level: -9 made the zip 0.6 % smaller (44.3 against 44.6 MB) in 2.7 times the time.
run('zip', ['-r', '-X', '-q', zip, name], join(stage, '..'));
rmSync(join(stage, '..'), { recursive: true, force: true });
const sha = createHash('sha256').update(readFileSync(zip)).digest('hex');
writeFileSync(`${zip}.sha256`, `${sha}  ${name}.zip\n`);
console.log(`${zip}\n  ${(statSync(zip).size / 1048576).toFixed(1)} MB, SHA-256 ${sha} (${zip}.sha256)`);
