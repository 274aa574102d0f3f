import { hostname } from 'node:os';
import { win32 } from 'node:path';
import { XpmError } from '../../errors/index.js';
import type { Host, HostInventory } from '../host.js';
import { tcpOpen } from '../tcp-probe.js';
import { asList, type PowerShellOptions, runPowerShell } from './powershell.js';
import type { PsScript } from './script.js';
import * as scripts from './scripts.js';

export interface WindowsHostOptions extends PowerShellOptions {
  /** The installation medium (SQL Express upgrade: Software\Server\3rdParty\sql\*.BAT). */
  mediaDir?: string;
  /** Seconds to wait for services to reach their state. */
  serviceTimeoutSeconds?: number;
}

/** The service account's password for the IIS application pool reaches PowerShell only through this. */
export const SERVICE_PASSWORD_VARIABLE = 'XPMIGRATE_SERVICE_PASSWORD';

const ANALYTICS_POOL = 'XPhoneConnectAnalytics';

/** The Host port on a real Windows server: every operation is one PowerShell script with JSON output. */
export class WindowsHost implements Host {
  readonly kind = 'windows';

  constructor(private readonly options: WindowsHostOptions = {}) {}

  get env(): NodeJS.ProcessEnv | undefined {
    return this.options.env;
  }

  private run(script: PsScript): Promise<unknown> {
    return runPowerShell(script, this.options);
  }

  async bootId(): Promise<string> {
    return `boot-${String(await this.run(scripts.bootIdentity()))}`;
  }

  async installedVersion(): Promise<string | undefined> {
    const version = await this.run(scripts.installedVersion());
    return typeof version === 'string' && version !== '' ? version : undefined;
  }

  async services() {
    return (await this.atlasServices()).map((s) => ({ name: s.name, running: s.state === 'Running' }));
  }

  /** The `Atlas%` services with the account each runs as. */
  async atlasServices(): Promise<Array<{ name: string; state: string; startMode: string; account: string }>> {
    return asList(await this.run(scripts.atlasServices())).map((s) => ({
      name: String(s.name),
      state: String(s.state),
      // Absent in an answer from before start modes were read: taken as Auto, as before.
      startMode: String(s.startMode ?? 'Auto'),
      account: String(s.account ?? ''),
    }));
  }

  /** The XPhone service account (step 7): what the `Atlas%` services run as. */
  async serviceAccount(): Promise<string | undefined> {
    const accounts = [...new Set((await this.atlasServices()).map((s) => s.account).filter(Boolean))];
    return accounts.length === 1 ? accounts[0] : undefined;
  }

  async startServices(): Promise<void> {
    await this.setServices('Running');
  }

  async stopServices(): Promise<void> {
    await this.setServices('Stopped');
  }

  private async setServices(target: 'Running' | 'Stopped'): Promise<void> {
    const seconds = this.options.serviceTimeoutSeconds ?? 300;
    const answer = (await this.run(scripts.setAtlasServices(target, seconds))) as { late?: unknown } | null;
    const late = asList(answer?.late).map(String);
    if (late.length > 0) {
      throw new XpmError(
        'E_SERVICE_TIMEOUT',
        { state: target === 'Running' ? 'running' : 'stopped', seconds, services: late.join(', ') },
        { exitCode: 1 },
      );
    }
  }

  /**
   * Ready: every `Atlas%` service that starts automatically runs, ServerStartupMeter is 100, and
   * so do the local SQL Server services that start automatically (a stopped old instance set to
   * Manual or Disabled, as after the SQL Express upgrade, is not a problem).
   */
  async health(): Promise<{ ok: boolean; detail: string }> {
    const atlas = await this.atlasServices();
    const meter = await this.run(
      scripts.registryValue(`${scripts.XPHONE_KEY}\\ServerState`, 'ServerStartupMeter'),
    );
    const sql = asList(await this.run(scripts.sqlServices()));
    const problems: string[] = [];
    if (atlas.length === 0) problems.push('no Atlas services');
    const stopped = atlas
      .filter((s) => s.state !== 'Running' && /^Auto/i.test(s.startMode))
      .map((s) => s.name);
    if (stopped.length > 0) problems.push(`stopped: ${stopped.join(', ')}`);
    if (Number(meter) !== 100) problems.push(`ServerStartupMeter=${meter ?? 'missing'}`);
    const sqlDown = sql
      .filter((s) => s.state !== 'Running' && /^Automatic/i.test(String(s.startType ?? 'Automatic')))
      .map((s) => String(s.name));
    if (sqlDown.length > 0) problems.push(`SQL Server stopped: ${sqlDown.join(', ')}`);
    return problems.length === 0
      ? { ok: true, detail: 'ServerStartupMeter=100' }
      : { ok: false, detail: problems.join('; ') };
  }

  async reboot(): Promise<void> {
    await this.run(scripts.restartComputer());
  }

  async registerResumeTask(command: string[], workingDirectory?: string): Promise<void> {
    await this.run(scripts.registerResumeTask(command, workingDirectory));
  }

  async removeResumeTask(): Promise<void> {
    await this.run(scripts.removeResumeTask());
  }

  async sqlEndpoint(): Promise<undefined> {
    return undefined; // the network and the driver find a real SQL Server
  }

  /** Whether this console is elevated, and whether `storeFile` lies on a network drive. */
  async preflight(storeFile: string): Promise<{ elevated: boolean; network: boolean; drive: string }> {
    const answer = (await this.run(scripts.preflight(storeFile))) as Record<string, unknown> | null;
    return {
      elevated: answer?.elevated === true,
      network: answer?.network === true,
      drive: String(answer?.drive ?? ''),
    };
  }

  async odbcDrivers(): Promise<string[]> {
    return asList(await this.run(scripts.odbcDrivers())).map(String);
  }

  async setAppPoolIdentity(pool: string, account: string): Promise<void> {
    if (!(this.options.env?.[SERVICE_PASSWORD_VARIABLE] ?? process.env[SERVICE_PASSWORD_VARIABLE])) {
      throw new XpmError('E_SERVICE_PASSWORD', { variable: SERVICE_PASSWORD_VARIABLE }, { exitCode: 1 });
    }
    await this.run(scripts.setAppPoolIdentity(pool, account, SERVICE_PASSWORD_VARIABLE));
  }

  /** Step 7a's application pool: its identity type and account. */
  async appPoolIdentity(pool = ANALYTICS_POOL): Promise<{ identityType: string; userName: string }> {
    const answer = (await this.run(scripts.appPoolIdentity(pool))) as Record<string, unknown> | null;
    return { identityType: String(answer?.identityType ?? ''), userName: String(answer?.userName ?? '') };
  }

  /**
   * The vendor's MigrateSQLServer_UC.BAT / _STAT.BAT from the installation medium, output kept.
   * Exit 0 or 3010 ("success, reboot required", Windows Installer's ERROR_SUCCESS_REBOOT_REQUIRED)
   * counts only with SQL setup's own "Final result: Passed" and the new instance running.
   */
  async runSqlMigrationScript(role: 'main' | 'analytics') {
    const name = role === 'main' ? 'MigrateSQLServer_UC.BAT' : 'MigrateSQLServer_STAT.BAT';
    const instance = role === 'main' ? 'XPCONNECT2019' : 'XPANALYTICS2019';
    if (!this.options.mediaDir) throw new XpmError('E_MEDIA_DIR', { file: name }, { exitCode: 1 });
    const file = win32.join(this.options.mediaDir, 'Software', 'Server', '3rdParty', 'sql', name);
    // No time limit: SQL setup takes as long as it takes, and a kill would orphan it.
    const answer = (await runPowerShell(scripts.runBatch(file, instance), {
      ...this.options,
      timeoutMs: 0,
    })) as Record<string, unknown> | null;
    const exitCode = Number(answer?.exitCode ?? -1);
    const output = `${String(answer?.output ?? '')}${String(answer?.errors ?? '')}`.trim();
    const finalResult = String(answer?.finalResult ?? '');
    const passed = /^Passed\b/i.test(finalResult) && answer?.serviceRunning === true;
    if ((exitCode !== 0 && exitCode !== 3010) || !passed) {
      throw new XpmError(
        'E_BATCH_FAILED',
        {
          file,
          code: exitCode,
          output: `${finalResult ? `Final result: ${finalResult}. ` : ''}${answer?.serviceRunning ? '' : `MSSQL$${instance} not running. `}${output.slice(-400)}`,
        },
        { exitCode: 1 },
      );
    }
    return {
      instance,
      exitCode,
      ...(exitCode === 3010 ? { rebootRequired: true } : {}),
      output: output.slice(-4000),
    };
  }

  async hasInstance(name: string): Promise<boolean> {
    const names = asList(await this.run(scripts.sqlInstances())).map(String);
    return names.some((n) => n.toUpperCase() === name.toUpperCase());
  }

  async installDir(): Promise<string> {
    const dir = await this.run(scripts.registryValue(scripts.XPHONE_KEY, 'InstallDir'));
    if (typeof dir !== 'string' || dir === '') {
      throw new XpmError(
        'E_XPHONE_NOT_INSTALLED',
        { key: `${scripts.XPHONE_KEY}\\InstallDir` },
        { exitCode: 1 },
      );
    }
    return dir;
  }

  async applied(): Promise<void> {}

  async machineName(): Promise<string> {
    return hostname();
  }

  async osVersion(): Promise<string> {
    return String(await this.run(scripts.osVersion()));
  }

  async pathExists(path: string): Promise<boolean> {
    return (await this.run(scripts.pathExists(path))) === true;
  }

  async portOpen(host: string, port: number): Promise<boolean> {
    return tcpOpen(host, port);
  }

  async xphoneV4Installed(): Promise<boolean> {
    return (await this.run(scripts.xphoneV4Installed())) === true;
  }

  async inventory(): Promise<HostInventory> {
    const answer = (await this.run(scripts.inventory())) as Record<string, unknown> | null;
    const list = (key: string) => asList(answer && !Array.isArray(answer) ? answer[key] : undefined);
    return {
      services: list('services').map((s) => ({
        name: String(s.name),
        running: s.state === 'Running',
        startMode: String(s.startMode ?? ''),
        account: String(s.account ?? ''),
      })),
      appPools: list('appPools').map((p) => ({ name: String(p.name), identity: String(p.identity ?? '') })),
      volumes: list('volumes').map((v) => ({
        volume: String(v.volume),
        freeMb: Number(v.freeMb),
        sizeMb: Number(v.sizeMb),
      })),
      hardware: String((answer as { hardware?: unknown } | null)?.hardware ?? ''),
      problems: answer?.appPoolsError ? [{ fact: 'appPools', detail: String(answer.appPoolsError) }] : [],
    };
  }

  async checkV4Exports(_needed: string[]): Promise<{ ok: boolean; missing: string[] }> {
    throw manual('check of the V4 Migrations-Manager exports');
  }
}

function manual(operation: string): XpmError {
  return new XpmError('E_HOST_MANUAL', { operation }, { exitCode: 1 });
}
