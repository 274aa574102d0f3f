import { ChartView } from './chart.js';
import { decodeMessage } from './decode.js';
import { byId, shortTime } from './dom.js';
import { renderHeader, renderNow, renderTab } from './header.js';
import { renderMap } from './map.js';
import { notifyChange, wireNotify } from './notify.js';
import {
  type Actions,
  outcomeText,
  renderChecklist,
  renderCommandResult,
  renderDriver,
  renderProgress,
  renderPrompt,
  renderSnapshots,
  renderTimeline,
} from './panels.js';
import type {
  CommandRequest,
  Lang,
  PostAnswer,
  RollbackRequest,
  RunView,
  ServerMessage,
} from './protocol.js';
import { t } from './texts.js';

const token = document.querySelector<HTMLMetaElement>('meta[name="xpmigrate-token"]')?.content ?? '';
const lang: Lang = document.documentElement.lang === 'de' ? 'de' : 'en';

/** Figures for tests and the benchmark: when each checkpoint became visible, and the first render. */
const probe = { shown: {} as Record<number, number>, firstRenderMs: -1, chartAt: -1, messages: 0 };
(window as unknown as { xpmigrate: typeof probe }).xpmigrate = probe;

let chart: ChartView | undefined;
let view: RunView | undefined;
/** An accepted command whose outcome the page has yet to tell: the view it was sent from. */
let sent: { command: string; seq: number } | undefined;

async function post(path: string, body: unknown): Promise<PostAnswer> {
  try {
    const res = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Xpmigrate-Token': token, 'X-Xpmigrate-Lang': lang },
      body: JSON.stringify(body),
    });
    return (await res.json()) as PostAnswer;
  } catch (error) {
    return { ok: false, code: 'E_UI_OFFLINE', message: String(error), remedy: null };
  }
}

function answer(a: PostAnswer, done: string): void {
  if (a.ok) renderCommandResult(done, true);
  else
    renderCommandResult(
      `${t(lang, 'refused')} [${a.code}]: ${a.message}${a.remedy ? ` – ${a.remedy}` : ''}`,
      false,
    );
}

const actions: Actions = {
  async command(request: CommandRequest) {
    const from = view?.seq ?? -1;
    const a = await post('/api/command', request);
    const holder = view?.lock;
    answer(
      a,
      a.ok && a.delivery === 'holder' && holder
        ? t(lang, 'sentHolder', { command: t(lang, request.command), pid: holder.pid, host: holder.host })
        : t(lang, 'sent', { command: t(lang, request.command) }),
    );
    // The ui process may have driven the run already while the answer was on its way.
    if (a.ok) {
      sent = { command: t(lang, request.command), seq: from };
      tellOutcome();
    }
  },
  async rollback(snapshot: string) {
    answer(
      await post('/api/rollback', { snapshot } satisfies RollbackRequest),
      t(lang, 'rolledBack', { name: snapshot }),
    );
  },
  async resume() {
    answer(await post('/api/resume', {}), t(lang, 'sent', { command: t(lang, 'resume') }));
  },
  ask(text: string, yes: string) {
    const dialog = byId<HTMLDialogElement>('confirm-dialog');
    byId('confirm-text').textContent = text;
    byId('confirm-ok').textContent = yes;
    byId('confirm-cancel').textContent = t(lang, 'cancel');
    return new Promise<boolean>((resolve) => {
      const finish = (ok: boolean) => {
        dialog.close();
        byId('confirm-ok').onclick = null;
        byId('confirm-cancel').onclick = null;
        resolve(ok);
      };
      byId('confirm-ok').onclick = () => finish(true);
      byId('confirm-cancel').onclick = () => finish(false);
      dialog.oncancel = () => finish(false);
      dialog.showModal();
    });
  },
};

/** Once the run moved on from where a command was sent and stands still: what it led to. */
function tellOutcome(): void {
  const outcome = sent && view && view.seq !== sent.seq ? outcomeText(view, lang) : undefined;
  if (!sent || !outcome) return;
  renderCommandResult(`${shortTime(new Date().toISOString(), lang)} – ${sent.command}: ${outcome}`, true);
  sent = undefined;
}

function apply(message: ServerMessage): void {
  probe.messages++;
  switch (message.type) {
    case 'hello': {
      const started = performance.now();
      chart = new ChartView(byId('chart'), message.chart, t(lang, 'chartLabel'));
      if (view) chart.highlight(view.active);
      if (probe.firstRenderMs < 0) {
        probe.firstRenderMs = performance.now() - started;
        probe.chartAt = performance.now(); // since the navigation started
      }
      return;
    }
    case 'view': {
      const previous = view;
      view = message.view;
      renderHeader(view, lang);
      renderNow(view, lang);
      renderTab(view, lang);
      renderDriver(view, lang, actions);
      renderPrompt(view, lang, actions);
      renderProgress(view);
      renderChecklist(view, lang);
      renderMap(view, lang);
      renderSnapshots(view, lang, actions);
      if (view.lastCommand?.status === 'refused' && view.lastCommand.id !== previous?.lastCommand?.id) {
        renderCommandResult(`${t(lang, 'refused')}: ${view.lastCommand.reason ?? ''}`, false);
        sent = undefined;
      }
      tellOutcome();
      notifyChange(previous, view, lang);
      chart?.highlight(view.active);
      if (previous?.currentStep !== view.currentStep) chart?.reveal();
      probe.shown[view.seq] = Date.now();
      return;
    }
    case 'journal':
      renderTimeline(message.rows, message.reset, lang);
      return;
    case 'error':
      renderCommandResult(`[${message.code}] ${message.message}`, false);
  }
}

/**
 * The feed, reconnecting with a growing pause when the server goes away. While it is away the
 * page is greyed out and takes no action (what it shows may be old). A server that answers but
 * refuses the token is another `xpmigrate ui` (a restart makes a new token): the page says to
 * open the address that one printed, and stops knocking.
 */
function connect(delay = 250): void {
  const status = byId('connection');
  status.textContent = t(lang, 'connecting');
  const ws = new WebSocket(`ws://${location.host}/feed?token=${encodeURIComponent(token)}&lang=${lang}`);
  ws.onopen = () => {
    status.textContent = t(lang, 'connected');
    status.dataset.state = 'live';
    document.body.dataset.connection = 'live';
    byId('side').inert = false;
    delay = 250;
  };
  ws.onmessage = (event) => {
    const message = decodeMessage(event.data);
    if (message) apply(message);
  };
  ws.onclose = async () => {
    document.body.dataset.connection = 'down';
    byId('side').inert = true;
    if (await tokenRefused()) {
      status.textContent = t(lang, 'restarted');
      status.dataset.state = 'restarted';
      document.title = `✗ ${t(lang, 'restarted')} – xpmigrate`;
      return;
    }
    status.textContent = t(lang, 'disconnected');
    status.dataset.state = 'down';
    setTimeout(() => connect(Math.min(delay * 2, 5000)), delay);
  };
}

/** Whether a server answers here but not to this page's token (401): a restarted `ui`. */
async function tokenRefused(): Promise<boolean> {
  try {
    const res = await fetch('/api/view', { headers: { 'X-Xpmigrate-Token': token } });
    return res.status === 401;
  } catch {
    return false; // nobody answers: keep trying
  }
}

/** The page in the other language: the same address with ?lang=, the run's texts translated too. */
function wireLanguage(): void {
  byId('lang-label').textContent = t(lang, 'language');
  const select = byId<HTMLSelectElement>('lang-switch');
  select.value = lang;
  select.addEventListener('change', () => {
    const url = new URL(location.href);
    url.searchParams.set('lang', select.value);
    location.href = url.toString();
  });
}

/** The path as a map (default), or the state machine itself for those who want it. */
function wireTabs(): void {
  const tabs = { map: byId('show-map'), chart: byId('show-chart') };
  tabs.map.textContent = t(lang, 'map');
  tabs.chart.textContent = t(lang, 'statechart');
  const show = (which: 'map' | 'chart') => {
    byId('map').hidden = which !== 'map';
    byId('chart').hidden = which !== 'chart';
    document.querySelector<HTMLElement>('.chart-tools')!.hidden = which !== 'chart';
    tabs.map.setAttribute('aria-selected', String(which === 'map'));
    tabs.chart.setAttribute('aria-selected', String(which === 'chart'));
    if (which === 'chart') chart?.reveal();
  };
  tabs.map.addEventListener('click', () => show('map'));
  tabs.chart.addEventListener('click', () => show('chart'));
}

/** The journal shows everything, or only decisions, problems or steps. */
function wireJournalFilter(): void {
  const select = byId<HTMLSelectElement>('journal-filter');
  const words = {
    all: 'filterAll',
    decisions: 'filterDecisions',
    problems: 'filterProblems',
    steps: 'filterSteps',
  } as const;
  for (const option of select.options)
    option.textContent = t(lang, words[option.value as keyof typeof words]);
  select.addEventListener('change', () => {
    byId('timeline').dataset.filter = select.value;
  });
}

function wireToolbar(): void {
  byId('h-checklist').textContent = t(lang, 'checklist');
  byId('h-snapshots').textContent = t(lang, 'snapshots');
  byId('h-journal').textContent = t(lang, 'journal');
  byId('zoom-fit').textContent = t(lang, 'fit');
  byId('zoom-active').textContent = t(lang, 'toActive');
  byId('zoom-fit').addEventListener('click', () => chart?.fit());
  byId('zoom-in').addEventListener('click', () => chart?.zoomBy(1.25));
  byId('zoom-out').addEventListener('click', () => chart?.zoomBy(0.8));
  byId('zoom-active').addEventListener('click', () => chart?.reveal());
}

wireToolbar();
wireTabs();
wireJournalFilter();
wireLanguage();
wireNotify(lang);
connect();
// Elapsed time moves on between views.
setInterval(() => {
  if (view) renderNow(view, lang);
}, 30_000);
