import { readFileSync } from 'node:fs';
import type { SqlModel } from './model.js';

/**
 * A simulated server's model as a JSON file, read for every connection and statement (another
 * process may have changed it). Parsing it each time cost a third of a rehearsal: the old server's
 * export catalogs make it about 0.5 MB. So the parsed model is kept while the file's bytes stay
 * the same (a byte compare, not a time stamp: two writes within one clock tick look alike), and
 * each reader gets its own copy, as if parsed anew. The catalogs, which only the export reads, are
 * copied on first touch.
 */
const parsed = new Map<string, { raw: Buffer; model: SqlModel }>();
const KEPT_MODELS = 16;

/** A copy's catalogs as they stand, without copying them (for readers only). */
const catalogsAsTheyStand = new WeakMap<SqlModel, () => SqlModel['catalogs']>();

/** The catalogs to answer a query from: never changed by the caller, so not copied. */
export function catalogsOf(model: SqlModel): SqlModel['catalogs'] {
  return (catalogsAsTheyStand.get(model) ?? (() => model.catalogs))();
}

export function loadModel(file: string): SqlModel | undefined {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let hit = parsed.get(file);
  if (!hit?.raw.equals(raw)) {
    hit = { raw, model: JSON.parse(raw.toString('utf8')) as SqlModel };
    parsed.delete(file);
    parsed.set(file, hit);
    // A few servers at a time: a long test process meets hundreds of rehearsal folders.
    if (parsed.size > KEPT_MODELS) parsed.delete(parsed.keys().next().value!);
  }
  return copyOf(hit.model);
}

function copyOf(model: SqlModel): SqlModel {
  const { catalogs, ...rest } = model;
  const copy = structuredClone(rest) as SqlModel;
  if (catalogs === undefined) return copy;
  let own: { value: SqlModel['catalogs'] } | undefined;
  Object.defineProperty(copy, 'catalogs', {
    enumerable: true,
    configurable: true,
    get: () => {
      own ??= { value: structuredClone(catalogs) };
      return own.value;
    },
    set: (value: SqlModel['catalogs']) => {
      own = { value };
    },
  });
  // Until the getter is replaced (assigned a plain value, deleted), the shared ones or the copy's.
  const standing = () =>
    Object.getOwnPropertyDescriptor(copy, 'catalogs')?.get ? (own ? own.value : catalogs) : copy.catalogs;
  catalogsAsTheyStand.set(copy, standing);
  // Saving a copy whose catalogs nobody touched writes the shared ones as they are.
  Object.defineProperty(copy, 'toJSON', {
    enumerable: false,
    value: () => {
      const out: Record<string, unknown> = {};
      for (const [key, d] of Object.entries(Object.getOwnPropertyDescriptors(copy)))
        if (d.enumerable) out[key] = key === 'catalogs' ? standing() : d.value;
      return out;
    },
  });
  return copy;
}
