import { PLAN_TEXT, WARNINGS } from '../catalog/index.js';
import { type Lang, say } from '../i18n/index.js';
import { REASONS } from './reasons.js';
import type { Phase, Plan, PlanWarning, Reason } from './types.js';

/** Language-neutral plan parts → text in one language. */
export function reasonText(reason: Reason, lang: Lang): string {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(reason.params ?? {})) {
    params[key] = typeof value === 'object' ? value[lang] : value;
  }
  return say(REASONS[reason.code], lang, params);
}

export function warningText(warning: PlanWarning, lang: Lang): string {
  return say(WARNINGS[warning.code], lang, warning.params);
}

export function phaseTitle(phase: Phase, lang: Lang): string {
  return say(phase.title, lang, phase.titleParams);
}

export function planTitle(plan: Plan, lang: Lang): string | undefined {
  return plan.target ? PLAN_TEXT[plan.target.plan][lang] : undefined;
}

/** How many steps of each kind of applicability the plan has. */
export function countApplies(plan: Plan): { required: number; optional: number; no: number } {
  const counts = { required: 0, optional: 0, no: 0 };
  for (const phase of plan.phases) for (const step of phase.steps) counts[step.applies]++;
  return counts;
}
