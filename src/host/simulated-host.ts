import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type SqlModel, SqlServerSimulator } from '../../test/support/sql-server-simulator/index.js';
import type { Host, MutationHook, SqlEndpoint } from './host.js';
import { SAMPLE_ATLAS_XML } from './sample-atlas.js';
import { readSqlModels, SIMULATED_OPERATOR, simulatedServer, simulatedServerName } from './simulated-sql.js';
import { writeAtomic } from './write-atomic.js';

/** What the simulated XPhone server looks like; kept in a JSON file beside the store. */
export interface SimState {
  version: string;
  bootId: number;
  pendingReboot: boolean;
  services: Record<string, boolean>;
  instances: string[];
  /** The install folder, with a real atlas.xml in it. */
  installDir: string;
  appPools: Record<string, string>;
  backups: Record<string, string>;
  snapshots: string[];
  resumeTask: string[] | null;
  vmPowered: boolean;
  exports: string[];
  /** Effect name → times applied. */
  effects: Record<string, number>;
  /** Manual steps the simulated operator has carried out. */
  manual: string[];
}

export interface SimOptions {
  /** The installed version the simulation starts with. */
  version?: string;
}

/**
 * A rehearsal environment that behaves like a real XPhone server. A reboot takes effect when
 * the next process opens the simulation, as a real one does when the machine comes back.
 */
export class SimulatedHost implements Host {
  readonly kind = 'simulated';
  private state: SimState;
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
    this.state =
      saved ??
      initialState(
        options.version ?? '9.0.330.1359',
        join(`${file.replace(/\.host\.json$/, '')}.server`, 'XPhone Connect Server'),
      );
    if (!saved) writeSampleAtlas(this.state.installDir); // a new server: its atlas.xml once
    if (this.state.pendingReboot) {
      this.state.bootId += 1;
      this.state.pendingReboot = false;
      this.state.vmPowered = true;
      for (const name of Object.keys(this.state.services)) this.state.services[name] = true;
    }
    this.save();
  }

  static fileFor(storeFile: string): string {
    return join(dirname(storeFile), `${storeFile.split(/[\\/]/).pop()}.host.json`);
  }

  /** Reads the simulation without starting it (no boot happens). */
  static read(file: string): SimState | undefined {
    return load(file);
  }

  snapshot(): SimState {
    return structuredClone(this.state);
  }

  /** The simulated operator carrying out a manual step (idempotent per step). */
  operatorDid(stepId: string, change?: { version?: string }): void {
    if (change?.version) this.state.version = change.version;
    if (!this.state.manual.includes(stepId)) this.state.manual.push(stepId);
    this.save();
  }

  private mutate(effect: string, change: (s: SimState) => void): void {
    change(this.state);
    this.state.effects[effect] = (this.state.effects[effect] ?? 0) + 1;
    this.save();
    this.onMutation();
  }

  private save(): void {
    writeAtomic(this.file, `${JSON.stringify(this.state, null, 2)}\n`);
  }

  async bootId() {
    return `sim-boot-${this.state.bootId}`;
  }
  async installedVersion() {
    return this.state.version;
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
  async registerResumeTask(command: string[]) {
    this.state.resumeTask = command;
    this.save();
  }
  async removeResumeTask() {
    this.state.resumeTask = null;
    this.save();
  }
  async backup(key: string) {
    const file = `C:\\XPhoneBackup\\${key.replace(/[^\w.-]+/g, '_')}.zip`;
    this.mutate('backup-manager.backup', (s) => {
      s.backups[key] = file;
    });
    return { file };
  }
  async findBackup(key: string) {
    return this.state.backups[key];
  }
  async sqlEndpoint(server: string): Promise<SqlEndpoint> {
    const name = simulatedServerName(server);
    let simulator = this.simulators.get(name);
    if (!simulator) {
      const file = join(this.sqlFolder, `${name.replace(/[^\w.-]+/g, '_')}.json`);
      simulator = new SqlServerSimulator(file, simulatedServer(name, join(this.sqlFolder, 'backup')));
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
  async takeSnapshot(name: string) {
    // The vendor allows snapshots only while the VM is off: power off, snapshot, power on.
    this.mutate('snapshot.take', (s) => {
      s.vmPowered = false;
      if (!s.snapshots.includes(name)) s.snapshots.push(name);
      s.vmPowered = true;
    });
  }
  async findSnapshot(name: string) {
    return this.state.snapshots.includes(name);
  }
  async xphoneV4Installed() {
    return false;
  }
  async checkV4Exports() {
    const needed = ['voicemail', 'autoattendant', 'dynamic-lines', 'pbx', 'users-csv'];
    const missing = needed.filter((n) => !this.state.exports.includes(n));
    return { ok: missing.length === 0, missing };
  }
  async exportScript(key: string) {
    const file = `C:\\XPDATA-Export\\${key.replace(/[^\w.-]+/g, '_')}.sql`;
    this.mutate('sql-script.export', () => {});
    return { file };
  }
  async importScript(_key: string) {
    this.mutate('sql-script.import', () => {});
  }
  async verifyImport() {
    return { ok: true, detail: 'tables and row counts match' };
  }
}

const sqlFolderOf = (file: string) => `${file.replace(/\.host\.json$/, '')}.sql`;

function initialState(version: string, installDir: string): SimState {
  return {
    version,
    bootId: 1,
    pendingReboot: false,
    services: { AtlasService: true, AtlasWebService: true },
    instances: ['XPCONNECT', 'XPANALYTICS'],
    installDir,
    appPools: { XPhoneConnectAnalytics: 'ApplicationPoolIdentity' },
    backups: {},
    snapshots: [],
    resumeTask: null,
    vmPowered: true,
    exports: ['voicemail', 'autoattendant', 'dynamic-lines', 'pbx', 'users-csv'],
    effects: {},
    manual: [],
  };
}

function load(file: string): SimState | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SimState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A new simulated server gets an atlas.xml as an XPhone Server V9 with SQL Express has it. */
function writeSampleAtlas(installDir: string): void {
  const file = join(installDir, 'atlas.xml');
  writeAtomic(file, SAMPLE_ATLAS_XML);
}
