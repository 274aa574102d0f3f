import { type Effect, ok } from './effect.js';

/** VM snapshots (taken only while the VM is off; the host's provider does the power cycle). */
export const snapshotEffects: Effect[] = [
  {
    name: 'snapshot.take',
    async input(ctx) {
      return { name: `xpmigrate-${ctx.runId.slice(0, 8)}-${ctx.stepId}` };
    },
    async run(ctx) {
      const name = String(ctx.input.name);
      await ctx.host.takeSnapshot(name);
      return ok({ snapshot: name, provider: ctx.host.kind === 'simulated' ? 'simulated' : 'manual' });
    },
    async probe(ctx) {
      return (await ctx.host.findSnapshot(String(ctx.input.name))) ? 'done' : 'not-done';
    },
  },
];
