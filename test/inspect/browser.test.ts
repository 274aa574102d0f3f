import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { operatorDoes, operatorInstalled, status, tempState } from '../support/runs.js';
import { startUi } from '../support/ui.js';

/** Where the screenshot goes: CI keeps test-artifacts/ as the run's artifacts. */
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

describe('the visualizer in Chromium', () => {
  let state: string;
  let ui: { child: ChildProcess; url: string };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    state = tempState();
    const r = runCli([
      'start',
      '--simulate',
      '--from',
      '5',
      '--target',
      'A',
      '--state',
      state,
      '--lang',
      'en',
    ]);
    expect(r.code, r.stderr).toBe(3);
    expect((await operatorDoes(state)).code).toBe(3); // the Backup-Manager's backup: on to the V6 update
    ui = await startUi(state);
    // Debian's Chromium, never a downloaded browser; no sandbox, because CI runs as root.
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    ui?.child.kill('SIGTERM');
  });

  const step = (id: string) => page.locator(`#checklist li[data-step="${id}"]`);

  it('refuses the page without the token', async () => {
    const bare = ui.url.replace(/\?token=.*$/, '');
    const res = await page.goto(bare);
    expect(res?.status()).toBe(401);
    expect(await page.textContent('body')).toContain('E_UI_TOKEN');
    expect((await page.goto(`${bare}api/view`))?.status()).toBe(401);
  });

  it('shows the active state and the waiting prompt, and refuses what the server contradicts', async () => {
    await page.goto(ui.url);
    await page.locator('#prompt h3[data-step="hop.v5v6.update"]').waitFor();
    expect(await page.locator('#status').textContent()).toBe('waiting for you');
    // The header leads with now: where the run is, what it waits for, how long it has taken.
    const now = await page.locator('#now').textContent();
    expect(now).toMatch(
      /^Step \d+ of \d+ · waits for you: Install the major update V5 → V6 · .+ so far, about .+ per finished step$/,
    );
    const [, n, total] = /^Step (\d+) of (\d+)/.exec(now!)!;
    expect(Number(n)).toBe((await status(state)).stepsDone + 1);
    expect(Number(total)).toBe((await status(state)).stepsTotal);
    // The map first: the path with its steps' titles and states; the statechart a tab away.
    const mapStep = page.locator('#map .map-step[data-step="hop.v5v6.update"]');
    expect(await mapStep.getAttribute('class')).toContain('current');
    expect(await mapStep.getAttribute('data-status')).toBe('waiting');
    expect(await mapStep.locator('.title').textContent()).toBe('Install the major update V5 → V6');
    // Where the step runs: the hops update the existing server, by the name the run knows.
    expect(await mapStep.locator('.where').textContent()).toBe('on: existing XPhone server OLDXPHONE');
    expect(await step('handover.to-new').locator('.where').textContent()).toBe(
      'on: existing XPhone server OLDXPHONE',
    );
    expect(await step('v8v9.6.install-xphone').locator('.where').textContent()).toBe('on: new XPhone server');
    expect(await page.locator('#map .map-step').count()).toBe(
      await page.locator('#checklist li.step').count(),
    );
    expect(await page.locator('#map .map-note').textContent()).toContain(
      'From every step: “Abort” ends the run',
    );
    await page.click('#show-chart');
    await page.locator('svg .node.leaf.active[data-step="hop.v5v6.update"]').waitFor();
    expect(await page.locator('svg .node.leaf.active').count()).toBe(1);
    expect(await page.locator('svg .node.compound.active').count()).toBe(2); // the machine and the hop
    await page.click('#show-map');
    expect(await page.locator('#chart').isHidden()).toBe(true);
    expect(await step('hop.v5v6.update').getAttribute('data-status')).toBe('waiting');
    expect(await step('hops.backup').getAttribute('data-status')).toBe('done');
    // Only what the state accepts: a manual step has no retry.
    expect(
      await page
        .locator('#prompt [data-action]')
        .evaluateAll((b) => b.map((x) => x.getAttribute('data-action'))),
    ).toEqual(['confirm', 'skip', 'abort']);

    await page.fill('#prompt [data-evidence="version"]', '6.0.100');
    await page.click('#prompt [data-action="confirm"]');
    await page.locator('#command-result.refused').waitFor();
    expect(await page.locator('#command-result').textContent()).toContain('the server reports version 5');
  });

  it('checks evidence in the page as the server would: a V5 version is not what the V6 update asks', async () => {
    await page.fill('#prompt [data-evidence="version"]', '5.0.2');
    expect(await page.getAttribute('#prompt [data-evidence="version"]', 'aria-invalid')).toBe('true');
    expect(await page.locator('#prompt [data-hint="version"]').getAttribute('class')).toContain('bad');
    const journalRows = await page.locator('#timeline li').count();
    await page.click('#prompt [data-action="confirm"]');
    await page.locator('#command-result.refused', { hasText: 'Not as asked: ' }).waitFor();
    expect(await page.locator('#timeline li').count()).toBe(journalRows); // nothing was sent
    // "V6.0.100" is what an operator types from the setup's title: the server takes it as 6.0.100.
    await page.fill('#prompt [data-evidence="version"]', 'V6.0.100');
    expect(await page.getAttribute('#prompt [data-evidence="version"]', 'aria-invalid')).toBe('false');
  });

  it('confirms with Enter: the run advances in the page and in `xpmigrate status`', async () => {
    operatorInstalled(state, '6.0.100'); // the operator ran the V6 setup
    await page.fill('#prompt [data-evidence="version"]', 'V6.0.100');
    // A reason typed with the confirm is kept with it (journal and report), not dropped.
    await page.fill('#prompt [data-reason]', 'setup run by hand from the V6 DVD');
    await page.press('#prompt [data-evidence="version"]', 'Enter');
    await page.locator('#command-result.ok').waitFor();
    await page.locator('#checklist li[data-step="hop.v5v6.update"][data-status="done"]').waitFor();
    await page.locator('#map .map-step.current[data-step="hop.v5v6.reboot"]').waitFor();
    await page.locator('#status[data-status="waiting-reboot"]').waitFor();
    expect(await page.locator('#prompt').isHidden()).toBe(true);
    // "… was accepted" gives way to what it led to, with its time.
    await page
      .locator('#command-result.ok', { hasText: /\d\d:\d\d:\d\d – Confirm: now a reboot is needed$/ })
      .waitFor();
    // What the reboot means and what "Resume" does, in words; announced to a screen reader.
    expect(await page.locator('#driver .explain').textContent()).toContain('The server must restart.');
    expect(await page.locator('#status').getAttribute('aria-live')).toBe('polite');
    expect(await page.locator('#chart svg[role="img"]').getAttribute('aria-label')).toContain(
      'the checklist lists the same steps',
    );
    // Newest first: this confirm above the Backup-Manager's.
    await page.locator('#timeline li[data-kind="operator-confirm"]').nth(1).waitFor();
    expect(
      await page.locator('#timeline li[data-kind="operator-confirm"] .who').first().textContent(),
    ).toMatch(/\(ui\)$/);

    const s = await status(state);
    expect(s).toMatchObject({ state: 'waiting-reboot', currentStep: 'hop.v5v6.reboot', stepsDone: 4 });
    const report = runCli(['report', '--state', state, '--lang', 'en']).stdout;
    expect(report.split('\n').find((line) => line.includes('hop.v5v6.update'))).toContain(
      'Reason: setup run by hand from the V6 DVD',
    );
    // The page is exactly the window: the chart and the side scroll inside, the header stays.
    for (const [width, height] of [
      [1440, 900],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width, height });
      // Read in the page: the document's full height against the window's.
      const heights = await page.evaluate('[document.documentElement.scrollHeight, window.innerHeight]');
      expect(heights).toEqual([height, height]);
      // The whole V5 → V9 path on the map without sideways scrolling, its text at least 12 px.
      const map = (await page.evaluate(
        "(() => { const m = document.getElementById('map'); const t = m.querySelector('.map-step .title'); return [m.scrollWidth, m.clientWidth, parseFloat(getComputedStyle(t).fontSize)]; })()",
      )) as number[];
      expect(map[0]).toBeLessThanOrEqual(map[1]!);
      expect(map[2]).toBeGreaterThanOrEqual(12);
    }
    // A phase opens wide from the keyboard, with each step's state in words.
    const phase = page.locator('#map .map-phase-title').nth(1);
    await phase.focus();
    await page.keyboard.press('Enter');
    await page.locator('#map .map-phase.zoomed .detail').first().waitFor();
    expect(await page.locator('#map .map-phase.zoomed .map-phase-title').getAttribute('aria-expanded')).toBe(
      'true',
    );
    await page.keyboard.press('Enter'); // and closes again
    expect(await page.locator('#map .map-phase.zoomed').count()).toBe(0);
    await page.setViewportSize({ width: 1500, height: 900 });
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}visualizer.png` });
  });

  it('resumes after the reboot from the page, and rolls back to a snapshot after a confirmation', async () => {
    await page.click('#resume');
    await page.locator('#status[data-status="waiting-operator"]').waitFor();
    await page.locator('#checklist li[data-step="hop.v5v6.reboot"][data-status="done"]').waitFor();
    const waitingAt = (await status(state)).currentStep;
    expect(waitingAt).not.toBe('hop.v5v6.reboot');
    await page.locator(`#prompt h3[data-step="${waitingAt}"]`).waitFor();

    await page.locator('#driver .idle').waitFor(); // the resume process has let go of the run
    const snapshot = page.locator('#snapshots [data-rollback]').first();
    const name = await snapshot.getAttribute('data-rollback');
    await snapshot.click();
    await page.locator('#confirm-dialog[open]').waitFor();
    await page.click('#confirm-cancel'); // "no": nothing happens
    expect((await status(state)).currentStep).toBe(waitingAt);
    await snapshot.click();
    await page.click('#confirm-ok');
    await page.locator('#command-result', { hasText: name! }).waitFor({ timeout: 30_000 });
    expect(await page.locator('#command-result').getAttribute('class')).toBe('ok');
    // The store was on the VM: it is back inside the snapshot step, with nobody driving the run.
    await page.locator('#checklist li[data-step="hop.v5v6.update"][data-status="pending"]').waitFor();
    // Nobody drives it: "paused", not "running", in the badge, the tab and `status`; Resume is there.
    expect(await status(state)).toMatchObject({ state: 'paused', currentStep: 'hops.snapshot-start' });
    await page.locator('#status[data-status="paused"]', { hasText: 'paused – resume needed' }).waitFor();
    expect(await page.title()).toMatch(/^● paused – resume needed – /);
    const text = runCli(['status', '--state', state, '--lang', 'en']).stdout;
    expect(text).toContain('paused – resume needed');
    expect(text).toContain('it goes on only with "xpmigrate resume"');
    await page.click('#resume');
    await page.locator('#prompt h3[data-step="hop.v5v6.update"]').waitFor();
    await page.locator('#timeline li[data-kind="rollback-detected"]').waitFor();
    expect((await status(state)).currentStep).toBe('hop.v5v6.update');
  });
});

describe('snapshots taken by hand, in Chromium', () => {
  let state: string;
  let ui: { child: ChildProcess; url: string };
  let browser: Browser;

  beforeAll(async () => {
    state = tempState();
    const flags = ['--from', '5', '--target', 'A', '--virtual', 'yes', '--snapshots', 'manual'];
    const r = runCli(['start', '--simulate', ...flags, '--state', state, '--lang', 'en']);
    expect(r.code, r.stderr).toBe(3);
    expect((await operatorDoes(state)).code).toBe(3); // the Backup-Manager's backup: on to the first snapshot
    ui = await startUi(state);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    ui?.child.kill('SIGTERM');
  });

  it('asks for the name, filled in with the suggestion; its rollback asks for the revert by hand first', async () => {
    const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
    await page.goto(ui.url);
    const field = page.locator('#prompt [data-evidence="snapshot"]');
    await field.waitFor();
    expect(await page.locator('#status').getAttribute('data-status')).toBe('waiting-operator');
    expect(await field.inputValue()).toMatch(/^xpmigrate-[0-9a-f]{8}-hops\.snapshot-start$/);
    await field.fill('before the updates');
    await field.press('Enter');
    await page.locator('#snapshots [data-rollback="before the updates"]').waitFor();
    expect((await status(state)).currentStep).toBe('hop.v5v6.update');
    await page.click('#snapshots [data-rollback="before the updates"]');
    await page.locator('#confirm-dialog[open]').waitFor();
    expect(await page.locator('#confirm-text').textContent()).toContain(
      'First revert the VM to “before the updates” in the hypervisor',
    );
    await page.click('#confirm-cancel');
    expect((await status(state)).currentStep).toBe('hop.v5v6.update');
  });
});
