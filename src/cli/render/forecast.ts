import { basisText, downtimeText, type Forecast, spanText, totalText } from '../../forecast/index.js';
import { type Lang, say } from '../../i18n/index.js';
import type { Plan } from '../../plan/index.js';
import { T } from '../texts/index.js';

/** Step id → its title in the language. */
export function titlesOf(plan: Plan, lang: Lang): (stepId: string) => string {
  const titles = new Map(
    plan.phases.flatMap((p) => p.steps.map((s) => [s.def.id, s.def.title[lang]] as const)),
  );
  return (id) => titles.get(id) ?? id;
}

const cut = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);

/** The forecast as a text table: the downtime first, then each step with its range and basis. */
export function forecastToText(forecast: Forecast, plan: Plan, lang: Lang): string {
  const title = titlesOf(plan, lang);
  const [down, step, span, basis] = say(T.forecastColumns, lang).split('|');
  const rows = forecast.steps.map((f) => [
    f.inDowntime ? '■' : '',
    cut(title(f.stepId)),
    spanText(f.span, lang),
    basisText(f.basis, f.stepId, lang),
  ]);
  const head = [down!, step!, span!, basis!];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const fmt = (cells: string[]) =>
    `  ${cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ')}`.trimEnd();
  return [
    `${say(T.headForecast, lang)}:`,
    ...downtimeText(forecast, title, lang)
      .split('\n')
      .map((l) => `  ${l}`),
    `  ${totalText(forecast, lang)}`,
    '',
    fmt(head),
    ...rows.map(fmt),
  ].join('\n');
}

/** The forecast in `plan --format json`: seconds, with the words beside them. */
export function forecastToJson(forecast: Forecast, lang: Lang) {
  return {
    downtimes: forecast.downtimes,
    total: forecast.total,
    steps: forecast.steps.map((f) => ({ ...f, basisText: basisText(f.basis, f.stepId, lang) })),
  };
}
