import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Host, HostInventory, MutationHook, SnapshotProvider, SqlEndpoint } from '../host/index.js';
import { writeAtomic } from '../host/index.js';
import { SAMPLE_ATLAS_XML } from './sample-atlas.js';
import { applySeed, EXPRESS_DATA_LIMIT_MB, largestSeededDatabase, type SimSeed } from './seed.js';
import {
  isExpressInstance,
  readSqlModels,
  SIMULATED_NEW_HOST,
  SIMULATED_OLD_HOST,
  SIMULATED_OPERATOR,
  SIMULATED_SERVICE_ACCOUNT,
  simulatedServer,
  simulatedServerName,
} from './simulated-sql.js';
import type { SqlModel, SqlServerSimulator } from './sql-server/index.js';

/** One simulated Windows machine: an XPhone server (old or new), as its operator and effects leave it. */
export interface SimMachine {
  /** The installed XPhone version; '' before XPhone is installed (the new server at first). */
  version: string;
  bootId: number;
  pendingReboot: boolean;
  services: Record<string, boolean>;
  instances: string[];
  /** The install folder, with a real atlas.xml in it once XPhone is installed. */
  installDir: string;
  appPools: Record<string, string>;
  /** What the simulated Backup-Manager did, by the step it did it for: its backup file and log. */
  backups: Record<string, { file?: string; log: string }>;
  resumeTask: string[] | null;
  exports: string[];
  /** Manual steps the simulated operator has carried out here. */
  manual: string[];
  /**
   * Early in a boot WMI and PowerShell answer nothing yet: the next this-many questions about the
   * boot or health fail (tests set it to rehearse a slow start).
   */
  unreadyAnswers?: number;
}

/**
 * The rehearsal's world, kept in a JSON file beside the store: the old XPhone server, the new one,
 * and which of them xpmigrate runs on now (the SQL Servers are simulators of their own, `.sql`).
 */
export interface SimState {
  /** The machine xpmigrate runs on: the old server until the rehearsal's operator hands over. */
  here: string;
  machines: Record<string, SimMachine>;
  /** The hypervisor's snapshots: each holds one VM as it was (and the store, when on that VM). */
  snapshots: SimSnapshot[];
  /** Whether the run's store lives on the VM's disk (a rollback then reverts it too). */
  storeOnVm: boolean;
  /** Effect name → times applied, on any machine. */
  effects: Record<string, number>;
  /** The customer's server from its twin (`--twin`): the rehearsal meets its facts. */
  seed?: SimSeed;
}

export interface SimSnapshot {
  name: string;
  at: string;
  /** The VM it is of, and that VM's state when it was taken. */
  machine: string;
  image: SimMachine;
  /** A copy of the store's files when it lives on the VM. */
  storeCopy: boolean;
}

export interface SimOptions {
  /** The installed version the simulation starts with. */
  version?: string;
  /** The store lives outside the VM (on a share): a rollback does not revert it. */
  storeOutsideVm?: boolean;
  /** The customer's server, from its twin. */
  seed?: SimSeed;
}

/**
 * A rehearsal environment that behaves like a real XPhone server. A reboot takes effect when
 * the next process opens the simulation, as a real one does when the machine comes back.
 */
export class SimulatedHost implements Host {
  readonly kind = 'simulated';
  private world: SimState;
  private readonly simulators = new Map<string, SqlServerSimulator>();
  /** The simulated SQL Servers' models and the backup share, beside the state file. */
  private readonly sqlFolder: string;

  constructor(
    readonly file: string,
    options: SimOptions = {},
    private readonly onMutation: MutationHook = () => {},
  ) {
    this.sqlFolder = sqlFolderOf(file);
    const saved = load(file);
    this.world = saved ?? initialWorld(storeFileOf(file), options);
    if (!saved) writeSampleAtlas(this.state.installDir); // the old server's atlas.xml, once
    // A machine that was asked to reboot comes back when a process next opens the simulation.
    for (const machine of Object.values(this.world.machines)) {
      if (!machine.pendingReboot) continue;
      machine.bootId += 1;
      machine.pendingReboot = false;
      for (const name of Object.keys(machine.services)) machine.services[name] = true;
    }
    this.save();
  }

  /** The machine xpmigrate runs on now. */
  private get state(): SimMachine {
    return this.world.machines[this.world.here]!;
  }

  static fileFor(storeFile: string): string {
    return join(dirname(storeFile), `${storeFile.split(/[\\/]/).pop()}.host.json`);
  }

  /** Reads the simulation without starting it (no boot happens). */
  static read(file: string): SimState | undefined {
    return load(file);
  }

  snapshot(): SimState {
    return structuredClone(this.world);
  }

  /**
   * The simulated operator carrying out a manual step (idempotent per step) on the machine it
   * belongs to. A version given is an install: on a machine without XPhone, its setup lays down
   * the services (stopped until row 9 starts them), the Analytics pool and atlas.xml.
   */
  operatorDid(
    stepId: string,
    change?: { version?: string; stopServices?: boolean },
    machine = this.world.here,
  ): void {
    const m = this.world.machines[machine] ?? this.state;
    if (change?.version) {
      if (!m.version) installXPhone(m);
      m.version = change.version;
    }
    if (change?.stopServices) for (const name of Object.keys(m.services)) m.services[name] = false;
    if (!m.manual.includes(stepId)) m.manual.push(stepId);
    this.save();
  }

  /** The rehearsal's operator walks to another machine with the store (a hand-over). */
  walkTo(machine: string): void {
    const name = machine.toUpperCase();
    if (!this.world.machines[name]) throw new Error(`the rehearsal has no machine ${machine}`);
    this.world.here = name;
    this.save();
  }

  /** The simulated machine a role of the run is played by: the old and the new XPhone server. */
  static machineFor(role: string): string {
    return role === 'new' ? SIMULATED_NEW_HOST : SIMULATED_OLD_HOST;
  }

  private mutate(effect: string, change: (s: SimMachine) => void): void {
    change(this.state);
    this.count(effect);
    this.save();
    this.onMutation();
  }

  private count(effect: string): void {
    this.world.effects[effect] = (this.world.effects[effect] ?? 0) + 1;
  }

  private save(): void {
    writeAtomic(this.file, `${JSON.stringify(this.world, null, 2)}\n`, { makeFolder: true });
  }

  async bootId() {
    this.notReadyYet();
    return `sim-boot-${this.state.bootId}`;
  }

  private notReadyYet(): void {
    if (!this.state.unreadyAnswers) return;
    this.state.unreadyAnswers -= 1;
    this.save();
    throw new Error('Get-CimInstance: the WMI service is not ready yet (0x80041014)');
  }
  async installedVersion() {
    return this.state.version || undefined;
  }
  async services() {
    return Object.entries(this.state.services).map(([name, running]) => ({ name, running }));
  }
  async startServices() {
    this.mutate('windows.start-services', (s) => {
      for (const name of Object.keys(s.services)) s.services[name] = true;
    });
  }
  async stopServices() {
    this.mutate('windows.stop-services', (s) => {
      for (const name of Object.keys(s.services)) s.services[name] = false;
    });
  }
  async health() {
    this.notReadyYet();
    const stopped = Object.entries(this.state.services).filter(([, running]) => !running);
    return stopped.length === 0
      ? { ok: true, detail: 'ServerStartupMeter=100' }
      : { ok: false, detail: `stopped: ${stopped.map(([n]) => n).join(', ')}` };
  }
  async reboot() {
    this.mutate('host.reboot', (s) => {
      s.pendingReboot = true;
    });
  }
  async registerResumeTask(command: string[], _workingDirectory?: string) {
    this.state.resumeTask = command;
    this.save();
  }
  async removeResumeTask() {
    this.state.resumeTask = null;
    this.save();
  }
  /**
   * The operator runs the Backup-Manager (interactive on a real server): it writes a backup file
   * and appends to its log, in the format the guide shows. Once per step, like an operator who
   * does not make a second backup when asked again after a crash.
   */
  runBackupManager(
    stepId: string,
    operation: 'backup' | 'restore',
    target?: string,
    machine = this.world.here,
  ): { file?: string; log: string } {
    const m = this.world.machines[machine] ?? this.state;
    const done = m.backups[stepId];
    if (done) return done;
    const base = `${storeFileOf(this.file)}.server`;
    const log = join(m.installDir, 'Logs', 'XPhoneServerBackup.log');
    const file = operation === 'backup' ? join(base, 'XPhoneBackup', `${stepId}.zip`) : undefined;
    if (file) writeAtomic(file, `simulated Backup-Manager backup for ${stepId}\n`, { makeFolder: true });
    mkdirSync(dirname(log), { recursive: true });
    const at = backupManagerTime(new Date());
    const lines =
      operation === 'backup'
        ? [
            `${at} INF Backup started`,
            `${at} INF SQLHelper.SaveDatabase XPDATA`,
            `${at} INF Backup finished: ${file}`,
          ]
        : this.restoreLines(at, target);
    appendFileSync(log, `${lines.join('\r\n')}\r\n`);
    const result = { ...(file ? { file } : {}), log };
    // Counted like an effect (the crash tests check it happens once), but no fault hook: an operator's act.
    m.backups[stepId] = result;
    this.count(`backup-manager.${operation}`);
    this.save();
    return result;
  }
  /**
   * A restore onto SQL Express stops at a database over its 10 GB of data, with SQL Server's
   * error 1827 in the log ("Maximum capacity specifications for SQL Server"), as the real
   * Backup-Manager's would. The rehearsal's own sample fits; a customer's twin may not.
   */
  private restoreLines(at: string, target: string | undefined): string[] {
    const largest = largestSeededDatabase(this.world.seed);
    const express = target !== undefined && isExpressInstance(simulatedServerName(target, this.world.here));
    if (largest && express && largest.dataMb > EXPRESS_DATA_LIMIT_MB)
      return [
        `${at} INF Restore started`,
        `${at} INF SQLHelper.RestoreDatabase ${largest.name}`,
        `${at} ERR SQLHelper.RestoreDatabase Error while restoring Database ${largest.name}`,
        `${at} ERR CREATE DATABASE or ALTER DATABASE failed because the resulting cumulative database size would exceed your licensed limit of ${EXPRESS_DATA_LIMIT_MB} MB per database.`,
        'RESTORE DATABASE is terminating abnormally.',
        `${at} INF Restore ended with errors`,
      ];
    return [
      `${at} INF Restore started`,
      `${at} INF SQLHelper.RestoreDatabase XPDATA`,
      `${at} INF Restore finished`,
    ];
  }

  /** What `twin collect` reads: from the customer's twin when the rehearsal has one. */
  async inventory(): Promise<HostInventory> {
    const seeded = new Map((this.world.seed?.services ?? []).map((s) => [s.name, s]));
    return {
      services: Object.entries(this.state.services).map(([name, running]) => ({
        name,
        running,
        startMode: seeded.get(name)?.startMode ?? 'Auto',
        account: seeded.get(name)?.account ?? SIMULATED_SERVICE_ACCOUNT,
      })),
      appPools: Object.entries(this.state.appPools).map(([name, identity]) => ({ name, identity })),
      volumes: this.world.seed?.volumes ?? [{ volume: 'C:', freeMb: 61_440, sizeMb: 102_400 }],
      hardware: this.world.seed?.hardware ?? 'Microsoft Corporation Virtual Machine',
      problems: [],
    };
  }

  /** What a stock Windows Server 2019 has: the built-in driver and, from SSMS, ODBC Driver 17. */
  async odbcDrivers(): Promise<string[]> {
    return ['SQL Server', 'ODBC Driver 17 for SQL Server'];
  }

  async sqlEndpoint(server: string): Promise<SqlEndpoint> {
    // `(local)` is the machine xpmigrate runs on: the old server's instances before the hand-over.
    const name = simulatedServerName(server, this.world.here);
    let simulator = this.simulators.get(name);
    if (!simulator) {
      const file = join(this.sqlFolder, `${name.replace(/[^\w.-]+/g, '_')}.json`);
      // Loaded when a run first reaches a SQL Server: most commands never do.
      const { SqlServerSimulator } = await import('./sql-server/server.js');
      simulator = new SqlServerSimulator(
        file,
        applySeed(simulatedServer(name, join(this.sqlFolder, 'backup')), this.world.seed?.sqlServers?.[name]),
      );
      await simulator.start();
      simulator.unref(); // the run's process may end while it listens
      this.simulators.set(name, simulator);
    }
    return { host: '127.0.0.1', port: simulator.port, credentials: SIMULATED_OPERATOR };
  }

  /** The simulated SQL Servers' models (version, databases, counts), by name, without starting them. */
  static readSqlServers(file: string): Record<string, SqlModel> {
    return readSqlModels(sqlFolderOf(file));
  }

  async close(): Promise<void> {
    await Promise.all([...this.simulators.values()].map((s) => s.stop()));
    this.simulators.clear();
  }
  async setAppPoolIdentity(pool: string, account: string) {
    this.mutate('windows.set-app-pool-identity', (s) => {
      s.appPools[pool] = account;
    });
  }
  async runSqlMigrationScript(role: 'main' | 'analytics') {
    const instance = role === 'main' ? 'XPCONNECT2019' : 'XPANALYTICS2019';
    this.mutate(`windows.run-sql-migration-script:${role}`, (s) => {
      if (!s.instances.includes(instance)) s.instances.push(instance);
    });
    return { instance };
  }
  async hasInstance(name: string) {
    return this.state.instances.some((i) => i.toUpperCase() === name.toUpperCase());
  }
  async installDir() {
    return this.state.installDir;
  }
  async applied(effect: string) {
    this.mutate(effect, () => {});
  }
  /** The VM of the machine xpmigrate runs on is the one its snapshots are of. */
  /** The hypervisor of the simulated VM. */
  readonly snapshots: SnapshotProvider = {
    kind: 'simulated',
    take: async (name) => {
      // The vendor allows snapshots only while the VM is off: power off, snapshot, power on (a boot).
      const storeCopy = this.world.storeOnVm && copyStore(this.storeFile, this.snapshotFolder(name));
      const machine = this.world.here;
      this.mutate('snapshot.take', (m) => {
        this.world.snapshots = this.world.snapshots.filter((x) => x.name !== name);
        this.world.snapshots.push({
          name,
          at: new Date().toISOString(),
          machine,
          image: structuredClone(m),
          storeCopy,
        });
        m.bootId += 1;
      });
    },
    exists: async (name) => this.world.snapshots.some((x) => x.name === name),
    revert: async (name) => {
      const snap = this.world.snapshots.find((x) => x.name === name);
      if (!snap) throw new Error(`no snapshot ${name}`);
      // The caller has closed the store: a VM that is reverted is off.
      if (snap.storeCopy) copyStore(this.snapshotFolder(name), this.storeFile, true);
      // The operator goes back to the machine whose VM is reverted: the run goes on there.
      this.world.here = snap.machine;
      this.mutate('snapshot.revert', (m) => {
        const bootId = Math.max(m.bootId, snap.image.bootId) + 1;
        Object.assign(m, structuredClone(snap.image), { bootId });
      });
    },
    remove: async (name) => {
      this.mutate('snapshot.remove', () => {
        this.world.snapshots = this.world.snapshots.filter((x) => x.name !== name);
      });
      rmSync(this.snapshotFolder(name), { recursive: true, force: true });
    },
    list: async () => this.world.snapshots.map((x) => ({ name: x.name, createdAt: x.at })),
  };

  private get storeFile(): string {
    return storeFileOf(this.file);
  }

  private snapshotFolder(name: string): string {
    return join(`${this.storeFile}.snapshots`, Buffer.from(name).toString('hex'));
  }

  /** The machine xpmigrate runs on now: OLDXPHONE, or NEWXPHONE after the hand-over. */
  async machineName() {
    return this.world.here;
  }
  async osVersion() {
    return `${this.world.seed?.os ?? 'Windows Server 2022 Standard 10.0.20348'} (simulated)`;
  }
  /** The tool sees a share when a simulated SQL Server's share maps it to a folder that exists. */
  async pathExists(path: string) {
    const wanted = path.toLowerCase();
    return Object.values(readSqlModels(this.sqlFolder)).some((m) =>
      m.shares.some(
        (s) =>
          (wanted === s.path.toLowerCase() || wanted.startsWith(`${s.path.toLowerCase()}\\`)) &&
          existsSync(s.dir),
      ),
    );
  }
  /** An XPhone server's own ports answer while its services run (this one, or another machine by name). */
  async portOpen(host: string, port: number) {
    const local = ['127.0.0.1', 'localhost', '(local)', '.'].includes(host.toLowerCase());
    const m = local ? this.state : this.world.machines[host.split('.')[0]!.toUpperCase()];
    if (!m) return false;
    const services = Object.values(m.services);
    return [2230, 2231].includes(port) && services.length > 0 && services.every(Boolean);
  }
  async xphoneV4Installed() {
    return false;
  }
  async checkV4Exports(needed: string[]) {
    const missing = needed.filter((n) => !this.state.exports.includes(n));
    return { ok: missing.length === 0, missing };
  }
}

/** The machine xpmigrate runs on in a rehearsal's world, with its name. */
export function currentMachine(world: SimState): SimMachine & { name: string } {
  return { name: world.here, ...world.machines[world.here]! };
}

/** `dd.MM.yyyy HH:mm:ss`, local time: how the Backup-Manager stamps its log lines (see the guide's log). */
function backupManagerTime(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getDate())}.${two(d.getMonth() + 1)}.${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** The store a simulation belongs to: its files sit beside it (`.server`, `.sql`, `.snapshots`). */
const storeFileOf = (file: string) => file.replace(/\.host\.json$/, '');
const sqlFolderOf = (file: string) => `${storeFileOf(file)}.sql`;

/**
 * Copies a store's files as a powered-off disk holds them: the database and its WAL (every
 * commit is synced, so this is the image a crash leaves); the shared-memory index is rebuilt.
 */
function copyStore(fromBase: string, toBase: string, restoring = false): boolean {
  const [from, to] = restoring ? [join(fromBase, 'store'), toBase] : [fromBase, join(toBase, 'store')];
  if (!existsSync(from)) return false;
  mkdirSync(dirname(to), { recursive: true });
  for (const suffix of ['', '-wal']) {
    rmSync(`${to}${suffix}`, { force: true });
    if (existsSync(`${from}${suffix}`)) copyFileSync(`${from}${suffix}`, `${to}${suffix}`);
  }
  rmSync(`${to}-shm`, { force: true });
  return true;
}

/**
 * A new rehearsal: the old XPhone server at the version being upgraded from (from the twin, when
 * seeded), holding the data, and the new machine beside it with Windows only. A run starts on
 * the old one; its hand-over takes the operator to the new one.
 */
function initialWorld(storeFile: string, options: SimOptions): SimState {
  const seed = options.seed;
  const server = `${storeFile}.server`;
  const old: SimMachine = {
    ...blankMachine(join(server, 'XPhone Connect Server')),
    version: options.version ?? '9.0.330.1359',
    services: seed?.services
      ? Object.fromEntries(seed.services.map((s) => [s.name, s.running]))
      : { AtlasService: true, AtlasWebService: true },
    instances: ['XPCONNECT', 'XPANALYTICS'],
    appPools: seed?.appPools ?? { XPhoneConnectAnalytics: 'ApplicationPoolIdentity' },
    exports: ['voicemail', 'autoattendant', 'dynamic-lines', 'pbx', 'users-csv'],
  };
  return {
    here: SIMULATED_OLD_HOST,
    machines: {
      [SIMULATED_OLD_HOST]: old,
      [SIMULATED_NEW_HOST]: blankMachine(join(server, SIMULATED_NEW_HOST, 'XPhone Connect Server')),
    },
    snapshots: [],
    storeOnVm: options.storeOutsideVm !== true,
    effects: {},
    ...(seed ? { seed } : {}),
  };
}

/** A Windows server without XPhone: no services, no pools, no atlas.xml yet. */
function blankMachine(installDir: string): SimMachine {
  return {
    version: '',
    bootId: 1,
    pendingReboot: false,
    services: {},
    instances: [],
    installDir,
    appPools: {},
    backups: {},
    resumeTask: null,
    exports: [],
    manual: [],
  };
}

/** XPhone's setup on a machine without it: its services (not started yet), the Analytics pool, atlas.xml. */
function installXPhone(m: SimMachine): void {
  m.services = { AtlasService: false, AtlasWebService: false };
  m.appPools = { XPhoneConnectAnalytics: 'ApplicationPoolIdentity', ...m.appPools };
  writeSampleAtlas(m.installDir);
}

function load(file: string): SimState | undefined {
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as SimState;
    if (!state.machines)
      throw new Error(`${file}: a rehearsal from an older build (one machine); start a new rehearsal`);
    return state;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A new simulated server gets an atlas.xml as an XPhone Server V9 with SQL Express has it. */
function writeSampleAtlas(installDir: string): void {
  const file = join(installDir, 'atlas.xml');
  writeAtomic(file, SAMPLE_ATLAS_XML, { makeFolder: true });
}
