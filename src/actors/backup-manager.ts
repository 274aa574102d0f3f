import { type Effect, ok, traceKey } from './effect.js';

/** The Backup-Manager (XPhoneServerBackup.exe): full backup. */
export const backupManagerEffects: Effect[] = [
  {
    name: 'backup-manager.backup',
    async run(ctx) {
      const { file } = await ctx.host.backup(traceKey(ctx));
      return ok({ file });
    },
    async probe(ctx) {
      return (await ctx.host.findBackup(traceKey(ctx))) ? 'done' : 'not-done';
    },
  },
];
