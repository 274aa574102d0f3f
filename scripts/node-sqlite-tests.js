#!/usr/bin/env node
// npm run test:node-sqlite: the store's tests, the crash matrix's hop path and DB move (every kill
// point, in-process) and its real SIGKILLs, and the service's run, under the Node.js the offline bundle carries, on node:sqlite
// (XPMIGRATE_SQLITE=node:sqlite: better-sqlite3 is never loaded). The runtime comes from the npm
// registry as the bundle's does (scripts/node-runtime.js).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { nodeRuntime } from './node-runtime.js';

const root = fileURLToPath(new URL('..', import.meta.url));
let node;
try {
  node = nodeRuntime('linux-x64').exe;
} catch (error) {
  console.error(`test:node-sqlite: ${error.message}`);
  process.exit(2);
}
const vitest = (args) =>
  spawnSync(node, ['node_modules/vitest/vitest.mjs', 'run', ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, XPMIGRATE_SQLITE: 'node:sqlite' },
  }).status ?? 1;
const store = vitest([
  'test/persistence/store.test.ts',
  'test/persistence/lock.test.ts',
  'test/persistence/clock.test.ts',
  'test/persistence/sqlite.test.ts',
  'test/service/run-service.test.ts',
]);
const crashes = vitest([
  'test/runtime/crash-matrix.test.ts',
  'test/runtime/crash-matrix-long.test.ts',
  '-t',
  'V5 → V8 hops|DB move|real SIGKILL',
]);
process.exit(store || crashes);
