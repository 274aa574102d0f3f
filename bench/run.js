#!/usr/bin/env node
// Benchmarks (not tests): they print figures. `npm run bench` builds first.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb, Store } from '../dist/src/persistence/index.js';
import { buildPlan } from '../dist/src/plan/index.js';
import { createRun } from '../dist/src/runtime/index.js';
import { nodeRuntime } from '../scripts/node-runtime.js';
import { diagnoseLongLineFigures, importLongLineFigures, usersCsvFigures } from './large-inputs.js';
import { exportSizeFigures, splitterFigures } from './sql-script.js';
import { BENCH_SETTINGS, BLOCK, runtimeTransitions, tmp } from './transition.js';
import { visualizerFigures } from './visualizer.js';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * (8) What the driver asks the store per transition — the step's next attempt and its open intent
 * (Store.lastAttempt's index), the inbox — and the commit itself, on a run of 10,000 checkpoints
 * against one of 100 in the same store. Timed in alternating pairs, so that both see the same disk.
 */
function bookkeepingAtSize() {
  const plan = buildPlan({ from: '8', target: 'B' });
  const store = new Store(openDb(join(tmp(), 'state.db')));
  const steps = ['v8v9.backup', 'v8v9.cutover-backup', 'v8v9.12.restore', 'v8v9.2a.databases'];
  const grow = (checkpoints) => {
    const runId = createRun(store, plan, BENCH_SETTINGS, true);
    const last = store.lastCheckpoint(runId);
    const attempts = new Map();
    const fill = store.db.transaction((n) => {
      for (let k = 0; k < n; k++) {
        const stepId = steps[k % steps.length];
        const attempt = (attempts.get(stepId) ?? 0) + 1;
        attempts.set(stepId, attempt);
        store.commit(runId, {
          event: 'FILL',
          state: last.state,
          snapshot: last.snapshot,
          status: 'running',
          journal: [{ kind: 'step-done', stepId, attempt, who: 'bench', detail: {} }],
          intent: { stepId, attempt, input: { k } },
          outcome: { stepId, attempt, outcome: 'done', result: {} },
        });
      }
    });
    fill(checkpoints);
    return { runId, last };
  };
  const small = grow(100);
  const large = grow(10_000);
  let k = 0;
  const transition = ({ runId, last }) => {
    const stepId = steps[k++ % steps.length];
    const t0 = process.hrtime.bigint();
    const attempt = store.nextAttempt(runId, stepId);
    store.openIntent(runId, stepId);
    store.pendingCommands(runId);
    store.commit(runId, {
      event: 'BENCH',
      state: last.state,
      snapshot: last.snapshot,
      status: 'running',
      journal: [{ kind: 'step-started', stepId, attempt, who: 'bench', detail: {} }],
      intent: { stepId, attempt, input: {} },
      outcome: { stepId, attempt: attempt - 1, outcome: 'done', result: {} },
    });
    const t1 = process.hrtime.bigint();
    return Number(t1 - t0);
  };
  const readsOnly = ({ runId }) => {
    const stepId = steps[k++ % steps.length];
    const t0 = process.hrtime.bigint();
    store.nextAttempt(runId, stepId);
    store.openIntent(runId, stepId);
    store.pendingCommands(runId);
    return Number(process.hrtime.bigint() - t0);
  };
  for (let i = 0; i < 300; i++) transition(i % 2 ? small : large);
  let s = 0;
  let l = 0;
  let rs = 0;
  let rl = 0;
  for (let i = 0; i < 2000; i++) {
    s += transition(small);
    l += transition(large);
    rs += readsOnly(small);
    rl += readsOnly(large);
  }
  // The full scan the driver made before the index, for scale.
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 20; i++) store.attempts(large.runId);
  const scan = Number(process.hrtime.bigint() - t0) / 20;
  return {
    small: s / 2000 / 1e6,
    large: l / 2000 / 1e6,
    ratio: l / s,
    readsSmall: rs / 2000 / 1e3,
    readsLarge: rl / 2000 / 1e3,
    scan: scan / 1e6,
  };
}

/** (2) `xpmigrate resume` on a run with 1,000 journal rows, against a bare `node -e ''`. */
function resumeTime() {
  const cli = fileURLToPath(new URL('../bin/xpmigrate.js', import.meta.url));
  const state = join(tmp(), 'state.db');
  spawnSync(process.execPath, [cli, 'start', '--from', '8', '--target', 'B', '--simulate', '--state', state]);
  const store = new Store(openDb(state));
  const runId = store.runs()[0].id;
  store.journal(
    runId,
    Array.from({ length: 1000 }, (_, i) => ({ kind: 'bench', who: 'bench', detail: { i } })),
  );
  store.db.close();
  const time = (args) => {
    const t = process.hrtime.bigint();
    spawnSync(process.execPath, args);
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  const resume = median(Array.from({ length: 7 }, () => time([cli, 'resume', '--state', state])));
  const bare = median(Array.from({ length: 7 }, () => time(['-e', ''])));
  return { resume, bare, ratio: resume / bare };
}

/**
 * (2b) The CLI's start: `--version` and `plan` against a bare `node -e ''`, paired whole-process
 * runs (each command, then node, nine times; medians), since every operator command pays it.
 */
function cliStartTimes() {
  const cli = fileURLToPath(new URL('../bin/xpmigrate.js', import.meta.url));
  const time = (args) => {
    const t = process.hrtime.bigint();
    spawnSync(process.execPath, args);
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  const runs = { version: [], plan: [], bare: [] };
  for (let i = 0; i < 9; i++) {
    runs.version.push(time([cli, '--version']));
    runs.plan.push(time([cli, 'plan', '--from', '8', '--target', 'B']));
    runs.bare.push(time(['-e', '']));
  }
  const bare = median(runs.bare);
  return { version: median(runs.version), plan: median(runs.plan), bare };
}

/**
 * (3) The log analyser on a generated 200 MB Backup-Manager log (German, umlauts, continuation
 * lines, a problem every 5,000 messages), in a process of its own: throughput and peak RSS.
 */
function diagnoseThroughput() {
  const file = join(tmp(), 'big.log');
  const fd = openSync(file, 'w');
  const block = [];
  for (let i = 0; i < 5000; i++) {
    block.push(
      `23.01.2021 22:39:${String(i % 60).padStart(2, '0')} INF Sicherung der Datenbank XPDATA läuft, Schritt ${i} – Prüfsumme ok`,
    );
    if (i % 7 === 0) block.push('  Fortsetzung ohne Zeitstempel: Größe 1.234.567 Bytes');
  }
  block.push('23.01.2021 22:39:49 ERR SQLHelper.SaveDatabase Cannot open backup device');
  block.push("'\\\\sqlserver\\backupshare\\XPHONE_UC'. Operating system error 5(Zugriff verweigert).");
  const chunk = Buffer.from(`${block.join('\r\n')}\r\n`, 'utf8');
  while (statSync(file).size < 200 * 1024 * 1024) for (let i = 0; i < 10; i++) writeSync(fd, chunk);
  closeSync(fd);
  const mb = statSync(file).size / 1024 / 1024;
  const child = `
    import { diagnose } from ${JSON.stringify(new URL('../dist/src/diagnose/index.js', import.meta.url).href)};
    let peak = 0;
    const sample = () => { peak = Math.max(peak, process.memoryUsage().rss); };
    const timer = setInterval(sample, 20);
    const t = process.hrtime.bigint();
    const { findings } = await diagnose(${JSON.stringify(file)}, 'en');
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    clearInterval(timer); sample();
    console.log(JSON.stringify({ ms, peak, findings: findings.map((f) => f.count) }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8' });
  const out = JSON.parse(r.stdout);
  return { mb, seconds: out.ms / 1000, peakMb: out.peak / 1024 / 1024, counts: out.findings };
}

const transitionLine = (t, driver) =>
  `durable transition on ${driver}: runtime ${t.runtime.toFixed(3)} ms (send and snapshot JSON ${t.machine.toFixed(3)} ms, commit ${(t.runtime - t.machine).toFixed(3)} ms), bare ${driver} ${t.bare.toFixed(3)} ms, ratio ${t.ratio.toFixed(2)} (blocks of ${BLOCK}: ${t.low.toFixed(2)}–${t.high.toFixed(2)}; target ≤ 1.25)`;
console.log(transitionLine(await runtimeTransitions('better-sqlite3'), 'better-sqlite3'));
// node:sqlite needs the bundle's Node.js (22.5+); it is fetched from the npm registry as the bundle's is.
try {
  const node = nodeRuntime('linux-x64').exe;
  const r = spawnSync(node, [fileURLToPath(new URL('./transition.js', import.meta.url)), 'node:sqlite'], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr.trim());
  console.log(
    `${transitionLine(JSON.parse(r.stdout), 'node:sqlite')} (Node ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()})`,
  );
} catch (error) {
  console.log(`durable transition on node:sqlite: not measured (${error.message})`);
}
const b = bookkeepingAtSize();
console.log(
  `per transition at 10,000 checkpoints: ${b.large.toFixed(3)} ms against ${b.small.toFixed(3)} ms at 100, ratio ${b.ratio.toFixed(2)} (target ≤ 1.10); the store's reads alone ${b.readsLarge.toFixed(1)} µs against ${b.readsSmall.toFixed(1)} µs (reading every checkpoint, as the driver did before: ${b.scan.toFixed(1)} ms)`,
);
const r = resumeTime();
console.log(
  `resume (1,000 journal rows): ${r.resume.toFixed(0)} ms, node -e '' ${r.bare.toFixed(0)} ms, ratio ${r.ratio.toFixed(2)} (target ≤ 4)`,
);
const c = cliStartTimes();
console.log(
  `CLI start: --version ${c.version.toFixed(0)} ms, plan ${c.plan.toFixed(0)} ms, node -e '' ${c.bare.toFixed(0)} ms: ratios ${(c.version / c.bare).toFixed(2)} (target ≤ 1.5) and ${(c.plan / c.bare).toFixed(2)} (target ≤ 2)`,
);
const d = diagnoseThroughput();
console.log(
  `diagnose ${d.mb.toFixed(0)} MB log: ${d.seconds.toFixed(1)} s, ${(d.mb / d.seconds).toFixed(0)} MB/s, peak RSS ${d.peakMb.toFixed(0)} MB (target < 150 MB), findings ${d.counts.join('/')}`,
);
const v = await visualizerFigures();
console.log(
  `visualizer: transition → page ${v.latencyMedian.toFixed(0)} ms median, ${v.latencyMax.toFixed(0)} ms max (target < 200 ms); first render of the V5 → V9 chart (${v.nodes} states) ${v.firstRender.toFixed(0)} ms from navigation start (target < 1 s)`,
);
console.log(
  `visualizer: click → next prompt ${v.clickMedian} ms median, ${v.clickMax} ms max over ${v.clicks} clicks (confirm and resume through a V5 → V9 rehearsal; target: median < 300 ms)`,
);
const s = splitterFigures();
console.log(
  `import splitter on a generated ${s.mb.toFixed(0)} MB script: ${s.seconds.toFixed(1)} s, ${(s.mb / s.seconds).toFixed(0)} MB/s, ${s.batches} batches, peak RSS ${s.peakMb.toFixed(0)} MB (target < 200 MB)`,
);
const e = await exportSizeFigures();
console.log(
  `export-db script for ${e.rows.toLocaleString('en')} rows: ${(e.ourBytes / 1048576).toFixed(1)} MB in ${e.ourInserts} INSERT statements (${e.batches} batches, ${(e.ms / 1000).toFixed(1)} s); one INSERT per row: ${(e.ssmsBytes / 1048576).toFixed(1)} MB in ${e.ssmsInserts.toLocaleString('en')} statements (size ratio ${(e.ourBytes / e.ssmsBytes).toFixed(2)})`,
);
const u = usersCsvFigures();
console.log(
  `users-csv on a ${u.mb.toFixed(0)} MB file (${u.rows.toLocaleString('en')} rows): exit ${u.exit}, ${u.seconds.toFixed(1)} s, ${(u.mb / u.seconds).toFixed(0)} MB/s, peak RSS ${u.peak.toFixed(0)} MB (target < 150 MB)`,
);
const g = diagnoseLongLineFigures();
console.log(
  `diagnose on a single ${g.largeMb.toFixed(0)} MB line: ${g.large.seconds.toFixed(1)} s, peak RSS ${g.large.peak.toFixed(0)} MB (target < 150 MB); per MB against a ${g.smallMb.toFixed(0)} MB line (${g.small.seconds.toFixed(1)} s): ratio ${g.ratio.toFixed(2)} (linear ≈ 1)`,
);
const l = importLongLineFigures();
console.log(
  `import-db --dry-run on a single ${l.mb.toFixed(0)} MB line: exit ${l.exit} after ${l.seconds.toFixed(1)} s, peak RSS ${l.peak.toFixed(0)} MB; ${l.message.trim()}`,
);
