import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { XpmError } from '../../errors/index.js';
import type { Host } from '../../host/index.js';
import { unifiedDiff } from './diff.js';
import { parseAtlas, readAtlas } from './document.js';
import { type AtlasChange, type AtlasEdit, applyEdits, validateEdit } from './edit.js';
import { encode } from './encoding.js';
import { maskSecrets } from './entities.js';
import { replaceFile, type WriteHook } from './write.js';

export interface AtlasPreview {
  file: string;
  changes: AtlasChange[];
  /** Unified diff; empty when the file already holds the new values. */
  diff: string;
  /** The new file, in the file's own encoding. */
  bytes: Buffer;
}

/** What an edit would change, without writing anything. */
export function previewAtlas(file: string, edits: AtlasEdit[]): AtlasPreview {
  for (const edit of edits) validateEdit(edit);
  const doc = readAtlas(file);
  const { text, changes } = applyEdits(doc, edits);
  // What is shown (diff, before/after) never carries a password; the bytes keep it.
  return {
    file,
    changes: changes.map((c) => ({ ...c, before: maskSecrets(c.before), after: maskSecrets(c.after) })),
    diff: unifiedDiff(maskSecrets(doc.text), maskSecrets(text), file),
    bytes: encode(text, doc.encoding),
  };
}

/** The probe of the recovery policy: does the file already hold the edit's values? */
export function atlasHolds(file: string, edits: AtlasEdit[]): boolean {
  return previewAtlas(file, edits).changes.length === 0;
}

export interface ApplyOptions {
  /** Checked for running `Atlas%` services. */
  host?: Pick<Host, 'services'>;
  force?: boolean;
  hook?: WriteHook;
  now?: Date;
}

/**
 * Applies an edit: refused while an `Atlas%` service runs (unless forced); the new bytes must
 * parse again and show the new values before the file is replaced atomically, with a backup.
 */
export async function applyAtlas(
  file: string,
  edits: AtlasEdit[],
  options: ApplyOptions = {},
): Promise<AtlasPreview & { backup?: string }> {
  const preview = previewAtlas(file, edits);
  if (preview.changes.length === 0) return preview;
  if (options.host && !options.force) {
    const running = (await options.host.services()).filter((s) => s.running).map((s) => s.name);
    if (running.length > 0)
      throw new XpmError('E_ATLAS_SERVICES_RUNNING', { file, services: running.join(', ') });
  }
  const check = applyEdits(parseAtlas(file, preview.bytes), edits);
  if (check.changes.length > 0)
    throw new XpmError('E_INTERNAL', { detail: 'the new atlas.xml does not hold the edit' });
  const { backup } = replaceFile(file, preview.bytes, options.now, options.hook);
  return { ...preview, backup };
}

/** atlas.xml in the install folder, or in a folder below it (at most three levels). */
export function findAtlasXml(installDir: string): string {
  const queue: Array<{ dir: string; depth: number }> = [{ dir: installDir, depth: 0 }];
  while (queue.length > 0) {
    const { dir, depth } = queue.shift()!;
    const candidate = join(dir, 'atlas.xml');
    if (existsSync(candidate)) return candidate;
    if (depth >= 3) continue;
    let names: string[] = [];
    try {
      names = readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
    } catch {
      // unreadable folder: look elsewhere
    }
    for (const name of names) queue.push({ dir: join(dir, name), depth: depth + 1 });
  }
  throw new XpmError('E_ATLAS_NOT_FOUND', { folder: installDir });
}
