import { MACHINE_ROLE_TEXT } from '../catalog/index.js';
import type { Lang } from '../i18n/index.js';
import { routeTitle, runStatusText } from '../plan/index.js';
import type { ReportStep, RunReport } from './collect.js';
import { markdownText, visible } from './markdown.js';
import { R } from './texts.js';
import { downtimeLines, downtimeTimeline, stepForecast } from './timeline.js';

const t = (key: keyof typeof R, lang: Lang) => R[key][lang];

const seconds = (s: number | null) =>
  s === null
    ? ''
    : s < 60
      ? `${Math.round(s)} s`
      : s < 3600
        ? `${Math.round(s / 60)} min`
        : `${(s / 3600).toFixed(1)} h`;

const evidenceText = (e: Record<string, string>) =>
  Object.entries(e)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

const versionsText = (r: RunReport, lang: Lang) =>
  [
    `${t('before', lang)}: ${r.versions.before ?? '?'}`,
    ...r.versions.steps.map((v) => `→ ${v.version} (${v.at})`),
  ].join(' ');

function stepNote(s: ReportStep, lang: Lang): string {
  return [
    s.reason ? `${t('skipped', lang)}: ${s.reason}` : '',
    s.note ? `${t('note', lang)}: ${s.note}` : '',
    ...s.failures.map((f) => `${t('failed', lang)} ${f.at}: ${f.code} ${f.detail}`),
  ]
    .filter(Boolean)
    .join('; ');
}

/** The XPhone servers the run ran on: "existing XPhone server OLDXPHONE, new XPhone server NEWXPHONE". */
function machinesText(r: RunReport, lang: Lang): string {
  return (['old', 'new'] as const)
    .filter((role) => r.machines[role])
    .map((role) => `${MACHINE_ROLE_TEXT[role][lang]} ${r.machines[role]}`)
    .join(', ');
}

/** Markdown: readable as text, renders as tables. */
export function reportMarkdown(r: RunReport, lang: Lang): string {
  const cell = markdownText;
  const lines = [
    `# ${t('title', lang)}: ${cell(r.title)}`,
    '',
    `- ${t('run', lang)}: ${r.runId}${r.simulate ? ` (${t('rehearsal', lang)})` : ''}`,
    `- ${t('path', lang)}: ${routeTitle(r.route, lang)}${r.plan ? `, ${t('plan', lang)} ${r.plan}` : ''}`,
    `- ${t('status', lang)}: ${runStatusText(r.status, lang)}`,
    `- ${t('started', lang)}: ${r.startedAt}; ${t('updated', lang)}: ${r.updatedAt}`,
    `- ${t('versions', lang)}: ${versionsText(r, lang)}`,
    ...(Object.keys(r.machines).length > 0
      ? [`- ${t('machines', lang)}: ${cell(machinesText(r, lang))}`]
      : []),
    '',
    `## ${t('steps', lang)}`,
    '',
    `| | ${t('step', lang)} | ${t('status', lang)} | ${t('by', lang)} | ${t('when', lang)} | ${t('evidence', lang)} | ${t('attempts', lang)} | ${t('duration', lang)} | ${t('forecast', lang)} | |`,
    '|---|---|---|---|---|---|---|---|---|---|',
    ...r.steps.map(
      (s, i) =>
        `| ${i + 1} | ${cell(`${s.title} (${s.id}; ${t('on', lang)} ${s.where})`)} | ${t(s.status, lang)} | ${cell(s.by ?? '')} | ${s.at ?? ''} | ${cell(evidenceText(s.evidence))} | ${s.attempts || ''} | ${seconds(s.durationSeconds)} | ${cell(stepForecast(r, s.id, lang))} | ${cell(stepNote(s, lang))} |`,
    ),
    '',
    ...downtimeMarkdown(r, lang),
    `## ${t('snapshots', lang)}`,
    '',
    ...(r.snapshots.length === 0
      ? [t('none', lang)]
      : r.snapshots.map(
          (s) =>
            `- ${s.name} (${s.provider}, ${s.stepId}, ${s.at})${s.removedAt ? ` – ${t('removed', lang)} ${s.removedAt}` : ''}`,
        )),
    '',
    `## ${t('rollbacks', lang)}`,
    '',
    ...(r.rollbacks.length === 0
      ? [t('none', lang)]
      : r.rollbacks.map((b) => `- ${b.at} ${b.kind} ${b.snapshot ?? ''} (${b.who}) ${b.detail}`.trimEnd())),
    '',
    `## ${t('warnings', lang)}`,
    '',
    ...(r.warnings.length === 0 ? [t('none', lang)] : r.warnings.map((w) => `- ${cell(w)}`)),
  ];
  return `${lines.join('\n')}\n`;
}

/** The downtime: forecast and actual, then its steps as a timeline (only when the run had a forecast). */
function downtimeMarkdown(r: RunReport, lang: Lang): string[] {
  if (!r.timing?.downtimes.length) return [];
  const cell = markdownText;
  return [
    `## ${t('downtime', lang)}`,
    '',
    ...downtimeLines(r, lang).map((l) => `- ${cell(l)}`),
    '',
    `| ${t('plannedStart', lang)} | ${t('step', lang)} | ${t('forecast', lang)} | ${t('actual', lang)} |`,
    '|---|---|---|---|',
    ...downtimeTimeline(r, lang).map(
      (row) => `| ${row.offset} | ${cell(row.title)} | ${row.forecast} | ${row.actual} |`,
    ),
    '',
  ];
}

function downtimeHtml(r: RunReport, lang: Lang): string {
  if (!r.timing?.downtimes.length) return '';
  const rows = downtimeTimeline(r, lang)
    .map(
      (row) =>
        `<tr><td>${esc(row.offset)}</td><td>${esc(row.title)}</td><td>${esc(row.forecast)}</td><td>${esc(row.actual)}</td></tr>`,
    )
    .join('\n');
  return `<h2>${esc(t('downtime', lang))}</h2>
<ul>${downtimeLines(r, lang)
    .map((l) => `<li>${esc(l)}</li>`)
    .join('')}</ul>
<table class="timeline">
<thead><tr><th>${esc(t('plannedStart', lang))}</th><th>${esc(t('step', lang))}</th><th>${esc(t('forecast', lang))}</th><th>${esc(t('actual', lang))}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
`;
}

const esc = (s: string) =>
  visible(s)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

/** One HTML file, no outside resources, laid out for A4 when printed. */
export function reportHtml(r: RunReport, lang: Lang): string {
  const list = (items: string[]) =>
    items.length === 0
      ? `<p>${esc(t('none', lang))}</p>`
      : `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
  const rows = r.steps
    .map(
      (s, i) =>
        `<tr class="${s.status}"><td>${i + 1}</td><td>${esc(s.title)}<br><small>${esc(s.id)} · ${esc(t('on', lang))} ${esc(s.where)}</small></td><td>${esc(t(s.status, lang))}</td><td>${esc(s.by ?? '')}</td><td>${esc(s.at ?? '')}</td><td>${esc(evidenceText(s.evidence))}</td><td>${s.attempts || ''}</td><td>${esc(seconds(s.durationSeconds))}</td><td>${esc(stepForecast(r, s.id, lang))}</td><td>${esc(stepNote(s, lang))}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${esc(t('title', lang))}: ${esc(r.title)}</title>
<style>
  body { font: 10.5pt/1.4 "Segoe UI", Arial, sans-serif; margin: 2em; color: #111; }
  h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 1.5em; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #bbb; padding: 3px 5px; vertical-align: top; text-align: left; }
  th { background: #eee; } small { color: #555; }
  tr.failed td { background: #fde8e8; } tr.skipped td { color: #666; } tr.forced td { background: #fff4e0; font-weight: 600; } tr.not-needed td { color: #999; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 1em; } dt { font-weight: 600; }
  @page { size: A4 landscape; margin: 12mm; }
  @media print { body { margin: 0; } tr { break-inside: avoid; } thead { display: table-header-group; } }
</style>
</head>
<body>
<h1>${esc(t('title', lang))}: ${esc(r.title)}</h1>
<dl>
<dt>${esc(t('run', lang))}</dt><dd>${esc(r.runId)}${r.simulate ? ` (${esc(t('rehearsal', lang))})` : ''}</dd>
<dt>${esc(t('path', lang))}</dt><dd>${esc(routeTitle(r.route, lang))}${r.plan ? `, ${esc(t('plan', lang))} ${esc(r.plan)}` : ''}</dd>
<dt>${esc(t('status', lang))}</dt><dd>${esc(runStatusText(r.status, lang))}</dd>
<dt>${esc(t('started', lang))}</dt><dd>${esc(r.startedAt)}</dd>
<dt>${esc(t('updated', lang))}</dt><dd>${esc(r.updatedAt)}</dd>
<dt>${esc(t('versions', lang))}</dt><dd>${esc(versionsText(r, lang))}</dd>
${Object.keys(r.machines).length > 0 ? `<dt>${esc(t('machines', lang))}</dt><dd>${esc(machinesText(r, lang))}</dd>` : ''}
</dl>
<h2>${esc(t('steps', lang))}</h2>
<table>
<thead><tr><th></th><th>${esc(t('step', lang))}</th><th>${esc(t('status', lang))}</th><th>${esc(t('by', lang))}</th><th>${esc(t('when', lang))}</th><th>${esc(t('evidence', lang))}</th><th>${esc(t('attempts', lang))}</th><th>${esc(t('duration', lang))}</th><th>${esc(t('forecast', lang))}</th><th></th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${downtimeHtml(r, lang)}<h2>${esc(t('snapshots', lang))}</h2>
${list(r.snapshots.map((s) => `${s.name} (${s.provider}, ${s.stepId}, ${s.at})${s.removedAt ? ` – ${t('removed', lang)} ${s.removedAt}` : ''}`))}
<h2>${esc(t('rollbacks', lang))}</h2>
${list(r.rollbacks.map((b) => `${b.at} ${b.kind} ${b.snapshot ?? ''} (${b.who}) ${b.detail}`.trimEnd()))}
<h2>${esc(t('warnings', lang))}</h2>
${list(r.warnings)}
</body>
</html>
`;
}
