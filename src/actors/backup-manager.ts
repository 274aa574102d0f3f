import { type EffectRegistry, ok, traceKey } from './effect.js';

/** The Backup-Manager (XPhoneServerBackup.exe): full backup. */
export const backupManagerEffects = {
  'backup-manager.backup': {
    async run(ctx) {
      const { file } = await ctx.host.backup(traceKey(ctx));
      return ok({ file });
    },
    async probe(ctx) {
      return (await ctx.host.findBackup(traceKey(ctx))) ? 'done' : 'not-done';
    },
  },
} satisfies Partial<EffectRegistry>;
