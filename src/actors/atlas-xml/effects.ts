import { SQL_EXPRESS_RENAMES } from '../../catalog/index.js';
import { type EffectBase, type EffectRegistry, ok, setting } from '../effect.js';
import { applyAtlas, atlasHolds, findAtlasXml } from './atlas.js';
import type { AtlasEdit } from './edit.js';

/** Point 5's renames, for the instances point 4 migrated: XPSTATS stays on XPANALYTICS if its script never ran. */
function renamesFor(migrated: string[]): AtlasEdit[] {
  return SQL_EXPRESS_RENAMES.filter(({ role }) => migrated.includes(role)).map(({ from, to }) => ({
    kind: 'rename-instance',
    from,
    to,
  }));
}

/** The instances the intent recorded as migrated (an intent from before that recorded none: both). */
const migratedIn = (input: Record<string, unknown>): string[] =>
  (input.migrated as string[] | undefined) ?? ['main', 'analytics'];

async function atlasFile(ctx: EffectBase): Promise<string> {
  return findAtlasXml(await ctx.host.installDir());
}

/** atlas.xml edits: step 8 (external databases) and SQL Express point 5 (instance renames). */
export const atlasEffects = {
  'atlas.point-databases': {
    changesHost: true,
    needs: ['sqlServer'],
    async input(ctx) {
      return { file: await atlasFile(ctx), server: setting(ctx, 'sqlServer') };
    },
    async run(ctx) {
      // The file is changed only while the Atlas services are stopped (step 9 starts them).
      await ctx.host.stopServices();
      const edit: AtlasEdit = { kind: 'point', server: String(ctx.input.server) };
      const result = await applyAtlas(String(ctx.input.file), [edit], {
        host: ctx.host,
        now: new Date(ctx.clock.now()),
      });
      if (result.changes.length > 0) await ctx.host.applied('atlas.point-databases');
      return ok({ file: result.file, backup: result.backup ?? null, changes: result.changes.length });
    },
    async probe(ctx) {
      return atlasHolds(String(ctx.input.file), [{ kind: 'point', server: String(ctx.input.server) }])
        ? 'done'
        : 'not-done';
    },
  },
  'atlas.rename-instances': {
    changesHost: true,
    async input(ctx) {
      // Decided before the intent and kept with it, so that the probe after a crash asks the same.
      const migrated = Object.entries(ctx.params.migratedBy)
        .filter(([, stepId]) => ctx.isDone(stepId))
        .map(([role]) => role);
      return { file: await atlasFile(ctx), migrated };
    },
    async run(ctx) {
      const renames = renamesFor(migratedIn(ctx.input));
      const result = await applyAtlas(String(ctx.input.file), renames, {
        host: ctx.host,
        now: new Date(ctx.clock.now()),
      });
      if (result.changes.length > 0) await ctx.host.applied('atlas.rename-instances');
      return ok({
        file: result.file,
        backup: result.backup ?? null,
        changes: result.changes.length,
        renamed: renames.map((r) => (r.kind === 'rename-instance' ? r.to : '')),
      });
    },
    async probe(ctx) {
      return atlasHolds(String(ctx.input.file), renamesFor(migratedIn(ctx.input))) ? 'done' : 'not-done';
    },
  },
} satisfies Partial<EffectRegistry>;
