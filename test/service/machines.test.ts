import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  forecastFor,
  type RunEvent,
  RunService,
  type StartRequest,
  walkTo,
} from '../../src/service/index.js';
import { readSqlModels } from '../../src/simulation/index.js';
import { editSim, readSim, tempState } from '../support/runs.js';

/** A rehearsal as `start --simulate` asks for it, without the CLI. */
function rehearsal(
  input: Parameters<typeof RunService.plan>[0],
  extra: Partial<StartRequest> = {},
): StartRequest {
  return {
    plan: RunService.plan(input),
    simulate: true,
    databases: ['XPDATA', 'XPVDIR', 'XPSTATS'],
    healthTimeoutSeconds: 60,
    reboot: 'auto',
    launcher: [],
    simulation: { storeOutsideVm: false, version: input.from ?? '8.0.100' },
    ...extra,
  };
}

const PLAN_C = { from: '8.0.100', target: 'C' as const, virtual: false };
const who = 'tester';

/** A service on a new store for the test's length. */
async function withService(test: (file: string, service: RunService) => Promise<void>): Promise<void> {
  const file = tempState();
  const service = RunService.open(file, { create: true });
  try {
    await test(file, service);
  } finally {
    service.close();
  }
}

/** The operator on the old server names the new one at the hand-over. */
const confirmHandOver = (service: RunService, machine = 'NEWXPHONE') =>
  service.send(undefined, { command: 'confirm', stepId: 'handover.to-new', evidence: { machine } }, { who });

/** The old server's atlas.xml, as bytes: it must not change in a move to a new machine. */
function oldAtlas(file: string): string {
  const dir = readSim(file).machines.OLDXPHONE!.installDir;
  return createHash('sha256')
    .update(readFileSync(join(dir, 'atlas.xml')))
    .digest('hex');
}

/** Drives a rehearsal to its end as the startup task and the operator would: resume after each reboot. */
async function toTheEnd(service: RunService, first: Promise<{ status: string }>): Promise<string> {
  let { status } = await first;
  for (let reboots = 0; status === 'waiting-reboot' && reboots < 10; reboots++)
    ({ status } = await service.resume(undefined, { who, autoConfirm: true }));
  return status;
}

describe('a move to a new machine (plans A–C)', () => {
  it('plan C from V8: the old server is left alone until the cut-over, the new one ends on V9 at the SQL Server', () =>
    withService(async (file, service) => {
      let atlasBefore = '';
      // What the old server looked like after every step, as the run reported it.
      const seen: Array<{ step: string; oldRunning: boolean; atlas: string; here: string }> = [];
      const onProgress = (e: RunEvent) => {
        if (e.kind === 'run-started') atlasBefore = oldAtlas(file);
        if ((e.kind === 'step-done' || e.kind === 'operator-confirm') && e.stepId) {
          const sim = readSim(file);
          const services = Object.values(sim.machines.OLDXPHONE!.services);
          seen.push({
            step: e.stepId,
            oldRunning: services.every(Boolean),
            atlas: oldAtlas(file),
            here: sim.here,
          });
        }
      };
      const status = await toTheEnd(
        service,
        service.start(rehearsal(PLAN_C), { who, autoConfirm: true, onProgress }),
      );
      expect(status).toBe('done');

      const stop = seen.findIndex((s) => s.step === 'v8v9.cutover-stop');
      expect(stop).toBeGreaterThan(0);
      // Until the cut-over the old server serves its users; its atlas.xml is never touched.
      expect(seen.slice(0, stop).every((s) => s.oldRunning)).toBe(true);
      expect(seen.every((s) => s.atlas === atlasBefore)).toBe(true);
      // xpmigrate ran on the old server up to the hand-over, on the new one from then on.
      const handOver = seen.findIndex((s) => s.step === 'handover.to-new');
      expect(seen.slice(0, handOver + 1).every((s) => s.here === 'OLDXPHONE')).toBe(true);
      expect(seen.slice(handOver + 1).every((s) => s.here === 'NEWXPHONE')).toBe(true);
      expect(seen.findIndex((s) => s.step === 'v8v9.8.atlas-xml')).toBeGreaterThan(handOver);

      const sim = readSim(file);
      expect(sim.here).toBe('NEWXPHONE');
      expect(Object.values(sim.machines.OLDXPHONE!.services).some(Boolean)).toBe(false);
      expect(sim.machines.OLDXPHONE!.version).toBe('8.0.100');
      expect(sim.machines.NEWXPHONE!.version).toMatch(/^9\./);
      expect(Object.values(sim.machines.NEWXPHONE!.services).every(Boolean)).toBe(true);
      const newAtlas = readFileSync(join(sim.machines.NEWXPHONE!.installDir, 'atlas.xml'), 'utf8');
      expect(newAtlas).toContain('Initial Catalog=XPDATA;Data Source=SQLSRV01');
      expect(newAtlas).not.toContain('(local)');

      // One story: the hand-over and the take-over on the new machine are in the journal.
      const journal = service.history().journal;
      expect(
        journal.find((r) => r.kind === 'operator-confirm' && r.stepId === 'handover.to-new')?.detail,
      ).toMatchObject({
        evidence: { machine: 'NEWXPHONE' },
      });
      expect(journal.filter((r) => r.kind === 'machine-taken-over').map((r) => r.detail)).toEqual([
        { role: 'new', machine: 'NEWXPHONE' },
      ]);
      expect(service.status().machines).toEqual({ old: 'OLDXPHONE', new: 'NEWXPHONE' });
    }));

  it('V5 → V9: the hops on the old machine, one hand-over, V9 on the new machine', () =>
    withService(async (file, service) => {
      const request = rehearsal({ from: '5', target: 'A', virtual: true });
      const status = await toTheEnd(service, service.start(request, { who, autoConfirm: true }));
      expect(status).toBe('done');
      const sim = readSim(file);
      expect(sim.machines.OLDXPHONE!.version).toBe('8.0.100');
      expect(sim.machines.NEWXPHONE!.version).toMatch(/^9\./);
      expect(sim.machines.OLDXPHONE!.bootId).toBeGreaterThan(3); // three hops rebooted it, snapshots too
      expect(sim.machines.NEWXPHONE!.bootId).toBe(1);
      expect(new Set(sim.snapshots.map((s) => s.machine))).toEqual(new Set(['OLDXPHONE']));
      expect(sim.effects['host.reboot']).toBe(3);
      // The old server rebooted with a startup task; it left the run behind at the hand-over.
      expect(sim.machines.OLDXPHONE!.resumeTask).toBeNull();
      const journal = service.history().journal;
      expect(journal.filter((r) => r.kind === 'machine-taken-over')).toHaveLength(1);
    }));
});

describe('one machine drives the run at a time', () => {
  /** Plan C up to its hand-over, by hand: the Backup-Manager's backup done and confirmed. */
  async function atHandOver(file: string, service: RunService) {
    const started = await service.start(rehearsal(PLAN_C), { who });
    expect(started.status).toBe('waiting-operator');
    const did = await service.actAsOperator();
    await service.send(
      undefined,
      { command: 'confirm', stepId: did.stepId, evidence: did.evidence },
      { who },
    );
    expect(service.status().currentStep).toBe('handover.to-new');
    expect(readSim(file).here).toBe('OLDXPHONE');
  }

  it('a handed-over store refuses to drive on the old machine; the machine named takes over', () =>
    withService(async (file, service) => {
      await atHandOver(file, service);
      const handedOver = await confirmHandOver(service, 'newxphone.kunde.local');
      expect(handedOver).toMatchObject({ delivery: 'driven', handled: 'applied' });
      expect(handedOver.delivery === 'driven' && handedOver.elsewhere).toMatchObject({
        stepId: 'v8v9.2a.create-databases',
        role: 'new',
        machine: 'newxphone.kunde.local',
        here: 'OLDXPHONE',
        hereRole: 'old',
      });

      // Back on the old server: resume does nothing, a command is refused with where to give it.
      const again = await service.resume(undefined, { who });
      expect(again.elsewhere).toMatchObject({ machine: 'newxphone.kunde.local', here: 'OLDXPHONE' });
      const refused = await service.send(undefined, { command: 'skip', reason: 'x', force: true }, { who });
      expect(refused).toMatchObject({ handled: 'refused' });
      expect(refused.delivery === 'driven' && refused.reason?.en).toContain(
        'driven on newxphone.kunde.local',
      );
      expect(readSim(file).effects['sql.create-databases']).toBeUndefined();

      // On the machine named (its NetBIOS name matches the FQDN given): the run goes on, journaled once.
      walkTo(file, 'NEWXPHONE');
      const taken = await service.resume(undefined, { who });
      expect(taken.elsewhere).toBeUndefined();
      expect(readSim(file).effects['sql.create-databases']).toBe(1);
      const took = service.history().journal.filter((r) => r.kind === 'machine-taken-over');
      expect(took.map((r) => r.detail)).toEqual([{ role: 'new', machine: 'newxphone.kunde.local' }]);
    }));

  it('the hand-over cannot name the old server, nor be skipped', () =>
    withService(async (file, service) => {
      await atHandOver(file, service);
      const self = await confirmHandOver(service, 'oldxphone');
      expect(self).toMatchObject({ handled: 'refused' });
      expect(self.delivery === 'driven' && self.reason?.de).toContain(
        'oldxphone ist der Rechner, der den Lauf übergibt',
      );
      const skipped = await service.send(
        undefined,
        { command: 'skip', stepId: 'handover.to-new', reason: 'later', force: true },
        { who },
      );
      expect(skipped.delivery === 'driven' && skipped.reason?.en).toContain(
        'the hand-over cannot be skipped',
      );
      expect(service.status().currentStep).toBe('handover.to-new');
    }));

  it('a machine named as the new server that runs the old XPhone changes nothing', () =>
    withService(async (file, service) => {
      await atHandOver(file, service);
      await confirmHandOver(service);
      // The name typed was the old server's twin: XPhone 8 runs there.
      walkTo(file, 'NEWXPHONE');
      editSim(file, (m) => {
        m.version = '8.0.100';
        m.services = { AtlasService: true };
      });
      const refused = await service.resume(undefined, { who });
      expect(refused.elsewhere).toMatchObject({ installed: '8.0.100', here: 'NEWXPHONE' });
      const sim = readSim(file);
      expect(sim.effects['sql.create-databases']).toBeUndefined();
      expect(sim.services.AtlasService).toBe(true);
    }));

  it('row 8, carried back to the old server after it failed on the new one, changes nothing there', () =>
    withService(async (file, service) => {
      await atHandOver(file, service);
      await confirmHandOver(service);
      walkTo(file, 'NEWXPHONE');
      await service.resume(undefined, { who });
      // The operator confirms each manual step as done; row 6 without really installing XPhone, so
      // the new server has no atlas.xml and row 8 fails there.
      for (let i = 0; i < 20 && service.status().state === 'waiting-operator'; i++) {
        const stepId = service.status().currentStep!;
        const evidence: Record<string, string> | undefined =
          stepId === 'v8v9.6.install-xphone'
            ? { version: '9.0.100' }
            : stepId === 'v8v9.7.service-account'
              ? { account: 'XPHONE\\svc-xphone' }
              : undefined;
        await service.send(
          undefined,
          { command: 'confirm', stepId, ...(evidence ? { evidence } : {}) },
          { who },
        );
      }
      expect(service.status()).toMatchObject({ state: 'failed', currentStep: 'v8v9.8.atlas-xml' });

      // Back on the old server, a retry of row 8 would stop production and point it at SQLSRV01.
      const atlasBefore = oldAtlas(file);
      walkTo(file, 'OLDXPHONE');
      const retried = await service.send(
        undefined,
        { command: 'retry', stepId: 'v8v9.8.atlas-xml' },
        { who },
      );
      expect(retried).toMatchObject({ handled: 'refused' });
      expect(retried.delivery === 'driven' && retried.elsewhere).toMatchObject({
        machine: 'NEWXPHONE',
        here: 'OLDXPHONE',
      });
      const sim = readSim(file);
      expect(Object.values(sim.machines.OLDXPHONE!.services).every(Boolean)).toBe(true);
      expect(sim.effects['windows.stop-services']).toBeUndefined();
      expect(oldAtlas(file)).toBe(atlasBefore);
    }));
});

describe('start', () => {
  it("refuses a machine that is not the twin's old server, and the new server of a move from V8", async () => {
    const service = RunService.open(tempState(), { create: true });
    const other = RunService.open(tempState(), { create: true });
    try {
      await expect(
        service.start(rehearsal(PLAN_C, { twinMachine: 'XPSRV01' }), { who }),
      ).rejects.toMatchObject({
        code: 'E_START_WRONG_MACHINE',
        params: { here: 'OLDXPHONE', namedEn: ' XPSRV01 (from its twin)' },
      });
      const onNew = rehearsal(PLAN_C, { simulation: { storeOutsideVm: false, version: '9.0.330.1359' } });
      await expect(other.start(onNew, { who })).rejects.toMatchObject({
        code: 'E_START_WRONG_MACHINE',
        params: { installedEn: ' with XPhone 9.0.330.1359' },
      });
      expect(service.runs()).toHaveLength(0);
      expect(other.runs()).toHaveLength(0);
    } finally {
      service.close();
      other.close();
    }
  });
});

describe('plan D: the XPhone server stays and stops at row 8', () => {
  it('the final backup is taken when the services stop at row 8, and the restore uses it', () =>
    withService(async (file, service) => {
      const input = {
        from: '9.0.330.1359',
        target: 'D' as const,
        virtual: false,
        restoreWith: 'xpmigrate' as const,
      };
      const ids = RunService.plan(input).phases.flatMap((p) =>
        p.steps.filter((s) => s.applies !== 'no').map((s) => s.def.id),
      );
      expect(ids.slice(ids.indexOf('v8v9.8-stop'), ids.indexOf('v8v9.8.atlas-xml') + 1)).toEqual([
        'v8v9.8-stop',
        'v8v9.8-final-backup',
        'v8v9.8-final-backup-log',
        'v8v9.8-final-copy',
        'v8v9.8.atlas-xml',
      ]);
      expect(ids).not.toContain('handover.to-new');
      const status = await toTheEnd(service, service.start(rehearsal(input), { who, autoConfirm: true }));
      expect(status).toBe('done');
      // Every database came back from the copy taken at the stop, none from the first one.
      const target = readSqlModels(`${file}.sql`).SQLSRV01!;
      const restored = target.restoreHistory.map((r) => r.file);
      expect(restored).toHaveLength(3);
      expect(restored.every((f) => f.includes('v8v9.8-final-copy'))).toBe(true);
      const sim = readSim(file);
      expect(sim.here).toBe('OLDXPHONE');
      expect(Object.keys(sim.machines.NEWXPHONE!.services)).toHaveLength(0);
    }));

  it('the forecast counts the downtime from the stop at row 8', () => {
    const plan = RunService.plan({ from: '9.0.330.1359', target: 'D', virtual: false });
    const { downtimes } = forecastFor(plan, undefined, {});
    expect(downtimes.map((d) => d.firstStep)).toEqual(['v8v9.8-stop']);
  });
});
