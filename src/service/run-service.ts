import { hostname } from 'node:os';
import type { RunView } from '../../visualizer/src/protocol.js';
import { SETTING_FLAGS, sourcesOf } from '../actors/index.js';
import { snapshotProvider } from '../actors/snapshots/index.js';
import { ScriptImports } from '../actors/sql-script/index.js';
import { assertDatabaseNames, assertSourceDatabases } from '../actors/sql-server/index.js';
import {
  type DrivingRole,
  FILE_EVIDENCE_KEYS,
  isAnalyticsDatabase,
  type MachineRole,
} from '../catalog/index.js';
import { isXpmError, XpmError } from '../errors/index.js';
import { type Clock, type Host, WindowsHost, writeAtomic } from '../host/index.js';
import type { Lang, Text } from '../i18n/index.js';
import {
  absolutePath,
  acquireRunLock,
  type Db,
  dropRestoredLock,
  type InboxRow,
  type JournalEntry,
  type JournalRow,
  type LockHolder,
  lockHolder,
  mirrorNote,
  notedRun,
  openDb,
  type RunRow,
  type RunStatus,
  releaseLock,
  runNote,
  type SnapshotRow,
  type SqliteDriver,
  Store,
  sqliteDriver,
  storeLost,
} from '../persistence/index.js';
import { buildPlan, type Plan, type PlanInput } from '../plan/index.js';
import { collectReport, type RunReport } from '../report/index.js';
import {
  activeStep,
  createRun,
  drive,
  type Elsewhere,
  faultStep,
  findRun,
  judge,
  lostSince,
  type MachineNames,
  machineNames,
  type OperatorCommand,
  openRun,
  type Persisted,
  type ProgressListener,
  persistedOf,
  planOf,
  type RunSettings,
  reasonOf,
  recordRevertedStore,
  requestRollback,
  rewindRun,
  runStarted,
  settingsOf,
  statusOf,
  stepsOfRun,
  type Verdict,
  watchMirror,
} from '../runtime/index.js';
import { simulatedOperator } from '../simulation/index.js';
import { atlasServerOf, discover, foundText } from './discover.js';
import { clockForRun, hostForRun, simulatedHost, standInFor } from './hosts.js';
import { checkCommandText } from './operator-text.js';
import { type RunState, runState } from './run-state.js';
import { missingSettings, neededSettings, runSettings, type StartRequest } from './settings.js';
import { startMachines } from './start-machine.js';
import { seedFromTwin } from './twin.js';
import { buildView, currentState, type RunModel, runModel } from './view.js';

/** A run as the service hands it out: its row, and its plan and settings as types. */
export interface RunRecord {
  row: RunRow;
  plan: Plan;
  settings: RunSettings;
}

/** How a run is driven: who acts, who answers manual steps, who hears its progress. */
export interface DriveRequest {
  who: string;
  /** Rehearsal only: the simulated operator answers manual steps. */
  autoConfirm?: boolean;
  /** The startup task: back from the reboot, then hand over to the operator (DriveOptions.untilBooted). */
  untilBooted?: boolean;
  onProgress?: ProgressListener;
}

export interface DriveOutcome {
  runId: string;
  status: RunStatus;
  /** The run goes on on another machine (a hand-over, or a store carried to the wrong one). */
  elsewhere?: Elsewhere;
}

/** What became of an operator command: queued for the process that drives the run, or handled here. */
export type SendOutcome =
  | { delivery: 'holder'; inboxId: number; holder: { pid: number; host: string } }
  | {
      delivery: 'driven';
      inboxId: number;
      handled: InboxRow['status'];
      reason: Text | null;
      status: RunStatus;
      /** The run goes on on another machine: the command was not for this one. */
      elsewhere?: Elsewhere;
    };

export interface RollbackTarget {
  record: RunRecord;
  snapshot: SnapshotRow;
  /** `manual`: the operator reverts the VM by hand before confirming. */
  provider: string;
}

export type RollbackOutcome =
  | { runId: string; snapshot: string; storeReverted: true; lost: number }
  | { runId: string; snapshot: string; storeReverted: false; undone: string[] };

/** What `status` shows of a run. */
export interface RunStatusRecord {
  record: RunRecord;
  state: RunState;
  currentStep: string | null;
  waitingForOperator: boolean;
  stepsDone: number;
  stepsTotal: number;
  skipped: Array<{ stepId: string; reason: string; forced: boolean }>;
  lockedBy: { pid: number; host: string; since: string } | null;
  snapshots: Array<{ name: string; stepId: string; at: string }>;
  /** The XPhone servers' names the run knows (start, twin, hand-over). */
  machines: MachineNames;
  /** Where the current step happens and the machine xpmigrate must run on for it. */
  current: { machine: MachineRole; drivenOn: DrivingRole; drivenOnName?: string } | null;
}

/**
 * The application layer: every operation on a run, with typed inputs and records. The CLI and
 * the visualizer's server call it in their own process; nothing here parses another process's
 * output. One service holds one connection to one store.
 */
export class RunService {
  private db: Db;
  store: Store;

  private constructor(
    readonly file: string,
    how: { create: boolean; named: boolean; afterLoss: boolean },
    private readonly driver: SqliteDriver,
    private readonly env: NodeJS.ProcessEnv,
    /** Set: every drive reads the time and waits here (a test moves it); else the run's own (hosts.ts). */
    private readonly clock?: Clock,
  ) {
    this.db = openDb(file, driver, how);
    this.store = new Store(this.db);
  }

  /**
   * Before a real run touches anything on this Windows server: the console is elevated and the
   * store is not on a mapped network drive (a share path is refused by `stateFile` already).
   */
  static async preflight(
    file: string,
    host: Pick<WindowsHost, 'preflight'> = new WindowsHost(),
  ): Promise<void> {
    const found = await host.preflight(file);
    if (found.network) throw new XpmError('E_STORE_NETWORK', { file, drive: found.drive });
    if (!found.elevated) throw new XpmError('E_NOT_ELEVATED');
  }

  /**
   * The service on a store. Only what begins something (`start`, `import-db`) creates a store;
   * every other command on a missing one is E_STORE_MISSING and leaves nothing behind. A store
   * the startup task names (`named`) must exist: missing, it is E_STORE_LOST.
   */
  static open(
    file: string,
    {
      create = false,
      named = false,
      afterLoss = false,
      clock,
      driver = sqliteDriver(),
      env = process.env,
    }: {
      create?: boolean;
      named?: boolean;
      afterLoss?: boolean;
      clock?: Clock;
      driver?: SqliteDriver;
      /** The command's environment, for the Windows host (its PowerShell, SQL login, passwords). */
      env?: NodeJS.ProcessEnv;
    } = {},
  ): RunService {
    return new RunService(file, { create, named, afterLoss }, driver, env, clock);
  }

  close(): void {
    this.db.close();
  }

  /** A plan from the answers (no store needed, but the same seam as everything else). */
  static plan(input: PlanInput): Plan {
    return buildPlan(input);
  }

  runs(): RunRecord[] {
    return this.store.runs().map((row) => this.record(row));
  }

  /** The run named (an id or its prefix), else the newest one. */
  find(runId?: string): RunRecord {
    return this.record(findRun(this.store, this.file, runId));
  }

  private record(row: RunRow): RunRecord {
    return { row, plan: planOf(row), settings: settingsOf(row) };
  }

  /** Creates a run from a plan and drives it as far as it goes. */
  async start(request: StartRequest, how: DriveRequest): Promise<DriveOutcome> {
    // One store, one run at a time: a second would repeat backups, snapshots and reboots. Asked
    // here to refuse at once, and again where the run is created (another start may be between).
    const unfinished = this.store.unfinishedRun();
    if (unfinished && !request.newRun) throw this.unfinished(unfinished);
    // The run this store began is not in it: its write-ahead log was cut short or it was replaced.
    const noted = notedRun(this.file);
    if (noted && !request.afterLoss && !this.store.run(noted)) throw storeLost(this.file, 'wal');
    // A real run names every setting its steps need, or is refused with all of them at once.
    const missing = request.simulate ? [] : missingSettings(request);
    if (missing.length > 0) {
      const found = foundText(await discover(missing, request.databases));
      throw new XpmError('E_START_SETTINGS_MISSING', {
        flags: missing.map((m) => SETTING_FLAGS[m]).join(', '),
        foundDe: found.de,
        foundEn: found.en,
      });
    }
    assertDatabaseNames(request.databases, '--databases');
    const settings = runSettings(request, this.file);
    // The simulated server starts at the version being upgraded from.
    const host: Host = request.simulate
      ? simulatedHost(this.file, {
          ...((request.simulation?.version ?? request.plan.input.from)
            ? { version: request.simulation?.version ?? request.plan.input.from }
            : {}),
          storeOutsideVm: request.simulation?.storeOutsideVm === true,
          ...(request.simulation?.twin ? { seed: seedFromTwin(request.simulation.twin) } : {}),
        })
      : new WindowsHost({ env: this.env });
    // Every database named is on the source server before anything runs (a typo is not skipped).
    try {
      settings.machines = await startMachines(request, host);
      if (settings.sourceSqlServer && neededSettings(request.plan).has('sourceSqlServer'))
        for (const source of sourcesOf(settings))
          await assertSourceDatabases(source.server, source.databases, host).catch(async (error: unknown) => {
            throw await analyticsElsewhere(error, settings, host);
          });
    } finally {
      await host.close?.();
    }
    const created = createRun(this.store, request.plan, settings, request.simulate, !request.newRun);
    if (created.unfinished) throw this.unfinished(created.unfinished);
    const { runId } = created;
    writeAtomic(runNote(this.file), `${runId}\n`);
    // Beside the store, where a lost store's error can still name it.
    if (settings.journalMirror) writeAtomic(mirrorNote(this.file), `${settings.journalMirror}\n`);
    const started = runStarted(request.plan, request.simulate);
    const steps = stepsOfRun(request.plan, settings, request.simulate);
    how.onProgress?.(started, { runId, plan: request.plan, steps, done: 0, total: steps.length });
    return this.resume(runId, how);
  }

  private unfinished(run: RunRow): XpmError {
    return new XpmError('E_RUN_UNFINISHED', { run: run.id, state: run.status, file: this.file });
  }

  /** Locks the run and drives it until it ends or waits (operator, reboot, failure). */
  async resume(runId: string | undefined, how: DriveRequest): Promise<DriveOutcome> {
    const record = this.find(runId);
    if (how.autoConfirm && !record.row.simulate)
      throw new XpmError('E_SIMULATE_ONLY', { flag: '--auto-confirm' });
    const { row } = record;
    const lock = acquireRunLock(this.db, row.id);
    try {
      const { mirror, detected } = watchMirror(this.store, row);
      const run = openRun(this.store, row);
      const place = () => ({
        runId: row.id,
        plan: run.plan,
        steps: run.steps,
        done: run.actor.getSnapshot().context.done.length,
        total: run.steps.length,
      });
      if (detected) how.onProgress?.(detected, place());
      const host = hostForRun(row, record.settings, this.file, this.env);
      const standIn = standInFor(row, how.autoConfirm === true);
      const { status, elsewhere } = await drive(this.store, run, {
        host,
        clock: this.clock ?? clockForRun(row),
        who: how.who,
        ...(how.untilBooted ? { untilBooted: true } : {}),
        ...(standIn ? { standIn } : {}),
        ...(how.onProgress ? { onProgress: how.onProgress } : {}),
      }).finally(() => host.close?.());
      if (mirror?.error) {
        const failed: JournalEntry = {
          kind: 'mirror-failed',
          who: 'xpmigrate',
          detail: { dir: mirror.dir, error: mirror.error },
        };
        this.store.journal(row.id, [failed]);
        how.onProgress?.(failed, place());
      }
      run.actor.stop();
      return { runId: row.id, status, ...(elsewhere ? { elsewhere } : {}) };
    } finally {
      lock.release();
    }
  }

  /** Would the run take this command now? (The page asks before it queues one.) */
  async judge(runId: string, cmd: OperatorCommand, who: string): Promise<Verdict> {
    const record = this.find(runId);
    const run = openRun(this.store, record.row);
    const host = hostForRun(record.row, record.settings, this.file, this.env);
    try {
      return await judge(cmd, run.actor.getSnapshot(), run.steps, host, who, record.settings);
    } finally {
      run.actor.stop();
      await host.close?.();
    }
  }

  /**
   * Releases the run's lock explicitly and journals it: for a holder on another host name
   * (server renamed, store copied) or a dead one. A live holder here is refused (exit 5).
   */
  unlock(runId: string | undefined, who: string): { runId: string; released?: LockHolder } {
    const { row } = this.find(runId);
    const released = releaseLock(this.db, row.id);
    if (released)
      this.store.journal(row.id, [
        {
          kind: 'lock-released',
          who,
          detail: { pid: released.pid, host: released.host, since: released.since, here: hostname() },
        },
      ]);
    return { runId: row.id, ...(released ? { released } : {}) };
  }

  /** Queues a command for whoever drives the run; its inbox id. */
  enqueue(runId: string, cmd: OperatorCommand, who: string): number {
    checkCommandText(cmd, who);
    const queued = withAbsolutePaths(cmd);
    return this.store.enqueue(runId, who, queued.command, queued.stepId, queued);
  }

  /**
   * An operator command goes into the inbox first; the process that drives the run takes it, or,
   * when none does, it is delivered here by driving the run.
   */
  async send(runId: string | undefined, cmd: OperatorCommand, how: DriveRequest): Promise<SendOutcome> {
    const { row } = this.find(runId);
    const inboxId = this.enqueue(row.id, cmd, how.who);
    const holder = lockHolder(this.db, row.id);
    if (holder) return { delivery: 'holder', inboxId, holder: { pid: holder.pid, host: holder.host } };
    const { status, elsewhere } = await this.resume(row.id, { ...how, autoConfirm: false });
    const handled = this.store.inboxRow(inboxId);
    return {
      delivery: 'driven',
      inboxId,
      handled: handled?.status ?? 'pending',
      reason: reasonOf(handled?.reason ?? null),
      status,
      ...(elsewhere ? { elsewhere } : {}),
    };
  }

  /** The snapshot a rollback goes to, checked: it exists, belongs to the run, was not removed. */
  rollbackTarget(name: string, runId?: string): RollbackTarget {
    const named = this.store.snapshots().filter((s) => s.name === name);
    if (named.length === 0) throw new XpmError('E_SNAPSHOT_NOT_FOUND', { name, file: this.file });
    const record = runId ? this.find(runId) : this.record(this.store.run(named.at(-1)!.runId)!);
    const snapshot = named.findLast((s) => s.runId === record.row.id);
    if (!snapshot)
      throw new XpmError('E_SNAPSHOT_OTHER_RUN', { name, run: record.row.id, owner: named.at(-1)!.runId });
    if (snapshot.removedAt)
      throw new XpmError('E_SNAPSHOT_REMOVED', { name: snapshot.name, at: snapshot.removedAt });
    const host = hostForRun(record.row, record.settings, this.file, this.env);
    const provider = snapshotProvider(record.settings.snapshots, host).kind;
    void host.close?.();
    return { record, snapshot, provider };
  }

  /**
   * Reverts the VM and takes the run back to the snapshot's checkpoint. The request is committed
   * (and mirrored) first; the store is closed while the VM is reverted, since a store on the VM
   * is reverted with it. Afterwards: a reverted store is recorded with what it lost; a store that
   * lives elsewhere is rewound by the runtime.
   */
  async rollbackTo(target: RollbackTarget, who: string): Promise<RollbackOutcome> {
    const { row, settings } = target.record;
    const snap = target.snapshot;
    let lock = acquireRunLock(this.db, row.id);
    const lockedBeforeRevert = lock.since;
    watchMirror(this.store, row);
    const requestSeq = requestRollback(this.store, row.id, snap, who);
    const requestAt = this.store.checkpointAt(row.id, requestSeq)!.at;
    const before = this.store.journalRows(row.id);
    lock.release();
    this.close(); // the VM is off while it is reverted, and so is a store on it
    const host = hostForRun(row, settings, this.file, this.env);
    try {
      faultStep('rollback'); // tests: XPMIGRATE_FAULT=rollback@during-effect dies with the reverted VM
      await snapshotProvider(settings.snapshots, host).revert(snap.name);
    } catch (error) {
      this.reopen();
      this.store.journal(row.id, [
        { kind: 'rollback-failed', who, detail: { snapshot: snap.name, error: (error as Error).message } },
      ]);
      throw error;
    } finally {
      await host.close?.();
    }
    this.reopen();
    const storeReverted = this.store.checkpointAt(row.id, requestSeq)?.at !== requestAt;
    if (storeReverted) dropRestoredLock(this.db, row.id, lockedBeforeRevert);
    lock = acquireRunLock(this.db, row.id);
    try {
      const { lost: viaMirror } = watchMirror(this.store, row);
      const last = this.store.lastCheckpoint(row.id)!;
      const reverted = viaMirror !== undefined || storeReverted;
      if (reverted) {
        const lost = viaMirror ?? lostSince(before, this.store.journalRows(row.id), last.seq);
        if (!viaMirror) recordRevertedStore(this.store, row.id, lost, 'rollback', undefined);
        return { runId: row.id, snapshot: snap.name, storeReverted: true, lost: lost.entries.length };
      }
      const undone = rewindRun(this.store, row.id, snap, who);
      return { runId: row.id, snapshot: snap.name, storeReverted: false, undone };
    } finally {
      lock.release();
    }
  }

  private reopen(): void {
    this.db = openDb(this.file, this.driver);
    this.store = new Store(this.db);
  }

  /** The snapshots of a run, or of every run, as recorded. */
  snapshots(runId?: string): SnapshotRow[] {
    return this.store.snapshots(runId ? this.find(runId).row.id : undefined);
  }

  /**
   * The VM's whole chain as its provider lists it (snapshots taken outside xpmigrate count too);
   * `length` undefined when it cannot tell (manual), `error` when it cannot be reached.
   */
  async providerChain(runId: string): Promise<{ length?: number; error?: string }> {
    const { row, settings } = this.find(runId);
    const host = hostForRun(row, settings, this.file, this.env);
    try {
      const listed = await snapshotProvider(settings.snapshots, host).list();
      return listed ? { length: listed.length } : {};
    } catch (error) {
      return { error: isXpmError(error) ? error.code : (error as Error).message };
    } finally {
      await host.close?.();
    }
  }

  /** Removes snapshots at their provider, each recorded as removed with who did it. */
  async removeSnapshots(
    chosen: SnapshotRow[],
    who: string,
    onRemoved?: (s: SnapshotRow) => void,
  ): Promise<void> {
    for (const snap of chosen) {
      const { row, settings } = this.find(snap.runId);
      const host = hostForRun(row, settings, this.file, this.env);
      try {
        await snapshotProvider(settings.snapshots, host).remove(snap.name);
      } finally {
        await host.close?.();
      }
      this.store.markSnapshotRemoved(snap.id);
      this.store.journal(snap.runId, [
        { kind: 'snapshot-removed', stepId: snap.stepId, who, detail: { snapshot: snap.name } },
      ]);
      onRemoved?.(snap);
    }
  }

  status(runId?: string): RunStatusRecord {
    const record = this.find(runId);
    const run = openRun(this.store, record.row);
    const snapshot = run.actor.getSnapshot();
    run.actor.stop();
    const active = activeStep(snapshot);
    const holder = lockHolder(this.db, record.row.id);
    const machines = machineNames(record.settings, run.steps, snapshot.context);
    const step = run.steps.find((x) => x.id === active?.stepId);
    const drivenOnName = step ? machines[step.drivenOn] : undefined;
    return {
      record,
      machines,
      current: step
        ? { machine: step.machine, drivenOn: step.drivenOn, ...(drivenOnName ? { drivenOnName } : {}) }
        : null,
      state: runState(statusOf(snapshot), holder !== undefined),
      currentStep: active?.stepId ?? null,
      waitingForOperator: snapshot.hasTag('waiting-for-operator'),
      stepsDone: snapshot.context.done.length + snapshot.context.skipped.length,
      stepsTotal: run.steps.length,
      skipped: snapshot.context.skipped,
      lockedBy: holder ? { pid: holder.pid, host: holder.host, since: holder.since } : null,
      snapshots: this.store
        .snapshots(record.row.id)
        .filter((s) => s.removedAt === null)
        .map((s) => ({ name: s.name, stepId: s.stepId, at: s.at })),
    };
  }

  /**
   * Rehearsal only (`sim --do`): what the operator would do at the manual step the run waits at
   * (run the V6 setup, install SQL Express, …), done on the simulated server. The confirm stays
   * the operator's: the outcome names the evidence it would take.
   */
  async actAsOperator(
    runId?: string,
  ): Promise<{ stepId: string; version?: string; evidence: Record<string, string> }> {
    const s = this.status(runId);
    const { row } = s.record;
    if (!row.simulate) throw new XpmError('E_SIMULATE_ONLY', { flag: 'sim --do' });
    const run = openRun(this.store, row);
    run.actor.stop();
    const step = run.steps.find((x) => x.id === s.currentStep);
    if (!step || !s.waitingForOperator || step.kind !== 'manual')
      throw new XpmError('E_SIM_NOTHING_TO_DO', { run: row.id, step: s.currentStep ?? '–' });
    const host = simulatedHost(this.file);
    try {
      const before = await host.installedVersion();
      const answer = await simulatedOperator.manual(step, host, s.record.settings);
      const after = await host.installedVersion();
      return {
        stepId: step.id,
        ...(after !== before ? { version: after } : {}),
        evidence: answer.evidence ?? {},
      };
    } finally {
      await host.close?.();
    }
  }

  history(runId?: string): { record: RunRecord; journal: JournalRow[] } {
    const record = this.find(runId);
    return { record, journal: this.store.journalRows(record.row.id) };
  }

  report(runId: string | undefined, lang: Lang): RunReport {
    const { row } = this.find(runId);
    const { snapshot } = currentState(this.store, runModel(row));
    return collectReport(this.store, row, lang, { stepId: activeStep(snapshot)?.stepId, snapshot });
  }

  /** import-db's checkpoints in this store, locked for one script and server (released by the caller). */
  scriptImports(lockKey: string): { imports: ScriptImports; release(): void } {
    const lock = acquireRunLock(this.db, lockKey);
    return { imports: new ScriptImports(this.db), release: () => lock.release() };
  }

  /** SQLite's count of commits by other connections: a poll that costs one pragma. */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  /** The page's picture of a run (see buildView) and the journal it was built from. */
  view(model: RunModel, lang: Lang): { view: RunView; journal: JournalRow[] } {
    const journal = this.store.journalRows(model.row.id);
    return { view: buildView(this.store, model, journal, lang), journal };
  }

  /** The run's newest checkpoint: its number, the event that led to it, the persisted machine state. */
  lastCheckpoint(runId: string): { seq: number; event: string; persisted: Persisted } | undefined {
    const c = this.store.lastCheckpoint(runId);
    return c && { seq: c.seq, event: c.event, persisted: persistedOf(runId, c) };
  }

  /** Operator commands waiting in the inbox (none once delivered). */
  pendingCommands(runId: string): number {
    return this.store.pendingCommands(runId).length;
  }
}

/**
 * Evidence that names a file is kept absolute, as typed relative to the folder the command ran in:
 * the process that applies it, or a retry later, may run elsewhere (the startup task in System32).
 */
function withAbsolutePaths(cmd: OperatorCommand): OperatorCommand {
  if (!cmd.evidence) return cmd;
  const evidence = Object.fromEntries(
    Object.entries(cmd.evidence).map(([key, value]) => [
      key,
      FILE_EVIDENCE_KEYS.includes(key) && value.trim() !== '' ? absolutePath(value) : value,
    ]),
  );
  return { ...cmd, evidence };
}

/**
 * An Analytics database missing from the main instance, with no Analytics instance named: XPhone
 * keeps it in an instance of its own (XPANALYTICS). Said so, with what atlas.xml names for it.
 */
async function analyticsElsewhere(error: unknown, settings: RunSettings, host: Host): Promise<unknown> {
  if (
    !isXpmError(error) ||
    error.code !== 'E_SQL_SOURCE_DATABASE_MISSING' ||
    settings.sourceAnalyticsSqlServer
  )
    return error;
  const analytics = String(error.params.databases)
    .split(', ')
    .filter((db) => isAnalyticsDatabase(db));
  if (analytics.length === 0) return error;
  const found = await atlasServerOf(analytics[0]!, host);
  return new XpmError('E_SQL_ANALYTICS_INSTANCE', {
    server: String(error.params.server),
    databases: analytics.join(', '),
    instance: found ?? '(local)\\XPANALYTICS',
  });
}
