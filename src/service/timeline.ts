import type { RunView, TimelineRow } from '../../visualizer/src/protocol.js';
import { failureTexts } from '../errors/index.js';
import type { Lang, Text } from '../i18n/index.js';
import type { JournalRow } from '../persistence/index.js';
import { redact } from './redact.js';

/** A step-failed row as the page shows it: code, text and remedy in the reader's language. */
export function failureOf(row: JournalRow, lang: Lang): NonNullable<RunView['prompt']>['failure'] {
  const d = row.detail as { code?: string; detail?: string; params?: Record<string, string | number> };
  const code = String(d.code ?? 'E_EFFECT');
  const { text, remedy } = failureTexts(code, d.params, String(d.detail ?? ''), lang);
  return { code, text: String(redact(text)), remedy: remedy === null ? null : String(redact(remedy)) };
}

/** The journal as the page's timeline: progress figures are left to the bars. */
export function timelineOf(rows: JournalRow[], lang: Lang): TimelineRow[] {
  return rows
    .filter((r) => r.kind !== 'progress')
    .map((r) => ({
      id: r.id,
      at: r.at,
      kind: r.kind,
      stepId: r.stepId,
      attempt: r.attempt,
      who: r.who,
      summary: summaryOf(r, lang),
    }));
}

function summaryOf(r: JournalRow, lang: Lang): string {
  if (r.kind === 'step-failed') {
    const f = failureOf(r, lang);
    return f ? `${f.code}: ${f.text}` : '';
  }
  const detail = redact(r.detail) as Record<string, unknown>;
  const parts: string[] = [];
  // A refusal keeps its reason in both languages: the reader's.
  if (r.kind === 'command-refused' || r.kind === 'command-duplicate') {
    const reason = lang === 'de' ? (detail.reasonDe ?? detail.reason) : detail.reason;
    if (reason) parts.push(String(reason));
  } else {
    if (detail.override === true) parts.push(DETAIL_WORDS.override[lang]);
    if (detail.reason) parts.push(`${DETAIL_WORDS.reason[lang]}: ${String(detail.reason)}`);
  }
  const evidence = detail.evidence as Record<string, unknown> | undefined;
  if (evidence && Object.keys(evidence).length > 0)
    parts.push(
      `${DETAIL_WORDS.evidence[lang]}: ${Object.entries(evidence)
        .map(([k, v]) => `${k} = ${String(v)}`)
        .join(', ')}`,
    );
  if (Array.isArray(detail.files) && detail.files.length > 0)
    parts.push(`${DETAIL_WORDS.files[lang]}: ${detail.files.map(String).join(', ')}`);
  if (Array.isArray(detail.unverified) && detail.unverified.length > 0)
    parts.push(`${DETAIL_WORDS.unverified[lang]}: ${detail.unverified.map(String).join(', ')}`);
  // What no word above covers, as name = value (the journal's own record: xpmigrate history --json).
  const said = new Set([
    'override',
    'reason',
    'reasonDe',
    'evidence',
    'files',
    'unverified',
    'command',
    'stepId',
    'force',
  ]);
  for (const [k, v] of Object.entries(detail))
    if (!said.has(k) && v !== null && v !== undefined && typeof v !== 'object')
      parts.push(`${k} = ${String(v)}`);
  const text = parts.join(' · ');
  return text.length > 240 ? `${text.slice(0, 239)}…` : text;
}

/** The journal's details in words, for the page's timeline. */
const DETAIL_WORDS = {
  override: { de: 'als erledigt markiert, ohne dass er lief', en: 'marked done without having run' },
  reason: { de: 'Begründung', en: 'reason' },
  evidence: { de: 'Nachweis', en: 'evidence' },
  files: { de: 'Dateien', en: 'files' },
  unverified: { de: 'nicht geprüft (ohne CREATE DATABASE)', en: 'not verified (no CREATE DATABASE)' },
} satisfies Record<string, Text>;
