import { parseVersion } from '../catalog/index.js';
import { type EffectRegistry, fail, ok, setting } from './effect.js';

/** Services, IIS, the vendor's BAT scripts and other Windows operations (through the Host port). */
export const windowsEffects = {
  'windows.start-services': {
    changesHost: true,
    async run(ctx) {
      await ctx.host.startServices();
      const health = await ctx.host.health();
      return health.ok ? ok({ health: health.detail }) : fail('E_SERVER_UNHEALTHY', health.detail);
    },
  },
  'windows.stop-services': {
    changesHost: true,
    async run(ctx) {
      await ctx.host.stopServices();
      return ok();
    },
  },
  'windows.restart-services': {
    changesHost: true,
    async run(ctx) {
      await ctx.host.stopServices();
      await ctx.host.startServices();
      const health = await ctx.host.health();
      return health.ok ? ok({ health: health.detail }) : fail('E_SERVER_UNHEALTHY', health.detail);
    },
  },
  'windows.set-app-pool-identity': {
    changesHost: true,
    needs: ['serviceAccount'],
    async run(ctx) {
      const account = setting(ctx, 'serviceAccount');
      await ctx.host.setAppPoolIdentity('XPhoneConnectAnalytics', account);
      return ok({ pool: 'XPhoneConnectAnalytics', identity: account });
    },
  },
  'windows.run-sql-migration-script': {
    changesHost: true,
    needs: ['mediaDir'],
    async run(ctx) {
      const { instance, output } = await ctx.host.runSqlMigrationScript(ctx.params.instance);
      return ok({ instance, ...(output ? { output } : {}) });
    },
    async probe(ctx) {
      const instance = ctx.params.instance === 'main' ? 'XPCONNECT2019' : 'XPANALYTICS2019';
      return (await ctx.host.hasInstance(instance)) ? 'done' : 'not-done';
    },
  },
  'windows.check-installed-version': {
    async run(ctx) {
      const installed = await ctx.host.installedVersion();
      const parsed = installed === undefined ? undefined : parseVersion(installed);
      const major = parsed?.ok ? parsed.version.major : undefined;
      return major === ctx.params.major
        ? ok({ installed })
        : fail('E_VERSION_NOT_REACHED', `installed ${installed ?? '–'}`, {
            params: { installed: installed ?? '–', major: ctx.params.major },
          });
    },
  },
  /**
   * The old server at the cut-over, from the machine xpmigrate runs on: neither its directory
   * admin (2230) nor its Web API (2231) answers any more, so no client is still served there.
   */
  'windows.check-xphone-stopped': {
    async run(ctx) {
      const server = ctx.machine.name;
      if (!server)
        return fail('E_MACHINE_UNNAMED', `no name for the ${ctx.machine.role} server`, {
          params: { role: ctx.machine.role },
        });
      const open: number[] = [];
      for (const port of XPHONE_PORTS) if (await ctx.host.portOpen(server, port)) open.push(port);
      return open.length === 0
        ? ok({ server, closed: XPHONE_PORTS.join(', ') })
        : fail('E_OLD_SERVER_RUNNING', `${server} answers on ${open.join(', ')}`, {
            params: { server, ports: open.join(', ') },
          });
    },
  },
  'windows.check-no-v4-on-target': {
    async run(ctx) {
      return (await ctx.host.xphoneV4Installed())
        ? fail('E_V4_ON_TARGET', 'XPhone UC 2011 (V4) is installed on this machine')
        : ok();
    },
  },
} satisfies Partial<EffectRegistry>;

/** Directory admin and Web API (DOMAIN.md "Ports"): they answer while the XPhone services run. */
const XPHONE_PORTS = [2230, 2231] as const;
