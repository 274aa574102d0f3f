import type {
  DrivingRole,
  MachineRole,
  Mark,
  PlanId,
  StepDef,
  WarningCode,
  XPhoneVersion,
} from '../catalog/index.js';
import type { Text } from '../i18n/index.js';
import type { Job, PlanInput } from './input.js';
import type { ReasonCode } from './reasons.js';

export const APPLIES = ['required', 'optional', 'no'] as const;
export type Applies = (typeof APPLIES)[number];

/** Placeholder values may themselves be bilingual (e.g. a list of criteria). */
export type ReasonParams = Readonly<Record<string, string | number | Text>>;

export interface Reason {
  code: ReasonCode;
  params?: ReasonParams;
}

export interface PlannedStep {
  def: StepDef;
  applies: Applies;
  reason: Reason;
  /** The guide's marks for this step's row (V8 → V9 steps only). */
  marks?: Record<PlanId, Mark>;
  /** Where the step happens (plan D: the one XPhone server is `old`). */
  machine: MachineRole;
  /** The XPhone server xpmigrate runs on while this step is the run's (plan/machines.ts). */
  drivenOn: DrivingRole;
}

export interface Phase {
  id: string;
  title: Text;
  titleParams?: Readonly<Record<string, string | number>>;
  steps: PlannedStep[];
}

/** One machine per route (see src/machines). */
export const ROUTES = ['v4v9', 'hops-v8v9', 'v8v9', 'sql-express', 'db-script'] as const;
export type Route = (typeof ROUTES)[number];

export interface PlanWarning {
  code: WarningCode;
  params?: Readonly<Record<string, string | number>>;
}

export interface Plan {
  job: Job;
  route: Route;
  from?: XPhoneVersion;
  target?: { plan: PlanId; reason: Reason };
  phases: Phase[];
  warnings: PlanWarning[];
  input: PlanInput;
}
