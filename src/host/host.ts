/** Who the tool logs in to SQL Server as. Passwords come from the environment, never the store. */
export interface SqlCredentials {
  /** `DOMAIN\user` (Windows login over NTLM) or a SQL login name. */
  user: string;
  password: string;
}

/** A SQL Server's real address (the simulation's) and the identity integrated security stands for. */
export interface SqlEndpoint {
  host: string;
  port: number;
  credentials?: SqlCredentials;
}

/** How actors touch a machine. WindowsHost (PowerShell) and SimulatedHost implement it. */
export interface Host {
  readonly kind: 'simulated' | 'windows';
  /**
   * The environment the host's programs start with (PowerShell's path, govc's URL, the SQL login):
   * the command's, which is the process's unless a caller gave its own. Undefined: the process's.
   */
  readonly env?: NodeJS.ProcessEnv;
  /** Changes with every boot and nothing else (Windows: the kernel's boot event record). */
  bootId(): Promise<string>;
  installedVersion(): Promise<string | undefined>;
  /** The `Atlas%` services. */
  services(): Promise<Array<{ name: string; running: boolean }>>;
  startServices(): Promise<void>;
  stopServices(): Promise<void>;
  /** Atlas services running, ServerStartupMeter 100, SQL reachable. */
  health(): Promise<{ ok: boolean; detail: string }>;
  reboot(): Promise<void>;
  /** At startup, as SYSTEM: `command` (program and arguments), run in `workingDirectory`. */
  registerResumeTask(command: string[], workingDirectory?: string): Promise<void>;
  removeResumeTask(): Promise<void>;

  /**
   * Where a SQL Server named in a connection string is really reached. A real host answers
   * undefined (the network and the driver resolve it); the simulation names its simulator.
   */
  sqlEndpoint(server: string): Promise<SqlEndpoint | undefined>;
  /** The installed ODBC drivers (Windows login to SQL Server goes through one). */
  odbcDrivers(): Promise<string[]>;
  setAppPoolIdentity(pool: string, account: string): Promise<void>;
  /** The vendor's BAT script; its output goes into the journal. */
  runSqlMigrationScript(role: 'main' | 'analytics'): Promise<{ instance: string; output?: string }>;
  hasInstance(name: string): Promise<boolean>;
  /** The XPhone Server's install folder (Windows: HKLM\SOFTWARE\C4B\XPhoneServer\InstallDir). */
  installDir(): Promise<string>;
  /** Tells the host that an effect changed the outside world itself (the simulation counts it). */
  applied(effect: string): Promise<void>;
  /** This machine's name, to tell whether a SQL Server named by host is this one. */
  machineName(): Promise<string>;
  /** Windows' name and version (doctor). */
  osVersion(): Promise<string>;
  /** Whether a folder or UNC path is reachable from this machine, as the tool sees it. */
  pathExists(path: string): Promise<boolean>;
  /** Whether host:port accepts TCP connections from here (port 2231, SQL ports). */
  portOpen(host: string, port: number): Promise<boolean>;
  /** Ends what the host keeps open (the simulation's SQL Servers). */
  close?(): Promise<void>;
  /** A VM the host snapshots itself (the simulation); real VMs go through a provider. */
  readonly snapshots?: SnapshotProvider;
  xphoneV4Installed(): Promise<boolean>;
  /** Whether the export folder holds these items (keys of V4_EXPORT_ITEMS). */
  checkV4Exports(needed: string[]): Promise<{ ok: boolean; missing: string[] }>;
  /** What `twin collect` reads of the machine; read-only, one question. */
  inventory(): Promise<HostInventory>;
}

/** The machine's facts a rehearsal of it needs (`twin collect`). */
export interface HostInventory {
  /** The `Atlas%` services: state, start mode (Auto, Manual, Disabled) and account. */
  services: Array<{ name: string; running: boolean; startMode: string; account: string }>;
  /** IIS application pools and the identity each runs as; empty without IIS. */
  appPools: Array<{ name: string; identity: string }>;
  /** Local fixed disks. */
  volumes: Array<{ volume: string; freeMb: number; sizeMb: number }>;
  /** Win32_ComputerSystem's manufacturer and model: "VMware, Inc. VMware7,1", "Microsoft Corporation Virtual Machine". */
  hardware: string;
  /** What could not be read (IIS without an elevated shell), with the system's message. */
  problems: Array<{ fact: string; detail: string }>;
}

/** A snapshot as its provider lists it. */
export interface SnapshotInfo {
  name: string;
  createdAt?: string;
}

/**
 * Takes, finds, reverts and removes VM snapshots. The vendor allows snapshots only while the VM
 * is off, so `take` powers the VM off, snapshots it and powers it on again.
 */
export interface SnapshotProvider {
  readonly kind: 'hyperv' | 'vmware' | 'manual' | 'simulated';
  take(name: string): Promise<void>;
  /** undefined: the provider cannot tell (manual). */
  exists(name: string): Promise<boolean | undefined>;
  revert(name: string): Promise<void>;
  remove(name: string): Promise<void>;
  list(): Promise<SnapshotInfo[] | undefined>;
}

/** A fault-injection point a host calls once it has changed the outside world (tests only). */
export type MutationHook = () => void;
