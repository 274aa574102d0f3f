import { execFile } from 'node:child_process';
import { hostname } from 'node:os';
import { XpmError } from '../../errors/index.js';
import { type Clock, type SnapshotInfo, type SnapshotProvider, systemClock } from '../../host/index.js';

export interface VmwareOptions {
  vm: string;
  /** XPMIGRATE_GOVC, else govc on PATH. GOVC_URL and the credentials come from the environment. */
  exe?: string;
  env?: NodeJS.ProcessEnv;
  timeoutSeconds?: number;
  pollMs?: number;
  /** The run's time (the system's unless a test moves it). */
  clock?: Clock;
  /** This machine's name: govc cannot power off the VM it runs in and then snapshot it. */
  self?: string;
}

interface VmInfo {
  powerState: string;
  guestHostName: string;
}

/**
 * govc reads its VM arguments as inventory paths with wildcards (govc's finder, path.Match):
 * `XP*` would stop and snapshot every VM that matches. Only an exact name or path is taken.
 */
export function assertExactVmName(vm: string): void {
  if (/[*?[\]]/.test(vm)) throw new XpmError('E_SNAPSHOT_VM_PATTERN', { vm }, { exitCode: 2 });
}

/**
 * VMware snapshots through govc. Arguments go to govc as an argument vector, never through a
 * shell; `--` ends the flags so a name that starts with `-` stays a name.
 */
export class VmwareProvider implements SnapshotProvider {
  readonly kind = 'vmware';

  private readonly clock: Clock;

  constructor(private readonly options: VmwareOptions) {
    assertExactVmName(options.vm);
    this.clock = options.clock ?? systemClock;
  }

  private get exe(): string {
    return this.options.exe ?? (this.options.env?.XPMIGRATE_GOVC || process.env.XPMIGRATE_GOVC || 'govc');
  }

  private govc(args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        this.exe,
        args,
        { windowsHide: true, env: { ...process.env, ...this.options.env }, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (error && (error as NodeJS.ErrnoException).code === 'ENOENT')
            return reject(new XpmError('E_GOVC_MISSING', { exe: this.exe }, { exitCode: 1 }));
          if (error) {
            const detail = (stderr.trim() || error.message).split(/\r?\n/)[0] ?? '';
            return reject(
              /not found/i.test(detail)
                ? new XpmError(
                    'E_SNAPSHOT_VM_NOT_FOUND',
                    { provider: 'VMware', vm: this.options.vm },
                    { exitCode: 1 },
                  )
                : new XpmError('E_SNAPSHOT_PROVIDER', { provider: 'VMware', detail }, { exitCode: 1 }),
            );
          }
          resolve(stdout);
        },
      );
    });
  }

  private async info(): Promise<VmInfo> {
    const json = JSON.parse(await this.govc(['vm.info', '-json', '--', this.options.vm])) as Record<
      string,
      unknown
    >;
    // govc spells the list VirtualMachines or virtualMachines (and fields likewise), by version.
    type Obj = Record<string, unknown>;
    const field = (o: Obj | undefined, name: string): unknown =>
      o?.[name] ?? o?.[name.charAt(0).toUpperCase() + name.slice(1)];
    const found = (field(json, 'virtualMachines') as Obj[] | undefined) ?? [];
    const wanted = this.options.vm.slice(this.options.vm.lastIndexOf('/') + 1);
    // The one VM of exactly that name: vCenter names are unique per folder, not per datacenter.
    const exact = found.filter((vm) => {
      const name = field(vm, 'name');
      return name === undefined || name === wanted;
    });
    if (exact.length > 1)
      throw new XpmError(
        'E_SNAPSHOT_VM_AMBIGUOUS',
        { vm: this.options.vm, count: exact.length },
        { exitCode: 1 },
      );
    const vm = exact[0];
    if (!vm)
      throw new XpmError(
        'E_SNAPSHOT_VM_NOT_FOUND',
        { provider: 'VMware', vm: this.options.vm },
        { exitCode: 1 },
      );
    const runtime = field(vm, 'runtime') as Obj | undefined;
    const guest = field(vm, 'guest') as Obj | undefined;
    return {
      powerState: String(field(runtime, 'powerState') ?? ''),
      guestHostName: String(field(guest, 'hostName') ?? ''),
    };
  }

  private async power(state: 'off' | 'on'): Promise<void> {
    if (state === 'on') {
      await this.govc(['vm.power', '-on', '--', this.options.vm]);
      return;
    }
    // A clean guest shutdown first; after the timeout the VM is switched off hard.
    await this.govc(['vm.power', '-s', '--', this.options.vm]);
    const seconds = this.options.timeoutSeconds ?? 600;
    const deadline = this.clock.now() + seconds * 1000;
    while ((await this.info()).powerState !== 'poweredOff') {
      if (this.clock.now() >= deadline) {
        await this.govc(['vm.power', '-off', '-force', '--', this.options.vm]);
        return;
      }
      await this.clock.sleep(this.options.pollMs ?? 3000);
    }
  }

  /** govc cannot power off, or revert, the VM it runs in and then go on: refused up front. */
  private notSelf(info: VmInfo): void {
    const self = (this.options.self ?? hostname()).split('.')[0]!.toLowerCase();
    if (info.guestHostName.split('.')[0]!.toLowerCase() === self)
      throw new XpmError('E_SNAPSHOT_SELF', { vm: this.options.vm }, { exitCode: 1 });
  }

  async take(name: string): Promise<void> {
    const info = await this.info();
    this.notSelf(info);
    if (info.powerState !== 'poweredOff') await this.power('off');
    await this.govc(['snapshot.create', `-vm=${this.options.vm}`, '-m=false', '--', name]);
    await this.power('on');
  }

  async revert(name: string): Promise<void> {
    // Reverting the VM this process runs in kills it mid-revert and leaves the VM off (the
    // snapshot was taken with it off): that revert belongs to a management host.
    this.notSelf(await this.info());
    if (!(await this.exists(name)))
      throw new XpmError(
        'E_SNAPSHOT_PROVIDER',
        { provider: 'VMware', detail: `no snapshot ${name}` },
        { exitCode: 1 },
      );
    await this.govc(['snapshot.revert', `-vm=${this.options.vm}`, '--', name]);
    // A snapshot taken with the VM off comes back off.
    if ((await this.info()).powerState !== 'poweredOn') await this.power('on');
  }

  async remove(name: string): Promise<void> {
    await this.govc(['snapshot.remove', `-vm=${this.options.vm}`, '--', name]);
  }

  async exists(name: string): Promise<boolean> {
    return (await this.list()).some((s) => s.name === name);
  }

  /** `snapshot.tree` prints one name per line, indented by depth, and `.` for "you are here". */
  async list(): Promise<SnapshotInfo[]> {
    const text = await this.govc(['snapshot.tree', `-vm=${this.options.vm}`]);
    return text
      .split(/\r?\n/)
      .map((line) => line.replace(/^\s+/, ''))
      .filter((line) => line !== '' && line !== '.')
      .map((name) => ({ name }));
  }
}
