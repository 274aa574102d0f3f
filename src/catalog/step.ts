import type { Text } from '../i18n/index.js';
import type { EffectRef } from './effects.js';
import type { DrivingRole, MachineRole } from './machines.js';

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
  | 'newMachine'
  | 'sameMachine';

export type OptionalWhy = 'recommended' | 'asNeeded' | 'may';

/** A value the operator must enter to confirm a manual step. */
export interface EvidenceField {
  key: string;
  label: Text;
  /** A regular expression the value must match (e.g. a version): checked, never shown. */
  pattern?: string;
  /** What to enter, in words with an example: shown wherever a value is asked for. */
  hint?: Text;
  /** The value is a version: "V7" and "v 7" are taken as "7". */
  version?: boolean;
  /** The value is the installed XPhone version: a confirm is accepted only when the server reports it. */
  installedVersion?: boolean;
  /** The value is this run's setting of that name (one service account per run). */
  setting?: 'serviceAccount';
  /** The value lists databases of the run (comma-separated). */
  databases?: boolean;
  /** The value names what the Backup-Manager's backup or restore left (its file or its log). */
  backupManager?: 'backup' | 'restore';
  /** The value is the computer name of the machine that takes the run over (never this one's). */
  machineName?: DrivingRole;
}

/** The version an operator installed: `major` alone, or with up to three more parts. */
export function versionEvidence(
  major: number,
  label: Text,
  extra: Partial<EvidenceField> = {},
): EvidenceField {
  return {
    key: 'version',
    label,
    pattern: `^${major}(\\.\\d+){0,3}$`,
    hint: {
      de: `Version, z. B. ${major}.0.100 („V${major}“ geht auch)`,
      en: `version, e.g. ${major}.0.100 ("V${major}" works too)`,
    },
    version: true,
    ...extra,
  };
}

/** Where in the vendor's guide a step comes from (German section heading, item). */
export interface GuideRef {
  section: string;
  item?: string;
  /** The page of the vendor's help the guide points to at this step, as printed there. */
  link?: string;
}

export interface StepDef {
  /** Stable forever: checkpoints and journals refer to it. */
  id: string;
  /** The guide's row or point number where it has one ("7a", "6c"). */
  row?: string;
  kind: StepKind;
  /** Where it happens (catalog/machines.ts); plan D and in-place routes read `new` as the one server. */
  machine: MachineRole;
  title: Text;
  help: Text;
  source: GuideRef;
  recovery: Recovery;
  /** The actor that performs an auto/check/reboot/snapshot step. */
  effect?: EffectRef;
  /** Decides applicability outside the matrix; unanswered → optional. */
  condition?: Condition;
  /**
   * Why the step is optional when no condition decides: the guide recommends it ("Empfehlung"),
   * leaves it to need ("lassen sich übernehmen"), or allows it ("kann … gelöscht werden").
   */
  optional?: OptionalWhy;
  evidence?: EvidenceField[];
  /** What the operator's action leaves on the step's machine, for the rehearsal's operator to do too. */
  operatorStops?: 'services';
  /** A hand-over (catalog/handover.ts): once done, the run is driven on this machine. */
  handOverTo?: DrivingRole;
}
