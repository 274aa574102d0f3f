import { PLANS, TARGET_MAJOR } from '../../catalog/index.js';
import type { Lang } from '../../i18n/index.js';
import {
  countApplies,
  machineText,
  type Plan,
  phaseTitle,
  planTitle,
  reasonText,
  warningText,
} from '../../plan/index.js';

/** The stable JSON shape of `xpmigrate plan --format json` (documented in the README). */
export function planToJson(plan: Plan, lang: Lang) {
  return {
    schema: 1,
    lang,
    job: plan.job,
    route: plan.route,
    from: plan.from
      ? {
          input: plan.from.raw,
          normalized: plan.from.normalized,
          major: plan.from.major,
          product: plan.from.productName,
        }
      : null,
    // Plan D moves only the databases: the XPhone Server keeps its version.
    to:
      plan.target?.plan === 'D'
        ? { major: plan.from?.major ?? null, databasesOnly: true }
        : { major: TARGET_MAJOR },
    plan: plan.target
      ? { id: plan.target.plan, title: planTitle(plan, lang), reason: reasonText(plan.target.reason, lang) }
      : null,
    warnings: plan.warnings.map((w) => ({ code: w.code, message: warningText(w, lang) })),
    phases: plan.phases.map((phase) => ({
      id: phase.id,
      title: phaseTitle(phase, lang),
      steps: phase.steps.map(({ def, applies, reason, marks, machine, drivenOn }) => ({
        id: def.id,
        row: def.row ?? null,
        applies,
        reason: reasonText(reason, lang),
        kind: def.kind,
        // Where it happens, and the XPhone server xpmigrate runs on for it (docs/maschinen.md).
        machine,
        drivenOn,
        where: machineText({ machine, drivenOn }, lang),
        title: def.title[lang],
        help: def.help[lang],
        source: { section: def.source.section, item: def.source.item ?? null, link: def.source.link ?? null },
        recovery: def.recovery,
        ...(marks ? { marks: Object.fromEntries(PLANS.map((p) => [p, marks[p]])) } : {}),
        evidence: (def.evidence ?? []).map((e) => ({
          key: e.key,
          label: e.label[lang],
          hint: e.hint?.[lang] ?? null,
        })),
      })),
    })),
    summary: countApplies(plan),
  };
}
