import { snapshotName } from '../../catalog/index.js';
import { type EffectRegistry, fail, ok } from '../effect.js';
import { snapshotProvider } from './provider.js';

/**
 * A VM snapshot (taken only while the VM is off; the provider does the power cycle). The VM
 * going off may end this very process: the resume task is registered first, and on resume the
 * probe asks the provider whether the snapshot is there.
 */
export const snapshotEffects = {
  'snapshot.take': {
    changesHost: true,
    async input(ctx) {
      return { name: snapshotName(ctx.runId, ctx.stepId) };
    },
    async run(ctx) {
      const provider = snapshotProvider(ctx.options.snapshots, ctx.host, ctx.clock);
      const suggested = String(ctx.input.name);
      if (provider.kind === 'manual') {
        const given = ctx.evidence.snapshot?.trim();
        return given
          ? ok({ snapshot: given, provider: 'manual' })
          : fail('E_SNAPSHOT_MANUAL', `take snapshot ${suggested} by hand`, { params: { name: suggested } });
      }
      if (provider.kind !== 'simulated')
        await ctx.host.registerResumeTask(
          [...ctx.options.resumeCommand, '--run', ctx.runId],
          ctx.options.resumeDirectory,
        );
      await provider.take(suggested);
      return ok({ snapshot: suggested, provider: provider.kind });
    },
    async probe(ctx) {
      const provider = snapshotProvider(ctx.options.snapshots, ctx.host, ctx.clock);
      const found = await provider.exists(String(ctx.input.name));
      return found === undefined ? 'unknown' : found ? 'done' : 'not-done';
    },
    // The VM going off under us mid-take: the snapshot found is recorded as a take's would be.
    async probedResult(ctx) {
      return {
        snapshot: String(ctx.input.name),
        provider: snapshotProvider(ctx.options.snapshots, ctx.host, ctx.clock).kind,
      };
    },
  },
} satisfies Partial<EffectRegistry>;
