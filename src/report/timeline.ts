import { durationText, spanText } from '../forecast/index.js';
import type { Lang } from '../i18n/index.js';
import type { RunReport } from './collect.js';
import { R } from './texts.js';

const t = (key: keyof typeof R, lang: Lang) => R[key][lang];
const quote = (s: string, lang: Lang) => (lang === 'de' ? `„${s}“` : `"${s}"`);

/** One row of the downtime's timeline: where the step is planned to start, its forecast and actual. */
export interface TimelineRow {
  offset: string;
  title: string;
  forecast: string;
  actual: string;
}

/** Each downtime in words: forecast (a lower bound when steps are unknown), actual, and the error. */
export function downtimeLines(r: RunReport, lang: Lang): string[] {
  const title = (id: string) => r.steps.find((s) => s.id === id)?.title ?? id;
  return (r.timing?.downtimes ?? []).flatMap((d) => {
    const forecast = `${d.unknown.length > 0 ? `${t('atLeast', lang)} ` : ''}${spanText(d.forecast, lang)}`;
    const actual =
      d.actualSeconds === null
        ? t('notYet', lang)
        : `${durationText(d.actualSeconds, lang)}${
            r.timing?.rehearsal
              ? ` (${t('simulatedTime', lang)})`
              : d.errorPercent === null
                ? ''
                : ` (${t('forecastOff', lang)} ${d.errorPercent > 0 ? '+' : ''}${d.errorPercent} %)`
          }`;
    return [
      `${t('downtimeOne', lang)} ${quote(title(d.firstStep), lang)} → ${quote(title(d.lastStep), lang)}: ${t('forecast', lang)} ${forecast}; ${t('actual', lang)} ${actual}`,
      ...(d.unknown.length > 0 ? [`  ${t('unknownSteps', lang)}: ${d.unknown.map(title).join(', ')}`] : []),
    ];
  });
}

/** The downtime's steps in order, each at its planned offset from the start of its stretch. */
export function downtimeTimeline(r: RunReport, lang: Lang): TimelineRow[] {
  let offset = 0;
  const firsts = new Set((r.timing?.downtimes ?? []).map((d) => d.firstStep));
  return (r.timing?.steps ?? [])
    .filter((s) => s.inDowntime)
    .map((s) => {
      if (firsts.has(s.stepId)) offset = 0;
      const row = {
        offset: `+${durationText(offset, lang)}`,
        title: r.steps.find((x) => x.id === s.stepId)?.title ?? s.stepId,
        forecast: spanText(s.forecast, lang),
        actual: s.actualSeconds === null ? '' : durationText(s.actualSeconds, lang),
      };
      offset += s.forecast?.expected ?? 0;
      return row;
    });
}

/** A step's forecast for the steps table ('' when the run had none). */
export function stepForecast(r: RunReport, stepId: string, lang: Lang): string {
  const f = r.timing?.steps.find((s) => s.stepId === stepId);
  return f ? spanText(f.forecast, lang) : '';
}
