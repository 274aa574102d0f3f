import { byId, h } from './dom.js';
import type { Lang, RunView } from './protocol.js';
import { runStatusText, t } from './texts.js';

/** The tab's mark: a coloured dot, so a run that waits is seen from another tab. */
const TAB_MARK: Partial<Record<RunView['status'], { color: string; prefix: string }>> = {
  'waiting-operator': { color: '#a15c00', prefix: '● ' },
  paused: { color: '#a15c00', prefix: '● ' },
  failed: { color: '#b3261e', prefix: '✗ ' },
  'waiting-reboot': { color: '#a15c00', prefix: '● ' },
};

/** The tab's title and icon: what the run needs first, then which run. */
export function renderTab(view: RunView, lang: Lang): void {
  const mark = TAB_MARK[view.status];
  document.title = `${mark?.prefix ?? ''}${runStatusText(lang, view.status)} – ${view.title} – xpmigrate`;
  const color = mark?.color ?? (view.status === 'done' ? '#2e7d32' : '#1565c0');
  const icon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="${color}"/></svg>`;
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = h('link', { rel: 'icon' });
    document.head.append(link);
  }
  link.dataset.status = view.status;
  link.href = `data:image/svg+xml,${encodeURIComponent(icon)}`;
}

/** "3 h 05 min", "12 min", "40 s". */
function duration(ms: number, lang: Lang): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} ${lang === 'de' ? 'Std.' : 'h'} ${String(m % 60).padStart(2, '0')} min`;
}

/**
 * The header's first line: where the run is (step n of N), what runs or what it waits for,
 * how long it has taken; at the end a summary with the report and the snapshot clean-up.
 */
export function renderNow(view: RunView, lang: Lang): void {
  const counted = view.steps.filter((s) => s.status !== 'not-needed');
  const settled = counted.filter((s) => ['done', 'skipped', 'forced'].includes(s.status)).length;
  const step = view.steps.find((s) => s.id === view.currentStep)?.title ?? '';
  const until = view.status === 'done' || view.status === 'aborted' ? Date.parse(view.updatedAt) : Date.now();
  const spent = until - Date.parse(view.startedAt);
  const pane = byId('now');
  pane.dataset.status = view.status;
  if (view.status === 'done') {
    pane.textContent = t(lang, 'finishedSummary', {
      done: settled,
      time: duration(spent, lang),
      n: view.snapshots.length,
    });
    return;
  }
  const doing =
    view.status === 'waiting-operator'
      ? t(lang, 'nowWaits', { step })
      : view.status === 'failed'
        ? t(lang, 'nowFailed', { step })
        : view.status === 'waiting-reboot'
          ? t(lang, 'nowReboot')
          : t(lang, 'nowRuns', { step });
  const per = settled > 0 ? duration(spent / settled, lang) : '–';
  pane.replaceChildren(
    h('strong', {}, t(lang, 'stepOf', { n: Math.min(settled + 1, counted.length), total: counted.length })),
    ` · ${doing} · `,
    h('span', { class: 'elapsed' }, t(lang, 'elapsed', { time: duration(spent, lang), per })),
  );
}

/** The downtime forecast the run was started with (`--twin`, `--estimate`), one line per stretch. */
function renderForecast(view: RunView): void {
  const pane = byId('forecast');
  pane.hidden = view.downtime.length === 0;
  pane.replaceChildren(...view.downtime.map((line) => h('div', {}, line)));
}

export function renderHeader(view: RunView, lang: Lang): void {
  renderForecast(view);
  byId('title').textContent =
    `${view.title}  ·  ${view.runId.slice(0, 8)}${view.simulate ? `  ·  ${t(lang, 'rehearsal')}` : ''}`;
  const status = byId('status');
  status.textContent = runStatusText(lang, view.status);
  status.dataset.status = view.status;
  byId('phases').replaceChildren(
    ...view.phases.map((p) => h('span', { class: `phase ${p.status}`, 'data-phase': p.id }, p.title)),
  );
}
