import {
  type DrivingRole,
  type GuideRef,
  handOverStep,
  type MachineRole,
  type PlanId,
  type StepDef,
} from '../catalog/index.js';
import type { Text } from '../i18n/index.js';
import type { Phase, PlannedStep } from './types.js';

/** A step as the catalog has it, decided for the plan, before its machine is placed. */
export type DecidedStep = Omit<PlannedStep, 'machine' | 'drivenOn'>;
export type DecidedPhase = Omit<Phase, 'steps'> & { steps: DecidedStep[] };

export interface Placement {
  /** Plan D keeps the XPhone server where it is: the matrix's "new" server is the existing one. */
  plan?: PlanId;
  /** Where in the guide the machine changes (V4 point 4; the plans' new machine); none: it never does. */
  handOver?: GuideRef;
  /** What travels with the store at the hand-over besides it. */
  carry?: Text;
}

/**
 * Names the machine of every step and the XPhone server xpmigrate runs on for it. The run starts
 * on the machine of the first step that happens on an XPhone server. Where steps of the new
 * server follow the old one's, a hand-over is put right after the old server's last step, before
 * the first one that is not the operator's own (the new machine is set up before it takes over;
 * the SQL Server's rows are driven from where XPhone will use them). Steps of the old server after
 * that (its final backup, its stop) are driven from the new one: they are the operator's, with
 * evidence the new machine can check (catalog test).
 */
export function placeOnMachines(phases: DecidedPhase[], o: Placement): Phase[] {
  const roleOf = (def: StepDef): MachineRole =>
    o.plan === 'D' && def.machine === 'new' ? 'old' : def.machine;
  const applying = phases.flatMap((p) => p.steps).filter((s) => s.applies !== 'no');
  const roles = applying.map((s) => roleOf(s.def));
  const firstNew = roles.indexOf('new');
  const lastOld = firstNew < 0 ? -1 : roles.lastIndexOf('old', firstNew);
  const at = lastOld < 0 ? -1 : roles.findIndex((r, i) => i > lastOld && r !== 'operator');
  const handOver = at >= 0 && o.handOver ? { before: applying[at], source: o.handOver } : undefined;
  let driving: DrivingRole = roles.find(isDriving) ?? 'old';
  return phases.map((phase) => {
    const steps: PlannedStep[] = [];
    for (const step of phase.steps) {
      if (handOver && step === handOver.before) {
        steps.push({
          def: handOverStep('new', handOver.source, o.carry),
          applies: 'required',
          reason: { code: 'handOver' },
          machine: 'old',
          drivenOn: 'old',
        });
        driving = 'new';
      }
      const machine = roleOf(step.def);
      // A step that does not apply is driven nowhere: shown on its own machine.
      const drivenOn = step.applies === 'no' && isDriving(machine) ? machine : driving;
      steps.push({ ...step, machine, drivenOn });
    }
    return { ...phase, steps };
  });
}

const isDriving = (role: MachineRole): role is DrivingRole => role === 'old' || role === 'new';
