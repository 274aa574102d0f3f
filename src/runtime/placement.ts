import { type DrivingRole, parseVersion, TARGET_MAJOR } from '../catalog/index.js';
import type { Host } from '../host/index.js';
import { sayAll, type Text } from '../i18n/index.js';
import type { MachineContext, RunStep } from '../machines/index.js';
import type { RunSettings } from './run-settings.js';

/** The run's XPhone servers by role: the computer names known so far. */
export type MachineNames = Partial<Record<DrivingRole, string>>;

/**
 * The names known at start (the machine `start` ran on; the old server's from its twin) and, for
 * each hand-over done, the machine its operator named. Read from the checkpoint's context, so a
 * rollback to before a hand-over forgets it again.
 */
export function machineNames(
  settings: Pick<RunSettings, 'machines'>,
  steps: RunStep[],
  context: MachineContext,
): MachineNames {
  const names: MachineNames = { ...settings.machines };
  for (const step of steps) {
    const named = context.evidence[step.id]?.machine;
    if (step.handOverTo && named && context.done.includes(step.id)) names[step.handOverTo] = named;
  }
  return names;
}

/** Computer names compare as Windows does: case-insensitive, the NetBIOS name without its domain. */
export function sameMachine(a: string, b: string): boolean {
  const short = (name: string) => name.trim().split('.')[0]!.toUpperCase();
  return short(a) === short(b);
}

/** Why this machine may not drive the run's current step: the step wants another one. */
export interface Elsewhere {
  stepId: string;
  /** The XPhone server the step is driven on, and its name where the run knows it. */
  role: DrivingRole;
  machine?: string;
  /** This machine's name, and its role in the run where it has one (the old server after a hand-over). */
  here: string;
  hereRole?: DrivingRole;
  /** The XPhone version installed here when it tells this is not the new server. */
  installed?: string;
}

/**
 * Whether this machine is the one the step is driven on, checked before anything of the step
 * runs (recovery, effect, prompt): its name is the one bound to the role; a machine bound to the
 * other role never drives it; and the new server does not run an old XPhone (a name typed wrong
 * at the hand-over). A role not bound yet (runs from before machines were named) is taken by any
 * machine that is not the other one.
 */
export async function checkPlacement(
  step: RunStep,
  names: MachineNames,
  host: Pick<Host, 'machineName' | 'installedVersion'>,
): Promise<Elsewhere | undefined> {
  const here = await host.machineName();
  const role = step.drivenOn;
  const expected = names[role];
  const hereRole = (Object.keys(names) as DrivingRole[]).find((r) => sameMachine(names[r]!, here));
  const base = { stepId: step.id, role, here, ...(expected ? { machine: expected } : {}) };
  if (expected ? !sameMachine(expected, here) : hereRole !== undefined && hereRole !== role)
    return { ...base, ...(hereRole ? { hereRole } : {}) };
  if (role === 'new' && names.old) {
    const installed = await host.installedVersion();
    const version = installed ? parseVersion(installed) : undefined;
    if (version?.ok && version.version.major < TARGET_MAJOR) return { ...base, installed };
  }
  return undefined;
}

const NOT_HERE: Text = {
  de: 'Schritt {step} wird auf {machine} ausgeführt, nicht auf diesem Rechner ({here}): den Befehl dort geben',
  en: 'step {step} is driven on {machine}, not on this machine ({here}): give the command there',
};

/** Why a command given on a machine that does not drive the run is refused, in both languages. */
export function notHereReason(away: Elsewhere): Text {
  return sayAll(NOT_HERE, { step: away.stepId, machine: away.machine ?? away.role, here: away.here });
}
