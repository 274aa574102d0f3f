import { GUIDE_LINKS, type Mark, PLANS, type StepKind } from '../../catalog/index.js';
import { type Lang, say } from '../../i18n/index.js';
import {
  type Applies,
  countApplies,
  machineText,
  type Phase,
  type Plan,
  phaseTitle,
  planTitle,
  reasonText,
  warningText,
} from '../../plan/index.js';
import { markdownText } from '../../report/index.js';
import { T } from '../texts/index.js';

const APPLIES_TEXT: Record<Applies, keyof typeof T> = {
  required: 'appliesRequired',
  optional: 'appliesOptional',
  no: 'appliesNo',
};
const KIND_TEXT: Record<StepKind, keyof typeof T> = {
  auto: 'kindAuto',
  manual: 'kindManual',
  check: 'kindCheck',
  reboot: 'kindReboot',
  snapshot: 'kindSnapshot',
};

/** One row of a phase table, as plain strings (shared by text and markdown). */
interface Row {
  row: string;
  marks?: string[];
  applies: string;
  kind: string;
  machine: string;
  title: string;
  reason: string;
  /** The vendor's help page the guide gives at this step. */
  link?: string;
}

function rows(phase: Phase, lang: Lang): Row[] {
  return phase.steps.map(({ def, applies, reason, marks, machine, drivenOn }) => ({
    row: def.row ? (def.source.item ?? def.row) : '',
    ...(phase.id === 'v8v9' ? { marks: PLANS.map((p) => markText(marks?.[p])) } : {}),
    applies: say(T[APPLIES_TEXT[applies]], lang),
    kind: say(T[KIND_TEXT[def.kind]], lang),
    machine: machineText({ machine, drivenOn }, lang),
    title: def.title[lang],
    reason: reasonText(reason, lang),
    ...(def.source.link ? { link: def.source.link } : {}),
  }));
}

function markText(mark: Mark | undefined): string {
  if (mark === undefined) return '';
  return mark === '' ? '–' : mark;
}

function header(plan: Plan, lang: Lang): string[] {
  const lines: string[] = [];
  if (plan.from) lines.push(`${say(T.headFrom, lang)}: ${plan.from.productName} (${plan.from.normalized})`);
  if (plan.job === 'upgrade')
    lines.push(
      `${say(T.headTo, lang)}: ${
        plan.target?.plan === 'D'
          ? say(T.headToPlanD, lang, { product: plan.from?.productName ?? '' })
          : 'XPhone Connect V9'
      }`,
    );
  if (plan.target) {
    lines.push(`${say(T.headPlan, lang)} ${plan.target.plan}: ${planTitle(plan, lang)}`);
    lines.push(`  (${reasonText(plan.target.reason, lang)})`);
  }
  return lines;
}

/** The guide's link at the plan choice ("Hinweise zur Nutzung eines vorhandenen SQL Servers"). */
function planChoiceLink(plan: Plan, lang: Lang): string | undefined {
  return plan.target ? say(T.planChoiceLink, lang, { url: GUIDE_LINKS.externalSql }) : undefined;
}

export function planToText(plan: Plan, lang: Lang): string {
  const lines = header(plan, lang);
  const choice = planChoiceLink(plan, lang);
  if (choice) lines.push(`  ${choice}`);
  if (plan.warnings.length > 0) {
    lines.push('', `${say(T.headWarnings, lang)}:`);
    for (const w of plan.warnings) lines.push(`  ! ${warningText(w, lang)}`);
  }
  plan.phases.forEach((phase, i) => {
    lines.push('', `${say(T.headPhase, lang)} ${i + 1}: ${phaseTitle(phase, lang)}`);
    const table = rows(phase, lang);
    const withMarks = table.some((r) => r.marks);
    const head = [
      say(T.colRow, lang),
      ...(withMarks ? [...PLANS] : []),
      say(T.colApplies, lang),
      say(T.colKind, lang),
      say(T.colMachine, lang),
      say(T.colStep, lang),
    ];
    const body = table.map((r) => [r.row, ...(r.marks ?? []), r.applies, r.kind, r.machine, r.title]);
    const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => (b[c] ?? '').length)));
    const fmt = (cells: string[]) =>
      `  ${cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c] ?? 0))).join('  ')}`.trimEnd();
    lines.push(fmt(head));
    table.forEach((r, k) => {
      lines.push(fmt(body[k] ?? []));
      const indent = ' '.repeat(2 + widths.slice(0, -1).reduce((a, w) => a + w + 2, 0));
      lines.push(`${indent}↳ ${r.reason}`);
      if (r.link) lines.push(`${indent}  ${say(T.guideLink, lang, { url: r.link })}`);
    });
    if (withMarks) lines.push(`  ${say(T.legend, lang)}`);
  });
  const counts = countApplies(plan);
  lines.push('', say(T.summaryLine, lang, counts));
  return `${lines.join('\n')}\n`;
}

export function planToMarkdown(plan: Plan, lang: Lang): string {
  const cell = markdownText;
  const lines = [`# xpmigrate plan`, '', ...header(plan, lang).map((l) => `${cell(l.trim())}  `)];
  const choice = planChoiceLink(plan, lang);
  if (choice) lines.push(choice); // a URL is left as it is: escaped, it would not link
  if (plan.warnings.length > 0) {
    lines.push('', `## ${say(T.headWarnings, lang)}`, '');
    for (const w of plan.warnings) lines.push(`- ${cell(warningText(w, lang))}`);
  }
  plan.phases.forEach((phase, i) => {
    lines.push('', `## ${say(T.headPhase, lang)} ${i + 1}: ${cell(phaseTitle(phase, lang))}`, '');
    const table = rows(phase, lang);
    const withMarks = table.some((r) => r.marks);
    const head = [
      say(T.colRow, lang),
      ...(withMarks ? [...PLANS] : []),
      say(T.colApplies, lang),
      say(T.colKind, lang),
      say(T.colMachine, lang),
      say(T.colStep, lang),
      say(T.colReason, lang),
    ];
    lines.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
    for (const r of table) {
      lines.push(
        `| ${[r.row, ...(r.marks ?? []), r.applies, r.kind, r.machine, r.title, r.reason].map(cell).join(' | ')}${r.link ? ` – ${r.link}` : ''} |`,
      );
    }
    if (withMarks) lines.push('', say(T.legend, lang));
  });
  lines.push('', say(T.summaryLine, lang, countApplies(plan)));
  return `${lines.join('\n')}\n`;
}
