import { setTimeout as sleep } from 'node:timers/promises';
import { EFFECTS, type EffectContext, type EffectResult } from '../actors/index.js';
import { isXpmError } from '../errors/index.js';
import type { Host } from '../host/index.js';
import { type MachineEvent, type RunStep, Tag } from '../machines/index.js';
import {
  type Attempt,
  type InboxRow,
  type JournalEntry,
  type RunStatus,
  ScriptImports,
  type Store,
  type Transition,
} from '../persistence/index.js';
import { activeStep, statePath, statusOf, type XpSnapshot } from './active.js';
import { transitionOf } from './checkpoint.js';
import { judge, type OperatorCommand } from './commands.js';
import { fault, faultStep } from './faults.js';
import type { OpenRun } from './run.js';

/** What the driver reports as it goes (the CLI prints it, the inspector streams it). */
export type Progress =
  | { type: 'step-done'; stepId: string; attempt?: number; by?: string }
  | {
      type: 'step-failed';
      stepId: string;
      code: string;
      detail: string;
      params?: Record<string, string | number>;
    }
  | { type: 'progress'; stepId: string; operation: string; database: string; percent: number }
  | { type: 'step-skipped'; stepId: string; reason: string }
  | { type: 'recovered'; stepId: string; policy: string; answer: string }
  | { type: 'command'; stepId: string; command: string; verdict: string; reason?: string }
  | { type: 'waiting'; status: RunStatus; stepId?: string };

export interface DriveOptions {
  host: Host;
  /** In a simulation only: the simulated operator answers manual steps. */
  autoConfirm: boolean;
  who: string;
  onProgress?: (p: Progress) => void;
  /** Health polling interval while waiting after a reboot. */
  pollMs?: number;
}

/**
 * Drives a run until it ends or waits (operator, reboot, failure). The durable step protocol:
 * an effect's intent is committed before it runs; its outcome, the new snapshot and the next
 * intent are committed together after it; an intent left open by a dead process is resolved by
 * the step's recovery policy before anything else happens.
 */
export async function drive(store: Store, run: OpenRun, options: DriveOptions): Promise<RunStatus> {
  const driver = new Driver(store, run, options);
  await driver.recover();
  return driver.loop();
}

class Driver {
  private readonly actor;
  private readonly runId: string;
  /** The script import's checkpoints: one accessor for the driver's life, not one per effect. */
  private readonly imports: ScriptImports;

  constructor(
    private readonly store: Store,
    private readonly run: OpenRun,
    private readonly options: DriveOptions,
  ) {
    this.actor = run.actor;
    this.runId = run.row.id;
    this.imports = new ScriptImports(store.db);
  }

  private get snapshot(): XpSnapshot {
    return this.actor.getSnapshot();
  }

  private step(id: string): RunStep {
    const step = this.run.steps.find((s) => s.id === id);
    if (!step) throw new Error(`unknown step ${id}`);
    return step;
  }

  private context(step: RunStep, input: Record<string, unknown>): EffectContext {
    return {
      host: this.options.host,
      runId: this.runId,
      stepId: step.id,
      options: this.run.settings,
      input,
      evidence: this.snapshot.context.evidence[step.id] ?? {},
      evidenceOf: (stepId) => this.snapshot.context.evidence[stepId] ?? {},
      imports: this.imports,
      progress: (p) => {
        // Every tenth percent goes into the journal (the visualizer follows the store).
        if (p.percent % 10 === 0)
          this.store.journal(this.runId, [
            { kind: 'progress', stepId: step.id, who: 'xpmigrate', detail: { ...p } },
          ]);
        this.options.onProgress?.({ type: 'progress', stepId: step.id, ...p });
      },
    };
  }

  /** Resolves intents that a dead process left without an outcome. */
  async recover(): Promise<void> {
    for (const intent of this.store.openIntents(this.runId)) {
      const active = activeStep(this.snapshot);
      const step = this.step(intent.stepId);
      if (!this.snapshot.hasTag(Tag.effect) || active?.stepId !== intent.stepId) {
        this.closeIntent(intent, 'orphaned', {
          reason: `the run is at ${active?.stepId ?? statePath(this.snapshot.value)}`,
        });
        continue;
      }
      const input = JSON.parse(intent.input) as Record<string, unknown>;
      const effect = EFFECTS.get(step.effect ?? '');
      let answer = 'not-asked';
      if (step.recovery === 'probe' && effect?.probe) answer = await effect.probe(this.context(step, input));
      const journal = (decision: string): JournalEntry => ({
        kind: 'recovered',
        stepId: step.id,
        attempt: intent.attempt,
        who: 'xpmigrate',
        detail: { policy: step.recovery, probe: answer, decision },
      });
      this.options.onProgress?.({ type: 'recovered', stepId: step.id, policy: step.recovery, answer });

      if (answer === 'done') {
        // What the effect would have returned (a snapshot's name and provider), for its records.
        const found = effect?.probedResult ? await effect.probedResult(this.context(step, input)) : {};
        await this.advance(
          { type: 'EFFECT_DONE', stepId: step.id, result: { ...input, probed: true } },
          [
            journal('probe found it done'),
            {
              kind: 'step-done',
              stepId: step.id,
              attempt: intent.attempt,
              who: 'xpmigrate',
              detail: { ...input, by: 'probe' },
            },
          ],
          {
            outcome: { stepId: step.id, attempt: intent.attempt, outcome: 'done-by-probe', result: input },
            ...snapshotTaken(step, found),
          },
        );
      } else if (step.recovery === 'rerun' || answer === 'not-done') {
        this.closeIntent(intent, 'interrupted', { decision: 'run again' }, [journal('run again')]);
      } else {
        // `ask`, or a probe that cannot tell: the operator decides (retry, confirm as done, skip, abort).
        await this.advance(
          {
            type: 'EFFECT_FAILED',
            stepId: step.id,
            code: 'E_INTERRUPTED',
            detail: 'the process ended while this step ran; check whether it happened',
          },
          [journal('ask the operator')],
          { outcome: { stepId: step.id, attempt: intent.attempt, outcome: 'interrupted', result: null } },
        );
      }
    }
  }

  private closeIntent(intent: Attempt, outcome: string, result: unknown, journal: JournalEntry[] = []): void {
    this.checkpoint(`INTENT_${outcome.toUpperCase()}`, journal, {
      outcome: { stepId: intent.stepId, attempt: intent.attempt, outcome, result },
    });
  }

  /** Sends an event and commits its outcome, the snapshot and the next intent in one transaction. */
  private async advance(
    event: MachineEvent,
    journal: JournalEntry[],
    extra: Partial<Transition> = {},
  ): Promise<void> {
    this.actor.send(event);
    const intent = await this.nextIntent(this.snapshot);
    this.checkpoint(JSON.stringify(event), journal, { ...extra, ...(intent ? { intent } : {}) });
  }

  /** Commits the current state as a checkpoint, with what the transition adds to it. */
  private checkpoint(event: string, journal: JournalEntry[], extra: Partial<Transition>): void {
    this.store.commit(this.runId, transitionOf(this.actor, event, journal, extra));
  }

  async loop(): Promise<RunStatus> {
    for (;;) {
      const snapshot = this.snapshot;
      if (snapshot.status === 'done') {
        await this.deliverCommands(); // an ended run still answers: refused, or a harmless repeat
        return this.finish();
      }
      if (snapshot.hasTag(Tag.effect)) {
        await this.runEffect();
        continue;
      }
      if (snapshot.hasTag(Tag.reboot)) {
        if (await this.afterReboot()) continue;
        return this.wait('waiting-reboot');
      }
      if (await this.deliverCommands()) continue;
      if (this.options.autoConfirm && snapshot.hasTag(Tag.manual)) {
        await this.simulatedOperator();
        continue;
      }
      if (this.options.autoConfirm && snapshot.hasTag(Tag.failed) && this.simulatedApproval()) continue;
      return this.wait(statusOf(snapshot));
    }
  }

  private async runEffect(): Promise<void> {
    const step = this.step(activeStep(this.snapshot)!.stepId);
    const effect = EFFECTS.get(step.effect ?? '');
    faultStep(step.id);
    let intent = this.store.openIntents(this.runId).find((i) => i.stepId === step.id);
    if (!intent) {
      // No open intent (a run's first effect, or one closed to run again): commit one of its own.
      const next = (await this.nextIntent(this.snapshot))!;
      this.checkpoint(
        'INTENT',
        [
          {
            kind: 'step-started',
            stepId: step.id,
            attempt: next.attempt,
            who: 'xpmigrate',
            detail: { effect: step.effect },
          },
        ],
        { intent: next },
      );
      intent = {
        stepId: step.id,
        attempt: next.attempt,
        intentAt: '',
        input: JSON.stringify(next.input),
        outcome: null,
        outcomeAt: null,
        result: null,
      };
    }
    fault('after-intent');
    const input = JSON.parse(intent.input) as Record<string, unknown>;
    let result: EffectResult;
    try {
      result = effect
        ? await effect.run(this.context(step, input))
        : { ok: false, code: 'E_NO_EFFECT', detail: `no actor for ${step.effect}` };
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
    const event: MachineEvent = result.ok
      ? { type: 'EFFECT_DONE', stepId: step.id, result: result.result }
      : {
          type: 'EFFECT_FAILED',
          stepId: step.id,
          code: result.code,
          detail: result.detail,
          ...(result.params ? { params: result.params } : {}),
        };
    await this.advance(
      event,
      [
        {
          kind: result.ok ? 'step-done' : 'step-failed',
          stepId: step.id,
          attempt: intent.attempt,
          who: 'xpmigrate',
          detail: result.ok
            ? result.result
            : {
                code: result.code,
                detail: result.detail,
                ...(result.params ? { params: result.params } : {}),
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
    // A reboot step is done only once the server is back (afterReboot reports it).
    if (result.ok && step.kind === 'reboot') return;
    this.options.onProgress?.(
      result.ok
        ? { type: 'step-done', stepId: step.id, attempt: intent.attempt }
        : {
            type: 'step-failed',
            stepId: step.id,
            code: result.code,
            detail: result.detail,
            ...(result.params ? { params: result.params } : {}),
          },
    );
  }

  /** The intent of the effect the machine just entered, to go into the same commit. */
  private async nextIntent(snapshot: XpSnapshot): Promise<Transition['intent']> {
    if (!snapshot.hasTag(Tag.effect)) return undefined;
    const step = this.step(activeStep(snapshot)!.stepId);
    const effect = EFFECTS.get(step.effect ?? '');
    const input = effect?.input ? await effect.input(this.context(step, {})) : {};
    return { stepId: step.id, attempt: this.store.nextAttempt(this.runId, step.id), input };
  }

  /** After a reboot: the boot id must have changed, then the server must become healthy in time. */
  private async afterReboot(): Promise<boolean> {
    const { host } = this.options;
    const reboot = this.snapshot.context.reboot;
    const stepId = activeStep(this.snapshot)!.stepId;
    const bootId = await host.bootId();
    if (!reboot || bootId === reboot.bootBefore) return false;
    if (!reboot.healthDeadline) {
      const deadline = new Date(Date.now() + this.run.settings.healthTimeoutSeconds * 1000).toISOString();
      await this.advance({ type: 'HEALTH_WAIT', stepId, deadline }, [
        {
          kind: 'rebooted',
          stepId,
          who: 'xpmigrate',
          detail: { bootBefore: reboot.bootBefore, bootId, deadline },
        },
      ]);
    }
    const deadline = Date.parse(this.snapshot.context.reboot?.healthDeadline ?? '');
    for (;;) {
      const health = await host.health();
      if (health.ok) {
        await this.advance({ type: 'BOOTED', stepId, bootId }, [
          { kind: 'step-done', stepId, who: 'xpmigrate', detail: { bootId, health: health.detail } },
        ]);
        this.options.onProgress?.({ type: 'step-done', stepId });
        return true;
      }
      if (Date.now() >= deadline) {
        await this.advance({ type: 'BOOT_TIMEOUT', stepId, detail: health.detail }, [
          {
            kind: 'step-failed',
            stepId,
            who: 'xpmigrate',
            detail: { code: 'E_SERVER_UNHEALTHY', detail: health.detail },
          },
        ]);
        this.options.onProgress?.({
          type: 'step-failed',
          stepId,
          code: 'E_SERVER_UNHEALTHY',
          detail: health.detail,
        });
        return true;
      }
      await sleep(this.options.pollMs ?? 2000);
    }
  }

  /** Delivers pending operator commands; true when one changed the state. */
  private async deliverCommands(): Promise<boolean> {
    for (const row of this.store.pendingCommands(this.runId)) {
      if (await this.deliver(row)) return true;
    }
    return false;
  }

  private async deliver(row: InboxRow): Promise<boolean> {
    const cmd = JSON.parse(row.payload) as OperatorCommand;
    const verdict = await judge(cmd, this.snapshot, this.run.steps, this.options.host, row.who);
    const stepId = cmd.stepId ?? activeStep(this.snapshot)?.stepId ?? '';
    if (verdict.kind !== 'accept') {
      this.store.markCommand(
        this.runId,
        row.id,
        verdict.kind === 'duplicate' ? 'duplicate' : 'refused',
        verdict.reason,
        [
          {
            kind: `command-${verdict.kind === 'duplicate' ? 'duplicate' : 'refused'}`,
            stepId,
            who: row.who,
            detail: { ...cmd, reason: verdict.reason },
          },
        ],
      );
      this.options.onProgress?.({
        type: 'command',
        stepId,
        command: cmd.command,
        verdict: verdict.kind,
        reason: verdict.reason,
      });
      return false;
    }
    const before = this.snapshot;
    faultStep(stepId);
    fault('command-queued');
    await this.advance(
      verdict.event,
      [{ kind: `operator-${cmd.command}`, stepId, who: row.who, detail: { ...cmd } }],
      {
        inbox: { id: row.id, status: 'applied' },
      },
    );
    fault('command-applied');
    faultStep(undefined);
    this.options.onProgress?.({ type: 'command', stepId, command: cmd.command, verdict: 'accept' });
    if (cmd.command === 'confirm') this.options.onProgress?.({ type: 'step-done', stepId, by: row.who });
    if (cmd.command === 'skip')
      this.options.onProgress?.({ type: 'step-skipped', stepId, reason: cmd.reason ?? '' });
    return before !== this.snapshot;
  }

  /** Rehearsal only: the simulated operator carries out the manual step and confirms it. */
  private async simulatedOperator(): Promise<void> {
    const { host } = this.options;
    const step = this.step(activeStep(this.snapshot)!.stepId);
    const hop = /^hop\.v(\d+)v(\d+)\.update$/.exec(step.id);
    if ('operatorDid' in host && typeof host.operatorDid === 'function') {
      host.operatorDid(step.id, hop ? { version: `${hop[2]}.0.100` } : undefined);
    }
    const installed = (await host.installedVersion()) ?? '';
    const evidence = Object.fromEntries(
      step.evidence.map((f) => [
        f.key,
        f.key === 'version' && hop ? installed : sampleEvidence(f.key, f.pattern),
      ]),
    );
    this.store.enqueue(this.runId, 'auto-confirm (simulation)', 'confirm', step.id, {
      command: 'confirm',
      stepId: step.id,
      evidence,
    });
  }

  /**
   * Rehearsal only: a step that failed for want of the operator's say-so (e.g. which databases a
   * restore may replace) is retried once with the evidence its failure asked for.
   */
  private simulatedApproval(): boolean {
    const stepId = activeStep(this.snapshot)?.stepId;
    const last = this.store
      .journalRows(this.runId)
      .findLast((r) => r.stepId === stepId && r.kind === 'step-failed');
    const wanted = (last?.detail as { retryEvidence?: Record<string, string> } | undefined)?.retryEvidence;
    if (!stepId || !wanted) return false;
    const given = this.snapshot.context.evidence[stepId] ?? {};
    if (Object.entries(wanted).every(([key, value]) => given[key] === value)) return false;
    this.store.enqueue(this.runId, 'auto-confirm (simulation)', 'retry', stepId, {
      command: 'retry',
      stepId,
      evidence: wanted,
    });
    return true;
  }

  private wait(status: RunStatus): RunStatus {
    const active = activeStep(this.snapshot);
    this.options.onProgress?.({ type: 'waiting', status, ...(active ? { stepId: active.stepId } : {}) });
    return status;
  }

  private async finish(): Promise<RunStatus> {
    await this.options.host.removeResumeTask();
    const status = statusOf(this.snapshot);
    if (this.store.journalRows(this.runId).at(-1)?.kind !== 'run-ended')
      this.store.journal(this.runId, [{ kind: 'run-ended', who: 'xpmigrate', detail: { status } }]);
    return status;
  }
}

/** A snapshot step's result also goes into the snapshots table, with the checkpoint it belongs to. */
function snapshotTaken(step: RunStep, result: Record<string, unknown>): Pick<Transition, 'snapshotTaken'> {
  return step.kind === 'snapshot' && result.snapshot !== undefined
    ? { snapshotTaken: { stepId: step.id, name: String(result.snapshot), provider: String(result.provider) } }
    : {};
}

/** Evidence the simulated operator gives: something that satisfies the field's pattern. */
function sampleEvidence(key: string, pattern: string | undefined): string {
  if (!pattern) return `rehearsal-${key}`;
  if (pattern.startsWith('^4\\.5\\.35')) return '4.5.35 SR5';
  if (pattern.startsWith('^[A-Za-z]:')) return 'D:\\SQLData\\';
  const major = /^\^(\d+)/.exec(pattern)?.[1];
  return major ? `${major}.0.100` : '1.0';
}
