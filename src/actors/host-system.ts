import { type EffectRegistry, ok } from './effect.js';

/** The reboot after a major update: the boot id before it is part of the intent. */
export const systemEffects = {
  'host.reboot': {
    changesHost: true,
    async input(ctx) {
      return { bootBefore: await ctx.host.bootId() };
    },
    async run(ctx) {
      // This run, by id: the store may hold newer runs by the time the server is back.
      await ctx.host.registerResumeTask(
        [...ctx.options.resumeCommand, '--run', ctx.runId],
        ctx.options.resumeDirectory,
      );
      const by = ctx.options.reboot === 'operator' ? 'operator' : 'xpmigrate';
      if (by === 'xpmigrate') await ctx.host.reboot();
      return ok({ bootBefore: ctx.input.bootBefore, rebootBy: by });
    },
    async probe(ctx) {
      return (await ctx.host.bootId()) !== ctx.input.bootBefore ? 'done' : 'not-done';
    },
  },
} satisfies Partial<EffectRegistry>;
