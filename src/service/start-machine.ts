import { parseVersion, TARGET_MAJOR } from '../catalog/index.js';
import { XpmError } from '../errors/index.js';
import type { Host } from '../host/index.js';
import type { Plan } from '../plan/index.js';
import { type MachineNames, sameMachine } from '../runtime/index.js';

/**
 * The XPhone servers' names a run starts with: this machine for the role its first steps are
 * driven on, and the old server's from its twin. A run whose first steps belong to the existing
 * XPhone server is refused on another machine: one whose name is not the twin's, or one whose
 * XPhone (none, or already V9) says it is the new server of a move from V5–V8.
 */
export async function startMachines(
  request: { plan: Plan; twinMachine?: string },
  host: Pick<Host, 'machineName' | 'installedVersion'>,
): Promise<MachineNames> {
  const { plan, twinMachine } = request;
  const first = plan.phases.flatMap((p) => p.steps).find((s) => s.applies !== 'no')?.drivenOn ?? 'old';
  const here = await host.machineName();
  const moves = plan.phases.some((p) => p.steps.some((s) => s.def.handOverTo));
  if (first === 'old') {
    const named = twinMachine
      ? { de: ` ${twinMachine} (aus seinem Zwilling)`, en: ` ${twinMachine} (from its twin)` }
      : undefined;
    if (twinMachine && !sameMachine(twinMachine, here)) throw wrongMachine(here, named, undefined, plan);
    if (moves && plan.from && plan.from.major < TARGET_MAJOR) {
      const installed = await host.installedVersion();
      const version = installed ? parseVersion(installed) : undefined;
      if (!version?.ok || version.version.major >= TARGET_MAJOR)
        throw wrongMachine(here, named, installed ?? '', plan);
    }
  }
  return { ...(twinMachine ? { old: twinMachine } : {}), [first]: here };
}

function wrongMachine(
  here: string,
  named: { de: string; en: string } | undefined,
  installed: string | undefined,
  plan: Plan,
): XpmError {
  const hops = plan.route === 'hops-v8v9';
  return new XpmError('E_START_WRONG_MACHINE', {
    here,
    namedDe: named?.de ?? '',
    namedEn: named?.en ?? '',
    installedDe: installed === undefined ? '' : installed ? ` mit XPhone ${installed}` : ' ohne XPhone',
    installedEn: installed === undefined ? '' : installed ? ` with XPhone ${installed}` : ' without XPhone',
    hopsDe: hops ? ', die Updates bis V8' : '',
    hopsEn: hops ? ', the updates to V8' : '',
  });
}
