import type { Host } from '../host/index.js';
import type { RunStep } from '../machines/index.js';
import type { OperatorCommand, StandInOperator } from '../runtime/index.js';
import { SimulatedHost } from './simulated-host.js';

/**
 * The rehearsal's operator (`--auto-confirm`): carries out a manual step on the simulated
 * server and confirms it with evidence that satisfies each field; after a failure that named the
 * evidence it needs (which databases a restore may replace), it retries once with it.
 */
export const simulatedOperator: StandInOperator = {
  async manual(
    step: RunStep,
    host: Host,
    run: { databases: string[]; serviceAccount?: string; sqlServer?: string },
  ): Promise<OperatorCommand> {
    // A step whose evidence is the installed version is an update, a version on the new server its
    // setup: the operator installs it, on the machine the step belongs to.
    const update = step.evidence.find(
      (f) => (f.installedVersion || (f.version && step.machine === 'new')) && f.pattern,
    );
    const major = update?.pattern ? /^\^(\d+)/.exec(update.pattern)?.[1] : undefined;
    const machine = ['old', 'new'].includes(step.machine)
      ? SimulatedHost.machineFor(step.machine)
      : undefined;
    if (host instanceof SimulatedHost)
      host.operatorDid(
        step.id,
        {
          ...(major ? { version: `${major}.0.100` } : {}),
          ...(step.operatorStops === 'services' ? { stopServices: true } : {}),
        },
        machine,
      );
    // A snapshot taken by hand: the rehearsal's operator powers the VM off and takes it in the
    // simulated hypervisor, under the name it then gives.
    if (step.snapshotByOperator && host instanceof SimulatedHost) {
      const name = `rehearsal-${step.id}`;
      await host.snapshots.take(name);
      return { command: 'confirm', stepId: step.id, evidence: { snapshot: name } };
    }
    const installed = (await host.installedVersion()) ?? '';
    // A Backup-Manager step: the operator runs it there, and names the file and log it left.
    const bm = step.evidence.find((f) => f.backupManager)?.backupManager;
    const left: Record<string, string> =
      bm && host instanceof SimulatedHost
        ? { ...host.runBackupManager(step.id, bm, run.sqlServer, machine) }
        : {};
    const evidence = Object.fromEntries(
      step.evidence.map((f) => [
        f.key,
        f === update
          ? installed
          : f.machineName
            ? SimulatedHost.machineFor(f.machineName)
            : f.databases
              ? run.databases.join(',')
              : f.setting && run[f.setting]
                ? run[f.setting]!
                : (left[f.key] ?? sampleEvidence(f.key, f.pattern)),
      ]),
    );
    return { command: 'confirm', stepId: step.id, evidence };
  },

  /** The hand-over: the rehearsal's operator takes the store to the machine named. */
  async walkTo(machine: string, host: Host): Promise<void> {
    if (host instanceof SimulatedHost) host.walkTo(machine);
  },

  retry(step, asked, given) {
    if (Object.entries(asked).every(([key, value]) => given[key] === value)) return undefined;
    return { command: 'retry', stepId: step.id, evidence: asked };
  },
};

/** Evidence the simulated operator gives: something that satisfies the field's pattern. */
function sampleEvidence(key: string, pattern: string | undefined): string {
  if (!pattern) return `rehearsal-${key}`;
  if (pattern.startsWith('^4\\.5\\.35')) return '4.5.35 SR5';
  if (pattern.startsWith('^[A-Za-z]:')) return 'D:\\SQLData\\';
  const major = /^\^(\d+)/.exec(pattern)?.[1];
  return major ? `${major}.0.100` : '1.0';
}
