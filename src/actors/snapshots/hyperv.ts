import { XpmError } from '../../errors/index.js';
import { type Clock, type SnapshotInfo, type SnapshotProvider, systemClock } from '../../host/index.js';
import { asList, type PowerShellOptions, ps, raw, runPowerShell, script } from '../../host/windows/index.js';

export interface HyperVOptions extends PowerShellOptions {
  vm: string;
  /** The Hyper-V host; absent: this machine. */
  hypervHost?: string;
  timeoutSeconds?: number;
  pollMs?: number;
  /** The run's time (the system's unless a test moves it). */
  clock?: Clock;
}

// Bodies run on the Hyper-V host with $vmName and $snapName set. Names are compared with -eq,
// never passed to -Name, which would read `[` and `*` as wildcards. A remote script block does
// not inherit $ErrorActionPreference: each body sets it, so a failed Stop-VM stops the body.
const FIND_VM = `$ErrorActionPreference = 'Stop'
$vm = @(Get-VM | Where-Object { $_.Name -eq $vmName })
if ($vm.Count -ne 1) { throw ('xpmigrate:vm-not-found:' + $vm.Count) }
$vm = $vm[0]`;
const FIND_SNAPSHOT = `$snap = @(Get-VMSnapshot -VM $vm | Where-Object { $_.Name -eq $snapName })
if ($snap.Count -lt 1) { throw 'xpmigrate:snapshot-not-found' }`;

const BODIES = {
  state: `$found = @(Get-VM | Where-Object { $_.Name -eq $vmName })
if ($found.Count -ne 1) { 'null' } else {
  $vm = $found[0]
  $snap = @(Get-VMSnapshot -VM $vm | Where-Object { $_.Name -eq $snapName })
  [pscustomobject]@{ state = [string]$vm.State; snapshot = ($snap.Count -gt 0); parent = [string]$vm.ParentSnapshotName; uptime = [int]$vm.Uptime.TotalSeconds } | ConvertTo-Json -Compress
}`,
  // Taken with the VM off (the vendor's rule), read back as Off first; the VM's own checkpoint
  // type is left as the customer set it (with the VM off, no memory is saved either way).
  take: `${FIND_VM}
if ($vm.State -ne 'Off') { Stop-VM -VM $vm -Force }
$vm = Get-VM -Id $vm.Id
if ($vm.State -ne 'Off') { throw ('xpmigrate:vm-not-off:' + $vm.State) }
Checkpoint-VM -VM $vm -SnapshotName $snapName
Start-VM -VM $vm
'true'`,
  revert: `${FIND_VM}
${FIND_SNAPSHOT}
if ($vm.State -ne 'Off') { Stop-VM -VM $vm -TurnOff -Force }
$vm = Get-VM -Id $vm.Id
if ($vm.State -ne 'Off') { throw ('xpmigrate:vm-not-off:' + $vm.State) }
Restore-VMSnapshot -VMSnapshot $snap[0] -Confirm:$false
Start-VM -VM $vm
'true'`,
  remove: `${FIND_VM}
${FIND_SNAPSHOT}
Remove-VMSnapshot -VMSnapshot $snap[0] -Confirm:$false
'true'`,
  list: `${FIND_VM}
@(Get-VMSnapshot -VM $vm | ForEach-Object { [pscustomobject]@{ name = $_.Name; createdAt = $_.CreationTime.ToUniversalTime().ToString('o') } }) | ConvertTo-Json -Compress`,
} as const;

type Operation = keyof typeof BODIES;

/**
 * Hyper-V checkpoints through PowerShell, on this machine or on the Hyper-V host by remoting.
 * Taking or reverting stops the XPhone VM, and xpmigrate usually runs inside it: on a remote
 * host those two run in a disconnected session that finishes without us, and we poll for the
 * result (if the VM going down ends this process, the step's probe settles it on resume).
 */
export class HyperVProvider implements SnapshotProvider {
  readonly kind = 'hyperv';

  private readonly clock: Clock;

  constructor(private readonly options: HyperVOptions) {
    this.clock = options.clock ?? systemClock;
  }

  private async run(operation: Operation, snapName: string, detached = false): Promise<unknown> {
    const { vm, hypervHost } = this.options;
    const body = raw(BODIES[operation]);
    const text = !hypervHost
      ? ps`$vmName = ${vm}; $snapName = ${snapName}
${body}`
      : detached
        ? ps`Invoke-Command -ComputerName ${hypervHost} -InDisconnectedSession -SessionName ${`xpmigrate-${operation}`} -ScriptBlock { param($vmName, $snapName)
${body} } -ArgumentList ${vm}, ${snapName} | Out-Null
'true'`
        : ps`Invoke-Command -ComputerName ${hypervHost} -ScriptBlock { param($vmName, $snapName)
${body} } -ArgumentList ${vm}, ${snapName}`;
    try {
      const answer = await runPowerShell(script(`Hyper-V ${operation} ${vm}`, text), this.options);
      // Invoke-Command hands back the remote JSON as a string.
      return typeof answer === 'string' && /^[[{]|^null$|^true$/.test(answer) ? JSON.parse(answer) : answer;
    } catch (error) {
      throw this.translate(error);
    }
  }

  private translate(error: unknown): unknown {
    if (!(error instanceof XpmError) || error.code !== 'E_POWERSHELL_FAILED') return error;
    const detail = String(error.params.detail);
    if (detail.includes('xpmigrate:vm-not-found'))
      return new XpmError(
        'E_SNAPSHOT_VM_NOT_FOUND',
        { provider: 'Hyper-V', vm: this.options.vm },
        { exitCode: 1 },
      );
    return new XpmError('E_SNAPSHOT_PROVIDER', { provider: 'Hyper-V', detail }, { exitCode: 1 });
  }

  private async state(snapName: string) {
    const answer = (await this.run('state', snapName)) as Record<string, unknown> | null;
    if (!answer)
      throw new XpmError(
        'E_SNAPSHOT_VM_NOT_FOUND',
        { provider: 'Hyper-V', vm: this.options.vm },
        { exitCode: 1 },
      );
    return {
      state: String(answer.state),
      snapshot: answer.snapshot === true,
      parent: String(answer.parent ?? ''),
      uptime: Number(answer.uptime ?? 0),
    };
  }

  async take(name: string): Promise<void> {
    await this.state(name); // the VM exists and the host answers, before anything is stopped
    if (!this.options.hypervHost) {
      await this.run('take', name);
      return;
    }
    await this.run('take', name, true);
    await this.waitFor(name, (s) => s.snapshot && s.state === 'Running');
    await this.removeSession('take');
  }

  /** The disconnected session on the Hyper-V host is ours to remove once its work is seen done. */
  private async removeSession(operation: Operation): Promise<void> {
    const host = this.options.hypervHost!;
    const text = ps`Get-PSSession -ComputerName ${host} -Name ${`xpmigrate-${operation}`} -ErrorAction SilentlyContinue | Remove-PSSession
'true'`;
    await runPowerShell(script(`remove the ${operation} session on ${host}`, text), this.options).catch(
      () => undefined, // a session left behind times out on the host by itself
    );
  }

  async revert(name: string): Promise<void> {
    const before = await this.state(name);
    if (!before.snapshot)
      throw new XpmError(
        'E_SNAPSHOT_PROVIDER',
        { provider: 'Hyper-V', detail: `no checkpoint ${name}` },
        { exitCode: 1 },
      );
    if (!this.options.hypervHost) {
      await this.run('revert', name);
      return;
    }
    const started = this.clock.now();
    await this.run('revert', name, true);
    // Reverted and started again: its checkpoint is this one and it has been up only since.
    await this.waitFor(
      name,
      (s) => s.state === 'Running' && s.parent === name && s.uptime * 1000 <= this.clock.now() - started,
    );
    await this.removeSession('revert');
  }

  async remove(name: string): Promise<void> {
    await this.run('remove', name);
  }

  async exists(name: string): Promise<boolean> {
    return (await this.state(name)).snapshot;
  }

  async list(): Promise<SnapshotInfo[]> {
    return asList(await this.run('list', '')).map((s) => ({
      name: String(s.name),
      ...(s.createdAt ? { createdAt: String(s.createdAt) } : {}),
    }));
  }

  private async waitFor(name: string, done: (s: Awaited<ReturnType<HyperVProvider['state']>>) => boolean) {
    const seconds = this.options.timeoutSeconds ?? 1800;
    const deadline = this.clock.now() + seconds * 1000;
    for (;;) {
      const s = await this.state(name);
      if (done(s)) return;
      if (this.clock.now() >= deadline)
        throw new XpmError(
          'E_SNAPSHOT_TIMEOUT',
          { vm: this.options.vm, name, seconds, state: s.state },
          { exitCode: 1 },
        );
      await this.clock.sleep(this.options.pollMs ?? 5000);
    }
  }
}
