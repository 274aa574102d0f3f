import {
  type Effect,
  type EffectContext,
  type EffectResult,
  effectFor,
  type StepMachine,
} from '../actors/index.js';
import { ScriptImports } from '../actors/sql-script/index.js';
import type { DrivingRole } from '../catalog/index.js';
import { type ErrorCode, isXpmError, XpmError } from '../errors/index.js';
import { type Clock, systemClock } from '../host/index.js';
import type { Params } from '../i18n/index.js';
import { type MachineEvent, type RunStep, Tag } from '../machines/index.js';
import type { Attempt, JournalEntry, RunStatus, Store, Transition } from '../persistence/index.js';
import { activeStep, statusOf, type XpSnapshot } from './active.js';
import { transitionOf } from './checkpoint.js';
import { fault, faultStep } from './faults.js';
import { deliverCommands } from './inbox.js';
import { checkPlacement, type Elsewhere, machineNames, notHereReason } from './placement.js';
import type { DriveOptions, Protocol, RunEvent } from './protocol.js';
import { awaitReboot } from './reboot-wait.js';
import { recoverOpenIntents } from './recovery.js';
import type { OpenRun } from './run.js';
import { snapshotTaken } from './snapshot-taken.js';

/**
 * Drives a run until it ends or waits (operator, reboot, failure). The durable step protocol:
 * an effect's intent is committed before it runs; its outcome, the new snapshot and the next
 * intent are committed together after it; an intent left open by a dead process is resolved by
 * the step's recovery policy before anything else happens (recovery.ts).
 */
export async function drive(store: Store, run: OpenRun, options: DriveOptions): Promise<DriveResult> {
  const driver = new Driver(store, run, options);
  // The startup task settles only the reboot's own intent (its probe reads the boot id).
  if (options.untilBooted && !driver.onlyRebootOpen()) return { status: driver.handOver() };
  // Nothing of a step runs on a machine that is not its own, not even the recovery of its intent.
  const away = await driver.placement();
  if (away && !(await driver.walkedOver(away))) return driver.elsewhere(away);
  await recoverOpenIntents(driver);
  return driver.loop();
}

/** How a drive ended: the run's status, and the machine that must drive it on when it is not this one. */
export interface DriveResult {
  status: RunStatus;
  elsewhere?: Elsewhere;
}

/** The key of an intent's input under which a failed `input()` is kept (see Driver.inputOf). */
const INPUT_FAILED = 'inputFailed';

/** Who the rehearsal's stand-in operator is in the journal. */
const STAND_IN = 'auto-confirm (simulation)';

class Driver implements Protocol {
  private readonly actor;
  readonly runId: string;
  /** The script import's checkpoints: one accessor for the driver's life, not one per effect. */
  private readonly imports: ScriptImports;
  /** Whether this drive has journaled (or found) the take-over of the machine a hand-over named. */
  private takenOver = false;
  /** This machine's name, as the last placement check read it. */
  private here = '';
  /** Machine, role and name that passed the placement check in this drive. */
  private readonly placed = new Set<string>();

  readonly clock: Clock;

  constructor(
    readonly store: Store,
    readonly run: OpenRun,
    readonly options: DriveOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.actor = run.actor;
    this.runId = run.row.id;
    this.imports = new ScriptImports(store.db);
  }

  get snapshot(): XpSnapshot {
    return this.actor.getSnapshot();
  }

  step(id: string): RunStep {
    const step = this.run.steps.find((s) => s.id === id);
    if (!step) throw new Error(`unknown step ${id}`);
    return step;
  }

  emit(event: RunEvent): void {
    const { plan, steps } = this.run;
    const done = this.snapshot.context.done.length;
    this.options.onProgress?.(event, { runId: this.runId, plan, steps, done, total: steps.length });
  }

  /** What an effect gets; `attempt`: the intent's, which its progress figures carry (the page shows the latest attempt's). */
  context(step: RunStep, input: Record<string, unknown>, attempt?: number): EffectContext {
    return {
      host: this.options.host,
      clock: this.clock,
      machine: this.machineOf(step),
      runId: this.runId,
      stepId: step.id,
      options: this.run.settings,
      params: step.effect?.input ?? {},
      input,
      evidence: this.snapshot.context.evidence[step.id] ?? {},
      evidenceOf: (stepId) => this.snapshot.context.evidence[stepId] ?? {},
      isDone: (stepId) => this.snapshot.context.done.includes(stepId),
      resultOf: (stepId) =>
        this.snapshot.context.done.includes(stepId)
          ? this.store.lastJournalOf(this.runId, stepId, 'step-done')?.detail
          : undefined,
      journalTime: (stepId, which) => {
        if (which === 'failed') return this.store.lastJournalOf(this.runId, stepId, 'step-failed')?.at;
        const rows = this.store.journalRows(this.runId);
        const first = rows.findIndex((r) => r.stepId === stepId);
        return first > 0 ? rows[first - 1]!.at : rows[0]?.at;
      },
      imports: this.imports,
      progress: (p) => {
        // Every percent is shown; every tenth goes into the journal (the visualizer follows the store).
        const event: RunEvent = {
          kind: 'progress',
          stepId: step.id,
          ...(attempt === undefined ? {} : { attempt }),
          who: 'xpmigrate',
          detail: { ...p },
        };
        if (p.percent % 10 === 0) this.store.journal(this.runId, [event]);
        this.emit(event);
      },
    };
  }

  async advance(
    event: MachineEvent,
    journal: JournalEntry[],
    extra: Partial<Transition> = {},
  ): Promise<void> {
    this.actor.send(event);
    const intent = await this.nextIntent(this.snapshot);
    this.checkpoint(JSON.stringify(event), journal, { ...extra, ...(intent ? { intent } : {}) });
  }

  checkpoint(event: string, journal: JournalEntry[], extra: Partial<Transition>): void {
    this.store.commit(this.runId, transitionOf(this.actor, event, journal, extra));
    for (const entry of journal) this.emit(entry);
  }

  async loop(): Promise<DriveResult> {
    for (;;) {
      const snapshot = this.snapshot;
      if (snapshot.status === 'done') {
        await deliverCommands(this); // an ended run still answers: refused, or a harmless repeat
        return { status: await this.finish() };
      }
      const away = await this.placement();
      if (away) {
        if (await this.walkedOver(away)) continue;
        return this.elsewhere(away);
      }
      this.tookOver();
      if (snapshot.hasTag(Tag.effect)) {
        if (this.options.untilBooted) return { status: this.handOver() };
        await this.runEffect();
        continue;
      }
      if (snapshot.hasTag(Tag.reboot)) {
        if (!(await awaitReboot(this))) return { status: this.wait('waiting-reboot') };
        if (this.options.untilBooted) return { status: this.handOver() };
        continue;
      }
      if (await deliverCommands(this)) continue;
      if (await this.standInActs()) continue;
      return { status: this.wait(statusOf(snapshot)) };
    }
  }

  /** Whether this machine is the one the current step is driven on (runtime/placement.ts). */
  async placement(snapshot: XpSnapshot = this.snapshot): Promise<Elsewhere | undefined> {
    this.here = await this.options.host.machineName();
    const active = activeStep(snapshot);
    if (!active) return undefined;
    const step = this.step(active.stepId);
    const names = machineNames(this.run.settings, this.run.steps, snapshot.context);
    // Asked once per machine and role in a drive: on Windows the version is a PowerShell question.
    const key = `${this.here}|${step.drivenOn}|${names[step.drivenOn] ?? ''}`;
    if (this.placed.has(key)) return undefined;
    const away = await checkPlacement(step, names, this.options.host);
    if (!away) this.placed.add(key);
    return away;
  }

  /** The step's machine as its effect sees it: named where the run knows it. */
  private machineOf(step: RunStep): StepMachine {
    const names = machineNames(this.run.settings, this.run.steps, this.snapshot.context);
    const xphone = step.machine === 'old' || step.machine === 'new';
    const name = xphone ? names[step.machine as DrivingRole] : undefined;
    return {
      role: step.machine,
      ...(name ? { name } : {}),
      here: this.here,
      remote: xphone && step.machine !== step.drivenOn,
    };
  }

  /**
   * The run goes on on another machine: said, and a command given here is refused (never kept to
   * be delivered later, on whichever machine opens this store next). A machine that handed the
   * run over removes its startup task.
   */
  async elsewhere(away: Elsewhere): Promise<DriveResult> {
    await this.leave(away);
    const reason = notHereReason(away);
    for (const row of this.store.pendingCommands(this.runId)) {
      const entry: JournalEntry = {
        kind: 'command-refused',
        ...(row.stepId ? { stepId: row.stepId } : {}),
        who: row.who,
        detail: { command: row.command, reason: reason.en, reasonDe: reason.de },
      };
      this.store.markCommand(this.runId, row.id, 'refused', JSON.stringify(reason), [entry]);
      this.emit(entry);
    }
    const status = statusOf(this.snapshot);
    this.emit({ kind: 'waiting', status, who: 'xpmigrate', stepId: away.stepId, elsewhere: away });
    return { status, elsewhere: away };
  }

  /** A machine that handed the run over starts it no more after a reboot. */
  private async leave(away: Elsewhere): Promise<void> {
    if (away.hereRole && away.hereRole !== away.role) await this.options.host.removeResumeTask();
  }

  /** The rehearsal's operator carries the run to the machine it names (a real run has none). */
  async walkedOver(away: Elsewhere): Promise<boolean> {
    const walk = this.options.standIn?.walkTo;
    if (!walk || !away.machine || away.installed) return false;
    await this.leave(away);
    await walk(away.machine, this.options.host);
    return (await this.placement()) === undefined;
  }

  /**
   * The first drive on the machine a hand-over named: journaled on the hand-over step, so the
   * journal says on which machine the run went on, and when.
   */
  private tookOver(): void {
    if (this.takenOver) return;
    const handOver = this.run.steps.find((s) => s.handOverTo && this.snapshot.context.done.includes(s.id));
    if (!handOver) return;
    this.takenOver = true;
    const last = this.store.lastJournalOf(this.runId, handOver.id);
    if (last?.kind === 'machine-taken-over') return;
    const machine = this.snapshot.context.evidence[handOver.id]?.machine ?? '';
    const detail = { role: handOver.handOverTo ?? 'new', machine };
    const entry: JournalEntry = { kind: 'machine-taken-over', stepId: handOver.id, who: 'xpmigrate', detail };
    this.store.journal(this.runId, [entry]);
    this.emit(entry);
  }

  private async runEffect(): Promise<void> {
    const step = this.step(activeStep(this.snapshot)!.stepId);
    faultStep(step.id);
    const intent = this.store.openIntent(this.runId, step.id) ?? (await this.openIntent(step));
    fault('after-intent');
    let result: EffectResult;
    try {
      const failed = intent.input[INPUT_FAILED] as { code: ErrorCode; params: Params } | undefined;
      if (failed) throw new XpmError(failed.code, failed.params);
      // A step of the other XPhone server is the operator's there; this machine is never changed for it.
      const machine = this.machineOf(step);
      if (step.effect && effectFor(step.effect).changesHost && machine.remote)
        throw new XpmError('E_MACHINE_REMOTE_CHANGE', {
          step: step.id,
          machine: machine.name ?? machine.role,
          here: machine.here,
        });
      result = step.effect
        ? await effectFor(step.effect).run(this.context(step, intent.input, intent.attempt))
        : { ok: false, code: 'E_NO_EFFECT', detail: `no actor for ${step.id}` };
    } catch (error) {
      result = isXpmError(error)
        ? {
            ok: false,
            code: error.code,
            detail: `${error.text('en')} ${error.remedy('en')}`,
            params: { step: step.id, ...error.params },
          }
        : { ok: false, code: 'E_EFFECT', detail: error instanceof Error ? error.message : String(error) };
    }
    fault('during-effect'); // read-only effects change nothing: for them "during" is the end
    fault('after-effect');
    const failure = result.ok
      ? undefined
      : {
          code: result.code,
          detail: result.detail,
          ...(result.params ? { params: result.params } : {}),
        };
    const event: MachineEvent = result.ok
      ? { type: 'EFFECT_DONE', stepId: step.id, result: result.result }
      : { type: 'EFFECT_FAILED', stepId: step.id, ...failure! };
    const at = { stepId: step.id, attempt: intent.attempt, who: 'xpmigrate' };
    await this.advance(
      event,
      [
        result.ok
          ? { kind: 'step-done', ...at, detail: result.result }
          : {
              kind: 'step-failed',
              ...at,
              detail: {
                ...failure!,
                ...(result.retryEvidence ? { retryEvidence: result.retryEvidence } : {}),
              },
            },
      ],
      {
        outcome: { stepId: step.id, attempt: intent.attempt, outcome: result.ok ? 'done' : 'failed', result },
        ...(result.ok ? snapshotTaken(step, result.result) : {}),
      },
    );
    faultStep(undefined);
  }

  /** No open intent (a run's first effect, or one closed to run again): commit one of its own. */
  private async openIntent(step: RunStep): Promise<Pick<Attempt, 'attempt' | 'input'>> {
    const next = (await this.nextIntent(this.snapshot))!;
    this.checkpoint(
      'INTENT',
      [
        {
          kind: 'step-started',
          stepId: step.id,
          attempt: next.attempt,
          who: 'xpmigrate',
          detail: { effect: step.effect?.name },
        },
      ],
      { intent: next },
    );
    return next;
  }

  /** The intent of the effect the machine just entered, to go into the same commit. */
  private async nextIntent(snapshot: XpSnapshot): Promise<Transition['intent']> {
    if (!snapshot.hasTag(Tag.effect)) return undefined;
    // A step of another machine gets its intent there: its input reads that machine, not this one.
    if (await this.placement(snapshot)) return undefined;
    const step = this.step(activeStep(snapshot)!.stepId);
    const effect = step.effect ? effectFor(step.effect) : undefined;
    const input = effect?.input ? await this.inputOf(effect, step) : {};
    return { stepId: step.id, attempt: this.store.nextAttempt(this.runId, step.id), input };
  }

  /**
   * What the intent records for the effect. An input that cannot be had (atlas.xml not found) is
   * the step's failure, recorded with the intent: never an error that leaves the step before it
   * uncommitted and the run stuck there.
   */
  private async inputOf(effect: Effect, step: RunStep): Promise<Record<string, unknown>> {
    try {
      return await effect.input!(this.context(step, {}));
    } catch (error) {
      if (!isXpmError(error)) throw error;
      return { [INPUT_FAILED]: { code: error.code, params: error.params } };
    }
  }

  /** Rehearsal only: the stand-in operator queues what a person would do; true when it did. */
  private async standInActs(): Promise<boolean> {
    const { standIn, host } = this.options;
    const active = activeStep(this.snapshot);
    if (!standIn || !active) return false;
    // Refused last time (its evidence did not satisfy the step): it would be refused again forever;
    // the run waits for a person instead.
    const last = this.store.lastJournalOf(this.runId, active.stepId);
    if (last?.kind === 'command-refused' && last.who === STAND_IN) return false;
    const step = this.step(active.stepId);
    let cmd: ReturnType<typeof standIn.retry>;
    if (this.snapshot.hasTag(Tag.manual)) cmd = await standIn.manual(step, host, this.run.settings);
    else if (this.snapshot.hasTag(Tag.failed)) {
      const failed = this.store.lastJournalOf(this.runId, step.id, 'step-failed');
      const asked = (failed?.detail as { retryEvidence?: Record<string, string> } | undefined)?.retryEvidence;
      cmd = asked ? standIn.retry(step, asked, this.snapshot.context.evidence[step.id] ?? {}) : undefined;
    }
    if (!cmd) return false;
    this.store.enqueue(this.runId, STAND_IN, cmd.command, step.id, cmd);
    return true;
  }

  /** Whether every open intent belongs to a reboot step. */
  onlyRebootOpen(): boolean {
    return this.store.openIntents(this.runId).every((i) => this.step(i.stepId).kind === 'reboot');
  }

  /**
   * The startup task stops here ('running': nobody drives it): the operator resumes it. A reboot
   * that failed (not healthy, or its boot id never readable) is said as such: the operator retries.
   */
  handOver(): RunStatus {
    return this.wait(this.snapshot.hasTag(Tag.failed) ? 'failed' : 'running');
  }

  private wait(status: RunStatus): RunStatus {
    const active = activeStep(this.snapshot);
    this.emit({ kind: 'waiting', status, who: 'xpmigrate', ...(active ? { stepId: active.stepId } : {}) });
    return status;
  }

  private async finish(): Promise<RunStatus> {
    await this.options.host.removeResumeTask();
    const status = statusOf(this.snapshot);
    const ended: RunEvent = { kind: 'run-ended', who: 'xpmigrate', detail: { status } };
    if (this.store.lastJournalOf(this.runId)?.kind !== 'run-ended') this.store.journal(this.runId, [ended]);
    this.emit(ended); // told at every end of a drive, journaled once
    return status;
  }
}
