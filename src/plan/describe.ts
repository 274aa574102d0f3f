import {
  type DrivingRole,
  MACHINE_ROLE_TEXT,
  type MachineRole,
  PLAN_TEXT,
  WARNINGS,
} from '../catalog/index.js';
import { type Lang, RUN_STATUS_TEXT, say, type Text } from '../i18n/index.js';
import { REASONS } from './reasons.js';
import type { Phase, Plan, PlannedStep, PlanWarning, Reason, Route } from './types.js';

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

const ROUTE_TEXT: Record<Route, Text> = {
  v4v9: { de: 'Migration V4 → V9', en: 'Migration V4 → V9' },
  'hops-v8v9': { de: 'Updates bis V8, dann Umzug nach V9', en: 'Updates to V8, then the move to V9' },
  v8v9: { de: 'Umzug V8/V9 → V9', en: 'Move V8/V9 → V9' },
  'sql-express': { de: 'SQL Express Update auf 2019', en: 'SQL Express upgrade to 2019' },
  'db-script': { de: 'Datenbank-Umzug mit SQL Scripts', en: 'Database move with SQL scripts' },
};

/** The path a run takes, in words ("Umzug V8/V9 → V9"); an unknown one as it is stored. */
export function routeTitle(route: string, lang: Lang): string {
  return (ROUTE_TEXT as Record<string, Text>)[route]?.[lang] ?? route;
}

/** A run's status in words ("wartet auf Bestätigung"); an unknown one as it is stored. */
export function runStatusText(status: string, lang: Lang): string {
  return RUN_STATUS_TEXT[status]?.[lang] ?? status;
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

const DRIVEN_FROM: Text = { de: '{machine} (von: {driver})', en: '{machine} (from: {driver})' };

/**
 * Where a step happens, in words: its machine, by name where the run knows it ("bisheriger XPhone
 * Server OLDXPHONE"), and where xpmigrate runs for it when that is another XPhone server.
 */
export function machineText(
  step: Pick<PlannedStep, 'machine' | 'drivenOn'>,
  lang: Lang,
  names: Partial<Record<DrivingRole, string>> = {},
): string {
  const label = (role: MachineRole) => {
    const name = role === 'old' || role === 'new' ? names[role] : undefined;
    return name ? `${MACHINE_ROLE_TEXT[role][lang]} ${name}` : MACHINE_ROLE_TEXT[role][lang];
  };
  if (step.machine === 'operator' || step.machine === step.drivenOn) return label(step.machine);
  return say(DRIVEN_FROM, lang, { machine: label(step.machine), driver: label(step.drivenOn) });
}
