import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunFollower } from '../../src/inspect/index.js';
import { openDb } from '../../src/persistence/index.js';
import type { SqlModel } from '../../src/simulation/index.js';
import { cliInProcess } from '../support/cli.js';
import { operatorDoes, PLAN_C_SQL_RESTORE, resumeToEnd, status, tempState } from '../support/runs.js';
import { startUi } from '../support/ui.js';

// Issue 24, item 1: at a failed step "confirm" marks it done although it never ran. That is its
// own, quieter action, asking for a reason and a second yes, journaled as an override; the
// primary action at a failure is the one the remedy names (retry).
/** Where the screenshots go: CI keeps test-artifacts/ as the run's artifacts. */
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

const PLAN_C = [...PLAN_C_SQL_RESTORE, '--simulate'];

/** A plan C run stopped at its failed safety copy: the old SQL Server refuses the login. */
async function failedRun(lang: 'en' | 'de'): Promise<string> {
  const state = tempState();
  expect((await cliInProcess(['start', ...PLAN_C, '--state', state, '--lang', lang])).code).toBe(3);
  const source = `${state}.sql/OLDXPHONE_XPCONNECT.json`;
  const model = JSON.parse(readFileSync(source, 'utf8')) as SqlModel;
  model.faults.push({ kind: 'login-failed' });
  writeFileSync(source, JSON.stringify(model)); // no CLI process runs: as an operator's change
  expect((await operatorDoes(state)).code).toBe(1); // the Backup-Manager step, then the copy fails
  expect(await status(state)).toMatchObject({ state: 'failed', currentStep: 'v8v9.backup' });
  return state;
}

/** The failure as a restore that would overwrite XPDATA records it (its retryEvidence). */
function askForReplace(state: string): void {
  // (A transition's journal entries are kept with its checkpoint.)
  const db = openDb(state);
  const row = db
    .prepare(
      "SELECT id, journal FROM checkpoints WHERE journal LIKE '%step-failed%' ORDER BY id DESC LIMIT 1",
    )
    .get() as { id: number; journal: string };
  const entries = (JSON.parse(row.journal) as Array<{ kind: string; detail: Record<string, unknown> }>).map(
    (e) =>
      e.kind === 'step-failed' ? { ...e, detail: { ...e.detail, retryEvidence: { replace: 'XPDATA' } } } : e,
  );
  db.prepare('UPDATE checkpoints SET journal = ? WHERE id = ?').run(JSON.stringify(entries), row.id);
  db.close();
}

describe('a failed step on the command line', () => {
  it('confirm without a reason is refused; with one it is journaled as "done without having run"', async () => {
    const state = await failedRun('de');
    const bare = await cliInProcess(['confirm', 'v8v9.backup', '--state', state, '--lang', 'de']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('ohne dass er lief, braucht einen Grund (--reason)');
    expect(await status(state)).toMatchObject({ state: 'failed', currentStep: 'v8v9.backup' });
    const given = await cliInProcess([
      'confirm',
      'v8v9.backup',
      '--reason',
      'von Hand mit SSMS gesichert',
      '--state',
      state,
    ]);
    expect(given.code, given.stderr).toBe(3); // on to the next manual step
    const history = JSON.parse((await cliInProcess(['history', '--state', state, '--json'])).stdout) as {
      journal: Array<{ kind: string; stepId: string | null; detail: Record<string, unknown> }>;
    };
    expect(
      history.journal.find((r) => r.kind === 'operator-confirm' && r.stepId === 'v8v9.backup')?.detail,
    ).toMatchObject({
      override: true,
      reason: 'von Hand mit SSMS gesichert',
    });
  });
});

describe('evidence a failure asks for', () => {
  it('gets a field of its own on the page, with the value named as the example, never filled in', async () => {
    const state = await failedRun('en');
    askForReplace(state);
    const follower = new RunFollower(state, undefined, 'de');
    follower.open();
    expect(follower.view?.prompt?.evidence).toEqual([
      {
        key: 'replace',
        label: 'Datenbanken, die überschrieben werden dürfen',
        hint: 'die Namen, durch Kommas getrennt, wie im Fehler genannt',
        check: null,
        version: false,
        asked: 'XPDATA',
        value: null, // named as the example, never filled in
      },
    ]);
    follower.stop();
  });
});

interface Recorded {
  asked: number;
  shown: Array<{ title: string; body: string }>;
}

/**
 * Stands in for the browser's Notification (headless Chromium shows none): permission is
 * granted when asked (and kept, as a browser does), and what would be shown is recorded. Runs
 * in the page.
 */
function recordNotifications(): void {
  const w = globalThis as unknown as Recorded & { Notification: unknown };
  w.asked = 0;
  w.shown = [];
  // The browser keeps a granted permission across reloads; so does the stand-in.
  const kept = (
    globalThis as unknown as {
      localStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void };
    }
  ).localStorage;
  let permission = kept.getItem('test-permission') ?? 'default';
  w.Notification = class {
    static get permission() {
      return permission;
    }
    static async requestPermission() {
      w.asked++;
      permission = 'granted';
      kept.setItem('test-permission', permission);
      return permission;
    }
    constructor(title: string, options: { body: string }) {
      w.shown.push({ title, body: options.body });
    }
  };
}

describe('a failed step that asks for evidence, in the visualizer', () => {
  it('has a field for it with the asked value as the example, and retry sends what was typed', async () => {
    const state = await failedRun('en');
    askForReplace(state);
    const ui = await startUi(state);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(ui.url);
      const field = page.locator('#prompt [data-evidence="replace"]');
      await field.waitFor();
      expect(await field.inputValue()).toBe(''); // never filled in for the operator
      expect(await field.getAttribute('placeholder')).toBe('XPDATA');
      expect(await page.locator('#prompt').textContent()).toContain('e.g. XPDATA');
      await field.fill('XPDATA');
      await field.press('Enter'); // at a failure, Enter retries
      await expect
        .poll(
          async () => {
            const history = JSON.parse(
              (await cliInProcess(['history', '--state', state, '--json'])).stdout,
            ) as {
              journal: Array<{ kind: string; detail: Record<string, unknown> }>;
            };
            return history.journal.find((r) => r.kind === 'operator-retry')?.detail.evidence;
          },
          { timeout: 10_000 },
        )
        .toEqual({ replace: 'XPDATA' });
    } finally {
      await browser.close();
      ui.child.kill('SIGTERM');
    }
  });
});

describe('a failed step in the visualizer', () => {
  let state: string;
  let ui: { child: ChildProcess; url: string };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    state = await failedRun('en');
    ui = await startUi(state);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(recordNotifications);
  });
  afterAll(async () => {
    await browser?.close();
    ui?.child.kill('SIGTERM');
  });

  it('notifies only after the operator opts in, and remembers the choice', async () => {
    await page.goto(ui.url);
    const notify = page.locator('#notify');
    await expect.poll(() => notify.textContent()).toBe('Notify me');
    expect(await notify.getAttribute('aria-pressed')).toBe('false');
    await notify.click();
    await expect.poll(() => notify.getAttribute('aria-pressed')).toBe('true');
    expect(await notify.textContent()).toBe('Notifications on');
    expect(await page.evaluate(() => (globalThis as unknown as Recorded).asked)).toBe(1);
    await page.reload();
    await expect.poll(() => notify.getAttribute('aria-pressed')).toBe('true');
  });

  it('offers retry first; marking done is a separate action that needs a reason and a second yes', async () => {
    await page.goto(ui.url);
    await page.locator('#prompt .failure code', { hasText: 'E_SQL_LOGIN_FAILED' }).waitFor();
    const buttons = page.locator('#prompt .actions button');
    const order = await buttons.evaluateAll((bs) =>
      bs.map((b) => [b.getAttribute('data-action'), b.className]),
    );
    expect(order[0]).toEqual(['retry', 'primary']);
    expect(order.at(-1)).toEqual(['confirm', 'override']);
    const override = page.locator('#prompt [data-override]');
    expect(await override.textContent()).toBe('Mark done without it having run');

    // Without a reason: nothing is sent, the page says what is missing.
    await override.click();
    await page.locator('#command-result.refused', { hasText: 'Give a reason first' }).waitFor();
    expect((await status(state)).state).toBe('failed');
    // With a reason, "no" in the dialog still sends nothing.
    await page.fill('#prompt [data-reason]', 'copied by hand with SSMS');
    await override.click();
    await page.locator('#confirm-dialog[open]').waitFor();
    await page.click('#confirm-cancel');
    expect((await status(state)).state).toBe('failed');
    await override.click();
    await page.click('#confirm-ok');
    await page.locator('#checklist li[data-step="v8v9.backup"][data-status="done"]').waitFor();
    await page
      .locator('#timeline li[data-kind="operator-confirm"] .summary', {
        hasText: 'marked done without having run · reason: copied by hand with SSMS',
      })
      .waitFor();
    // The journal filtered to its problems: the failure stays, the decisions go.
    await page.selectOption('#journal-filter', 'problems');
    expect(await page.locator('#timeline li[data-kind="step-failed"]').first().isVisible()).toBe(true);
    expect(await page.locator('#timeline li[data-kind="operator-confirm"]').first().isVisible()).toBe(false);
    await page.selectOption('#journal-filter', 'all');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}visualizer-after-failure.png` });
    expect((await status(state)).currentStep).not.toBe('v8v9.backup');
  });

  it('the tab says what the run needs, seen from another tab: its title and a coloured icon', async () => {
    // On at the next manual step after the override: the run waits for the operator.
    await expect.poll(() => page.title(), { timeout: 10_000 }).toMatch(/^● waiting for you/);
    expect(await page.title()).toMatch(/^● waiting for you – .+ – xpmigrate$/);
    expect(await page.locator('link[rel="icon"]').getAttribute('data-status')).toBe('waiting-operator');
    // The operator opted in: the browser tells them too, once, with the step that waits.
    const shown = await page.evaluate(() => (globalThis as unknown as Recorded).shown);
    const waiting = shown.filter((n) => n.title === 'xpmigrate: waiting for you');
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.body).toBe(await page.locator('#prompt h3').textContent());
  });

  it('switches to German: the page’s own words and the run’s texts, journal kinds included', async () => {
    await page.selectOption('#lang-switch', 'de');
    await page.waitForURL(/lang=de/);
    await page.locator('#status', { hasText: 'wartet auf Sie' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    expect(await page.locator('#title').textContent()).toContain('Probelauf (simuliert)');
    expect(await page.locator('#now').textContent()).toMatch(/^Schritt \d+ von \d+ · wartet auf Sie: /);
    // The forecast the run was started with: the downtime from the cut-over, in German.
    expect(await page.locator('#forecast').textContent()).toMatch(
      /^Ausfallzeit von XPhone: .*von „Umschalt-Termin/,
    );
    expect(await page.locator('#timeline li[data-kind="operator-confirm"] .kind').first().textContent()).toBe(
      'bestätigt',
    );
    // The run's own texts come translated by the server: the step the run waits at, in German.
    expect(await page.locator('#prompt h2').textContent()).toBe('Wartet auf Sie');
    expect(
      await page.locator('#timeline li[data-kind="operator-confirm"] .summary').first().textContent(),
    ).toBe('als erledigt markiert, ohne dass er lief · Begründung: copied by hand with SSMS');
    await page.screenshot({ path: `${ARTIFACTS}visualizer-de.png` });
    // The statechart in German too: steps and phases by their titles, states and events in words.
    await page.click('#show-chart');
    expect(await page.locator('#map').isVisible()).toBe(false); // one tab at a time
    const prompted = (await page.locator('#prompt h3').textContent()) ?? '';
    const labels = await page.locator('#chart text').allTextContents();
    expect(labels).toContain('Abgebrochen');
    expect(labels).toContain('abbrechen');
    expect(labels.some((l) => l.endsWith('· fehlgeschlagen'))).toBe(true);
    expect(labels.some((l) => prompted.startsWith(l.replace(/…$/, '')))).toBe(true);
    expect(labels.filter((l) => /^[A-Z_]+$|__|\[/.test(l))).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}visualizer-statechart-de.png` });
    await page.click('#show-map');
    await page.selectOption('#lang-switch', 'en');
    await page.waitForURL(/lang=en/);
    await page.locator('#status', { hasText: 'waiting for you' }).waitFor();
  });

  it('greys out and takes no action while the ui is gone; a restarted ui (new token) is named', async () => {
    const port = new URL(ui.url).port;
    ui.child.kill('SIGTERM');
    await page.locator('body[data-connection="down"]').waitFor();
    expect(await page.locator('#side').evaluate((e) => (e as { inert: boolean }).inert)).toBe(true);
    expect(await page.locator('#connection').textContent()).toContain('no actions');
    // The same port, another process: its token is not this page's.
    ui = await startUi(state, ['--port', port]);
    await page.locator('#connection[data-state="restarted"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('#connection').textContent()).toContain('open the address it printed');
    expect(await page.title()).toContain('restarted');
  });
});

describe('a finished run in the visualizer', () => {
  it('says before a rollback that it undoes the finished migration, and what to do with old snapshots', async () => {
    const state = tempState();
    expect(
      (
        await cliInProcess([
          'start',
          '--simulate',
          '--auto-confirm',
          '--from',
          '5',
          '--target',
          'A',
          '--state',
          state,
        ])
      ).code,
    ).toBe(4);
    await resumeToEnd(state, () => {
      throw new Error('no step should fail');
    });
    expect((await status(state)).state).toBe('done');
    const ui = await startUi(state);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(ui.url);
      await page
        .locator('#snapshots .note', { hasText: 'The run is finished: rolling back undoes it.' })
        .waitFor();
      expect(await page.locator('#now').textContent()).toMatch(
        /^Finished: \d+ steps in .+\. Report: xpmigrate report --out report\.html · clean up snapshots: xpmigrate snapshots \(\d+ left\)$/,
      );
      await page.locator('#snapshots [data-rollback]').first().click();
      await page.locator('#confirm-dialog[open]').waitFor();
      expect(await page.locator('#confirm-text').textContent()).toContain(
        'undoes the migration on the server',
      );
      await page.click('#confirm-cancel');
      expect((await status(state)).state).toBe('done');
    } finally {
      await browser.close();
      ui.child.kill('SIGTERM');
    }
  });
});
