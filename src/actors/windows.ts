import { parseVersion } from '../catalog/index.js';
import { type EffectRegistry, fail, ok, setting } from './effect.js';

/** Services, IIS, the vendor's BAT scripts and other Windows operations (through the Host port). */
export const windowsEffects = {
  'windows.start-services': {
    async run(ctx) {
      await ctx.host.startServices();
      const health = await ctx.host.health();
      return health.ok ? ok({ health: health.detail }) : fail('E_SERVER_UNHEALTHY', health.detail);
    },
  },
  'windows.stop-services': {
    async run(ctx) {
      await ctx.host.stopServices();
      return ok();
    },
  },
  'windows.restart-services': {
    async run(ctx) {
      await ctx.host.stopServices();
      await ctx.host.startServices();
      const health = await ctx.host.health();
      return health.ok ? ok({ health: health.detail }) : fail('E_SERVER_UNHEALTHY', health.detail);
    },
  },
  'windows.set-app-pool-identity': {
    needs: ['serviceAccount'],
    async run(ctx) {
      const account = setting(ctx, 'serviceAccount');
      await ctx.host.setAppPoolIdentity('XPhoneConnectAnalytics', account);
      return ok({ pool: 'XPhoneConnectAnalytics', identity: account });
    },
  },
  'windows.run-sql-migration-script': {
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
  'windows.check-no-v4-on-target': {
    async run(ctx) {
      return (await ctx.host.xphoneV4Installed())
        ? fail('E_V4_ON_TARGET', 'XPhone UC 2011 (V4) is installed on this machine')
        : ok();
    },
  },
} satisfies Partial<EffectRegistry>;
