import type { EffectContext } from '../actors/index.js';
import type { Clock, Host } from '../host/index.js';
import type { MachineEvent, RunStep } from '../machines/index.js';
import type { JournalEntry, RunStatus, Store, Transition } from '../persistence/index.js';
import type { Plan } from '../plan/index.js';
import type { XpSnapshot } from './active.js';
import type { OperatorCommand } from './commands.js';
import type { Elsewhere } from './placement.js';
import type { OpenRun } from './run.js';

/**
 * What a run reports as it goes: each journal entry as it is committed (the same value the
 * journal keeps), and, not journaled, that the drive stopped to wait. The CLI prints these.
 */
export type RunEvent =
  | JournalEntry
  | { kind: 'waiting'; status: RunStatus; stepId?: string; who: string; elsewhere?: Elsewhere };

/** Where the run stands when it reports: its plan (for titles) and how many steps are done. */
export interface ProgressPlace {
  runId: string;
  plan: Plan;
  /** The run's steps as its machine has them (a snapshot taken by hand is a prompt with a field). */
  steps: RunStep[];
  done: number;
  total: number;
}
export type ProgressListener = (event: RunEvent, place: ProgressPlace) => void;

/**
 * The rehearsal's stand-in for the person at the console (`--auto-confirm`): it answers a
 * manual step, and a failure that asked for the operator's say-so, as a person would. The
 * simulation provides it; a real run has none.
 */
export interface StandInOperator {
  /** `run`: what the operator knows of the run (its databases, for a step that asks which). */
  manual(
    step: RunStep,
    host: Host,
    run: { databases: string[]; serviceAccount?: string; sqlServer?: string },
  ): Promise<OperatorCommand>;
  /** The retry a person would send after a failure that named the evidence it needs; none if given. */
  retry(
    step: RunStep,
    asked: Record<string, string>,
    given: Record<string, string>,
  ): OperatorCommand | undefined;
  /** Carries the run to the machine named (the rehearsal's hand-over, as it performs reboots). */
  walkTo?(machine: string, host: Host): Promise<void>;
}

export interface DriveOptions {
  host: Host;
  /** Only in a rehearsal: answers manual steps as the operator would. */
  standIn?: StandInOperator;
  who: string;
  onProgress?: ProgressListener;
  /**
   * The startup task's drive (as SYSTEM): bring the server back from its reboot, then stop before
   * anything else runs; the operator continues (SYSTEM has neither the operator's SQL login nor
   * rights on a Hyper-V host).
   */
  untilBooted?: boolean;
  /** Health polling interval while waiting after a reboot. */
  pollMs?: number;
  /** Where the drive and its effects read the time and wait (the system's, unless a test moves it). */
  clock?: Clock;
}

/** The driver as its parts (recovery, inbox, reboot wait) see it: one run, one protocol. */
export interface Protocol {
  readonly store: Store;
  readonly run: OpenRun;
  readonly options: DriveOptions;
  readonly clock: Clock;
  readonly runId: string;
  readonly snapshot: XpSnapshot;
  step(id: string): RunStep;
  context(step: RunStep, input: Record<string, unknown>, attempt?: number): EffectContext;
  /** Sends an event and commits its outcome, the snapshot and the next intent in one transaction. */
  advance(event: MachineEvent, journal: JournalEntry[], extra?: Partial<Transition>): Promise<void>;
  /** Commits the current state as a checkpoint, with what the transition adds to it; reports its entries. */
  checkpoint(event: string, journal: JournalEntry[], extra: Partial<Transition>): void;
  emit(event: RunEvent): void;
}
