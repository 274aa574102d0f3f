// Benchmarks (4), (5) and (9): the visualizer in Debian's Chromium against `xpmigrate ui`.
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
 * The operator's part of the waiting step, done on the simulated server before the click (the V6
 * setup, the Backup-Manager's backup): `sim --do` does it and names the evidence to type in.
 */
function operatorDoes(state) {
  const r = spawnSync(process.execPath, [CLI, 'sim', '--do', '--json', '--state', state], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`sim --do: ${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout).evidence;
}

/**
 * (9) The operator's click → the page showing what comes next: Confirm on a waiting step (with its
 * evidence typed in), Resume after a reboot. The page's actions run in the ui's own process (no
 * `xpmigrate resume` child any more). Goes through the run until it fails, ends or 40 clicks.
 */
async function clickToPrompt(page, url, state) {
  const token = new URL(url).searchParams.get('token');
  const view = async () =>
    (await (await fetch(new URL('/api/view', url), { headers: { 'X-Xpmigrate-Token': token } })).json()).view;
  const times = [];
  /** Where the run stands once nobody drives it (a drive in the ui's process shows as its lock). */
  const settled = async () => {
    for (;;) {
      const v = await view();
      if (!v.lock) return v;
      await sleep(10);
    }
  };
  for (let i = 0; i < 40; i++) {
    const v = await settled();
    if (v.status === 'done' || v.prompt?.failure) break;
    const t0 = Date.now();
    if (v.prompt?.actions.includes('confirm')) {
      const step = v.prompt.stepId;
      const evidence = operatorDoes(state);
      for (const f of v.prompt.evidence)
        await page.fill(`#prompt [data-evidence="${f.key}"]`, evidence[f.key] ?? '');
      const start = Date.now();
      await page.click('#prompt [data-action="confirm"]');
      await page.waitForFunction(
        (id) =>
          document.querySelector('#prompt h3')?.getAttribute('data-step') !== id ||
          !!document.querySelector('#resume'),
        step,
        { polling: 5 },
      );
      times.push(Date.now() - start);
    } else if (v.status === 'waiting-reboot' || v.status === 'running') {
      await page.locator('#resume').waitFor();
      const start = Date.now();
      await page.click('#resume');
      await page.waitForFunction(
        () =>
          !!document.querySelector('#prompt h3') ||
          document.querySelector('#status')?.getAttribute('data-status') === 'done',
        null,
        { polling: 5 },
      );
      times.push(Date.now() - start);
    } else break;
    if (Date.now() - t0 > 30_000) break;
    await sleep(50);
  }
  return times;
}

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
    const clicks = await clickToPrompt(page, url, state);
    const sorted = (xs) => [...xs].sort((a, b) => a - b);
    return {
      nodes,
      firstRender: sorted(firstRenders)[2],
      latencyMedian: sorted(latencies)[Math.floor(ROUNDS / 2)],
      latencyMax: Math.max(...latencies),
      clicks: clicks.length,
      clickMedian: sorted(clicks)[Math.floor(clicks.length / 2)],
      clickMax: Math.max(...clicks),
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
