import type { Text } from '../i18n/index.js';
import type { EffectRef } from './effects.js';

/** How a step gets done (DESIGN.md "The step model"). */
export const StepKind = {
  auto: 'auto',
  manual: 'manual',
  check: 'check',
  reboot: 'reboot',
  snapshot: 'snapshot',
} as const;
export type StepKind = (typeof StepKind)[keyof typeof StepKind];

/** What the runtime does when the process died while the step's effect was running. */
export const Recovery = {
  /** Idempotent: run it again. */
  rerun: 'rerun',
  /** Ask the outside world whether it happened. */
  probe: 'probe',
  /** Stop and let the operator decide. */
  ask: 'ask',
} as const;
export type Recovery = (typeof Recovery)[keyof typeof Recovery];

/**
 * A named fact that decides whether a conditional step applies. The plan module maps each
 * to the user's answers; the catalog only names them.
 */
export type Condition =
  | 'virtual'
  | 'analytics'
  | 'littleDowntime'
  | 'notLatestV4'
  | 'serviceAccount'
  | 'mapi'
  | 'newMachine';

/** A value the operator must enter to confirm a manual step. */
export interface EvidenceField {
  key: string;
  label: Text;
  /** A regular expression the value must match (e.g. a version). */
  pattern?: string;
  /** The value is the installed XPhone version: a confirm is accepted only when the server reports it. */
  installedVersion?: boolean;
}

/** Where in the vendor's guide a step comes from (German section heading, item). */
export interface GuideRef {
  section: string;
  item?: string;
}

export interface StepDef {
  /** Stable forever: checkpoints and journals refer to it. */
  id: string;
  /** The guide's row or point number where it has one ("7a", "6c"). */
  row?: string;
  kind: StepKind;
  title: Text;
  help: Text;
  source: GuideRef;
  recovery: Recovery;
  /** The actor that performs an auto/check/reboot/snapshot step. */
  effect?: EffectRef;
  /** Decides applicability outside the matrix; unanswered → optional. */
  condition?: Condition;
  /** Whether the guide only recommends the step (it is then optional unless a condition decides). */
  recommended?: boolean;
  evidence?: EvidenceField[];
}
