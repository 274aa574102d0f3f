import { SQL_EXPRESS_RENAMES } from '../../catalog/index.js';
import { type EffectBase, type EffectRegistry, ok, setting } from '../effect.js';
import { applyAtlas, atlasHolds, findAtlasXml } from './atlas.js';
import type { AtlasEdit } from './edit.js';

const renames: AtlasEdit[] = SQL_EXPRESS_RENAMES.map(({ from, to }) => ({
  kind: 'rename-instance',
  from,
  to,
}));

async function atlasFile(ctx: EffectBase): Promise<string> {
  return findAtlasXml(await ctx.host.installDir());
}

/** atlas.xml edits: step 8 (external databases) and SQL Express point 5 (instance renames). */
export const atlasEffects = {
  'atlas.point-databases': {
    needs: ['sqlServer'],
    async input(ctx) {
      return { file: await atlasFile(ctx), server: setting(ctx, 'sqlServer') };
    },
    async run(ctx) {
      // The file is changed only while the Atlas services are stopped (step 9 starts them).
      await ctx.host.stopServices();
      const edit: AtlasEdit = { kind: 'point', server: String(ctx.input.server) };
      const result = await applyAtlas(String(ctx.input.file), [edit], { host: ctx.host });
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
    async input(ctx) {
      return { file: await atlasFile(ctx) };
    },
    async run(ctx) {
      const result = await applyAtlas(String(ctx.input.file), renames, { host: ctx.host });
      if (result.changes.length > 0) await ctx.host.applied('atlas.rename-instances');
      return ok({ file: result.file, backup: result.backup ?? null, changes: result.changes.length });
    },
    async probe(ctx) {
      return atlasHolds(String(ctx.input.file), renames) ? 'done' : 'not-done';
    },
  },
} satisfies Partial<EffectRegistry>;
