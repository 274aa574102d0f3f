import { type Lang, say, type Text } from '../i18n/index.js';
import type { Basis, Forecast, Span } from './types.js';

/** "40 s", "12 min", "1 h 05 min" (German: "1 Std. 05 min"). */
export function durationText(seconds: number, lang: Lang): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} ${lang === 'de' ? 'Std.' : 'h'} ${String(m % 60).padStart(2, '0')} min`;
}

/** "12 min (8 min – 20 min)", or "unknown". */
export function spanText(span: Span | null, lang: Lang): string {
  if (!span) return say(WORDS.unknown, lang);
  const expected = durationText(span.expected, lang);
  if (Math.round(span.low) === Math.round(span.high)) return expected;
  return `${expected} (${durationText(span.low, lang)} – ${durationText(span.high, lang)})`;
}

const WORDS = {
  unknown: { de: 'unbekannt', en: 'unknown' },
  sqlHistory: {
    de: '{size} MB zu {rate} MB/s, Median aus {n} Sicherungen in der Historie des SQL Servers',
    en: "{size} MB at {rate} MB/s, the median of {n} backups in the SQL Server's history",
  },
  sqlHistoryVerify: {
    de: '{size} MB zu {rate} MB/s (Median aus {n} Sicherungen des SQL Servers), zweimal: sichern und prüfen',
    en: "{size} MB at {rate} MB/s (the median of {n} of the SQL Server's backups), twice: back up and verify",
  },
  bmLog: {
    de: 'Median aus {n} Läufen ({operation}) im Log des Backup-Managers',
    en: "the median of {n} runs ({operation}) in the Backup-Manager's log",
  },
  restoreFromBackup: {
    de: '{size} MB zur Sicherungsrate {rate} MB/s, mal 1–2 (SQL Server zeichnet keine Restore-Dauern auf)',
    en: '{size} MB at the backup rate of {rate} MB/s, times 1–2 (SQL Server records no restore durations)',
  },
  typical: {
    de: 'typisch für diese Art Schritt; eigene Schätzung: --estimate {step}=MINUTEN',
    en: 'typical for this kind of step; your own: --estimate {step}=MINUTES',
  },
  operator: { de: 'Ihre Schätzung: {minutes} min', en: 'your estimate: {minutes} min' },
  previousRun: {
    de: 'gemessen im letzten Lauf auf diesem Server ({run})',
    en: 'measured in the last run on this server ({run})',
  },
  'database-sizes': {
    de: 'unbekannt: der Zwilling kennt die Datenbankgrößen nicht',
    en: 'unknown: the twin has no database sizes',
  },
  'backup-history': {
    de: 'unbekannt: keine Vollsicherung in der Historie des SQL Servers (msdb)',
    en: "unknown: no full backup in the SQL Server's history (msdb)",
  },
  'script-throughput': {
    de: 'unbekannt: für Skript-Export und -Import hat xpmigrate kein Maß; eigene Schätzung: --estimate {step}=MINUTEN',
    en: 'unknown: xpmigrate has no measure for a script export or import; your own: --estimate {step}=MINUTES',
  },
  backup: { de: 'Sicherung', en: 'backup' },
  restore: { de: 'Wiederherstellung', en: 'restore' },
  downtime: {
    de: 'Ausfallzeit von XPhone: {span}, von „{first}“ bis „{last}“',
    en: 'XPhone downtime: {span}, from "{first}" to "{last}"',
  },
  atLeast: { de: 'mindestens {span}', en: 'at least {span}' },
  unknownSteps: { de: 'ohne die unbekannten Schritte: {steps}', en: 'without the unknown steps: {steps}' },
  noDowntime: {
    de: 'Ausfallzeit von XPhone: dieser Weg hält den Server nicht an',
    en: 'XPhone downtime: this path does not stop the server',
  },
  total: { de: 'Gesamtdauer: {span}', en: 'Whole run: {span}' },
} satisfies Record<string, Text>;

const mb = (n: number) => String(Math.round(n));
const rate = (n: number) => (n >= 10 ? String(Math.round(n)) : n.toFixed(1));

/** Why a step's forecast is what it is, in words. */
export function basisText(basis: Basis, stepId: string, lang: Lang): string {
  switch (basis.kind) {
    case 'sql-history':
      return say(basis.factor === 2 ? WORDS.sqlHistoryVerify : WORDS.sqlHistory, lang, {
        size: mb(basis.sizeMb),
        rate: rate(basis.rate.median),
        n: basis.rate.samples,
      });
    case 'bm-log':
      return say(WORDS.bmLog, lang, { n: basis.runs, operation: say(WORDS[basis.operation], lang) });
    case 'restore-from-backup':
      return say(WORDS.restoreFromBackup, lang, {
        size: mb(basis.sizeMb),
        rate: rate(basis.rate.median),
      });
    case 'typical':
      return say(WORDS.typical, lang, { step: stepId });
    case 'operator':
      return say(WORDS.operator, lang, { minutes: basis.minutes });
    case 'previous-run':
      return say(WORDS.previousRun, lang, { run: basis.runId.slice(0, 8) });
    case 'unknown':
      return say(WORDS[basis.needs], lang, { step: stepId });
  }
}

/** The downtime lines: each stretch's length (a lower bound when steps in it are unknown), first and last step. */
export function downtimeText(forecast: Forecast, titleOf: (stepId: string) => string, lang: Lang): string {
  if (forecast.downtimes.length === 0) return say(WORDS.noDowntime, lang);
  return forecast.downtimes
    .map((d) => {
      const span =
        d.unknown.length > 0
          ? say(WORDS.atLeast, lang, { span: spanText(d.span, lang) })
          : spanText(d.span, lang);
      const line = say(WORDS.downtime, lang, {
        span,
        first: titleOf(d.firstStep),
        last: titleOf(d.lastStep),
      });
      return d.unknown.length > 0
        ? `${line}; ${say(WORDS.unknownSteps, lang, { steps: d.unknown.map(titleOf).join(', ') })}`
        : line;
    })
    .join('\n');
}

/** The whole run: a lower bound when a step's duration is unknown. */
export function totalText(forecast: Forecast, lang: Lang): string {
  const span = spanText(forecast.total, lang);
  const unknown = forecast.steps.some((f) => !f.span);
  return say(WORDS.total, lang, { span: unknown ? say(WORDS.atLeast, lang, { span }) : span });
}
