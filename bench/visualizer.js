// Benchmark (4) and (5): the visualizer in Debian's Chromium against `xpmigrate ui`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { openDb, Store } from '../dist/src/persistence/index.js';

const CLI = fileURLToPath(new URL('../bin/xpmigrate.js', import.meta.url));
const ROUNDS = 30;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A V5 → V9 run waits at the V6 update; `xpmigrate ui` serves it. (5) the first render of the
 * full chart, from navigation start; (4) from a commit in the store to the page showing it.
 */
export async function visualizerFigures() {
  const dir = mkdtempSync(join(tmpdir(), 'xpm-bench-ui-'));
  const state = join(dir, 'state.db');
  spawnSync(process.execPath, [CLI, 'start', '--simulate', '--from', '5', '--target', 'A', '--state', state]);
  const ui = spawn(process.execPath, [CLI, 'ui', '--state', state, '--lang', 'en']);
  const url = await new Promise((resolve, reject) => {
    let out = '';
    ui.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      const m = /http:\/\/\S+token=[\w-]+/.exec(out);
      if (m) resolve(m[0]);
    });
    ui.on('exit', () => reject(new Error(out)));
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const firstRenders = [];
    let page;
    for (let i = 0; i < 5; i++) {
      page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
      await page.goto(url);
      await page.waitForFunction(() => window.xpmigrate?.chartAt >= 0);
      firstRenders.push(await page.evaluate(() => window.xpmigrate.chartAt));
      if (i < 4) await page.close();
    }
    const nodes = await page.locator('svg .node').count();

    const store = new Store(openDb(state));
    const runId = store.runs().at(-1).id;
    const latencies = [];
    for (let i = 0; i < ROUNDS; i++) {
      const last = store.lastCheckpoint(runId);
      const t0 = Date.now();
      const seq = store.commit(runId, {
        event: 'BENCH',
        state: last.state,
        snapshot: last.snapshot,
        status: last.status,
        journal: [{ kind: 'bench', who: 'bench', detail: { round: i } }],
      });
      await page.waitForFunction((s) => window.xpmigrate.shown[s] !== undefined, seq, { polling: 5 });
      latencies.push((await page.evaluate((s) => window.xpmigrate.shown[s], seq)) - t0);
      await sleep(30 + ((i * 17) % 50)); // commits land anywhere in the poll interval
    }
    store.db.close();
    const sorted = (xs) => [...xs].sort((a, b) => a - b);
    return {
      nodes,
      firstRender: sorted(firstRenders)[2],
      latencyMedian: sorted(latencies)[Math.floor(ROUNDS / 2)],
      latencyMax: Math.max(...latencies),
    };
  } finally {
    await browser.close();
    // The server reopens its store while it lives: remove the folder once it has exited.
    const exited = new Promise((resolve) => ui.once('exit', resolve));
    ui.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}
