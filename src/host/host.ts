/** How actors touch a machine. WindowsHost (PowerShell) and SimulatedHost implement it. */
export interface Host {
  readonly kind: 'simulated' | 'windows';
  /** Changes with every boot (Windows: LastBootUpTime). */
  bootId(): Promise<string>;
  installedVersion(): Promise<string | undefined>;
  /** The `Atlas%` services. */
  services(): Promise<Array<{ name: string; running: boolean }>>;
  startServices(): Promise<void>;
  stopServices(): Promise<void>;
  /** Atlas services running, ServerStartupMeter 100, SQL reachable. */
  health(): Promise<{ ok: boolean; detail: string }>;
  reboot(): Promise<void>;
  registerResumeTask(command: string[]): Promise<void>;
  removeResumeTask(): Promise<void>;

  backup(key: string): Promise<{ file: string }>;
  findBackup(key: string): Promise<string | undefined>;
  restore(backupKey: string): Promise<void>;
  createDatabases(names: string[], serviceAccount: string): Promise<void>;
  databasesWithOwner(names: string[], serviceAccount: string): Promise<string[]>;
  filestreamLevel(): Promise<number>;
  setAppPoolIdentity(pool: string, account: string): Promise<void>;
  runSqlMigrationScript(role: 'main' | 'analytics'): Promise<{ instance: string }>;
  hasInstance(name: string): Promise<boolean>;
  /** The XPhone Server's install folder (Windows: HKLM\SOFTWARE\C4B\XPhoneServer\InstallDir). */
  installDir(): Promise<string>;
  /** Tells the host that an effect changed the outside world itself (the simulation counts it). */
  applied(effect: string): Promise<void>;
  takeSnapshot(name: string): Promise<void>;
  findSnapshot(name: string): Promise<boolean>;
  xphoneV4Installed(): Promise<boolean>;
  checkV4Exports(): Promise<{ ok: boolean; missing: string[] }>;
  exportScript(key: string): Promise<{ file: string }>;
  importScript(key: string): Promise<void>;
  verifyImport(): Promise<{ ok: boolean; detail: string }>;
}

/** A fault-injection point a host calls once it has changed the outside world (tests only). */
export type MutationHook = () => void;
