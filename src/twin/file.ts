import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseVersion } from '../catalog/index.js';
import { XpmError } from '../errors/index.js';
import { writeAtomic } from '../host/index.js';
import { TWIN_FORMAT, TWIN_SCHEMA, type Twin } from './facts.js';

/** JSON with sorted keys: the same facts always give the same checksum. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

const checksum = (twin: Pick<Twin, 'facts' | 'unread' | 'simulated'>) =>
  createHash('sha256')
    .update(canonical({ facts: twin.facts, unread: twin.unread, simulated: twin.simulated }))
    .digest('hex');

/** The twin with its checksum. */
export function sealTwin(twin: Omit<Twin, 'sha256'>): Twin {
  return { ...twin, sha256: checksum(twin) };
}

/** Written whole or not at all (a twin is carried between machines: a half file must not pass). */
export function writeTwin(file: string, twin: Twin): void {
  writeAtomic(file, `${JSON.stringify(twin, null, 2)}\n`, { makeFolder: true });
}

/**
 * Reads a twin and refuses what it cannot trust: not a twin, from a newer xpmigrate, edited by
 * hand or damaged (the checksum), or describing no XPhone version this tool knows.
 */
export function readTwin(file: string): Twin {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new XpmError('E_TWIN_PATH', {
      file,
      detail: (error as NodeJS.ErrnoException).code ?? String(error),
    });
  }
  let twin: Partial<Twin>;
  try {
    twin = JSON.parse(text) as Partial<Twin>;
  } catch {
    throw new XpmError('E_TWIN_DAMAGED', { file, detail: 'not JSON' });
  }
  if (twin?.format !== TWIN_FORMAT) throw new XpmError('E_TWIN_DAMAGED', { file, detail: 'not a twin file' });
  if (typeof twin.schema !== 'number' || twin.schema > TWIN_SCHEMA)
    throw new XpmError('E_TWIN_NEWER', { file, schema: String(twin.schema), tool: String(twin.tool ?? '?') });
  if (
    !twin.facts ||
    !Array.isArray(twin.unread) ||
    typeof twin.simulated !== 'boolean' ||
    twin.sha256 !== checksum(twin as Twin)
  )
    throw new XpmError('E_TWIN_DAMAGED', { file, detail: 'checksum' });
  const version = twin.facts.xphone?.version ?? '';
  if (version !== '' && !parseVersion(version).ok) throw new XpmError('E_TWIN_PRODUCT', { file, version });
  return twin as Twin;
}
