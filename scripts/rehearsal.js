#!/usr/bin/env node
// The README's main job: a full rehearsal of V5 → V9 with plan A (hops included), or of V8 → V9
// plan C with --plan-c, against the simulated server and its simulated SQL Servers, in a
// throwaway state file. Each reboot really ends the process; the next
// `xpmigrate resume` plays the scheduled task that a real server runs at startup.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../bin/xpmigrate.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'xpmigrate-rehearsal-'));
const state = join(dir, 'state.db');
// `--plan-c`: V8 → V9 plan C instead (databases on an external SQL Server).
const planC = process.argv.includes('--plan-c');
const extra = process.argv.slice(2).filter((a) => a !== '--plan-c');
const run = (args, on = state) =>
  spawnSync(process.execPath, [cli, ...args, '--state', on, ...extra], { stdio: 'inherit' }).status;

const route = planC
  ? ['--target', 'C', '--virtual', 'no']
  : ['--target', 'A', '--virtual', 'yes', '--analytics', 'yes'];
// First, as a partner would on the customer's server: its twin (here the simulated old server,
// its SQL Express with three nights of backups in msdb), read-only. The rehearsal starts from it,
// and its forecast names the downtime.
const twin = join(dir, 'twin.json');
const customer = join(dir, 'customer.db');
const from = planC ? '8.0.100' : '5.0.100';
run(['twin', 'collect', '--simulate', '--sim-version', from, '--out', twin], customer);
let code = run(['start', ...route, '--twin', twin, '--simulate', '--auto-confirm']);
let reboots = 0;
while (code === 4 && reboots < 10) {
  reboots += 1;
  console.log(`\n--- simulated reboot ${reboots}: the startup task runs "xpmigrate resume" ---\n`);
  code = run(['resume', '--auto-confirm']);
}
console.log(
  `\nRehearsal ${code === 0 ? 'finished' : `stopped with exit code ${code}`} after ${reboots} reboot(s).`,
);
console.log(`The customer's twin: ${twin} (npx xpmigrate plan --twin ${twin} --target ${planC ? 'C' : 'A'})`);
console.log('Look at it with (`ui` serves the live statechart, checklist and journal in the browser):');
for (const cmd of [
  'status',
  'history',
  'snapshots',
  'report --format markdown',
  'sim',
  'runs',
  'atlas show --simulate',
  'ui',
])
  console.log(`  npx xpmigrate ${cmd} --state ${state}`);
process.exitCode = code ?? 1;
