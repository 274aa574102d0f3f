import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { parseVersion } from '../catalog/index.js';
import { isXpmError, XpmError } from '../errors/index.js';
import { writeAtomic } from '../host/index.js';
import { TWIN_FORMAT, TWIN_SCHEMA, type Twin } from './facts.js';
import { misshapen } from './shape.js';

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

/**
 * Written whole or not at all (a twin is carried between machines: a half file must not pass),
 * where `--out` says, as every `--out`: into a folder that exists, never over a folder or a store.
 */
export function writeTwin(file: string, twin: Twin): void {
  writeAtomic(file, `${JSON.stringify(twin, null, 2)}\n`);
}

/**
 * Reads a twin and refuses what it cannot trust: not a twin, from a newer xpmigrate, edited by
 * hand or damaged (the checksum), or describing no XPhone version this tool knows.
 */
export function readTwin(file: string): Twin {
  const text = twinText(file);
  let twin: Partial<Twin>;
  try {
    twin = JSON.parse(text) as Partial<Twin>;
  } catch {
    throw new XpmError('E_TWIN_DAMAGED', { file, detail: 'not JSON' });
  }
  if (twin?.format !== TWIN_FORMAT) throw new XpmError('E_TWIN_DAMAGED', { file, detail: 'not a twin file' });
  const schema: unknown = twin.schema;
  if (!Number.isSafeInteger(schema) || (schema as number) < 1)
    throw new XpmError('E_TWIN_DAMAGED', { file, detail: `schema ${JSON.stringify(schema)}` });
  if ((schema as number) > TWIN_SCHEMA)
    throw new XpmError('E_TWIN_NEWER', { file, schema: String(schema), tool: String(twin.tool ?? '?') });
  if (
    !twin.facts ||
    !Array.isArray(twin.unread) ||
    typeof twin.simulated !== 'boolean' ||
    twin.sha256 !== checksum(twin as Twin)
  )
    throw new XpmError('E_TWIN_DAMAGED', { file, detail: 'checksum' });
  const wrong = misshapen(twin);
  if (wrong) throw new XpmError('E_TWIN_DAMAGED', { file, detail: `${wrong}: not what xpmigrate writes` });
  const version = twin.facts.xphone.version;
  if (version !== '' && !parseVersion(version).ok) throw new XpmError('E_TWIN_PRODUCT', { file, version });
  return onceEach(twin as Twin);
}

/** A twin is a few KB; a larger file, a device or a pipe is no twin (and is not read into memory). */
const TWIN_MAX_BYTES = 8 * 1024 * 1024;

function twinText(file: string): string {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new XpmError('E_TWIN_DAMAGED', { file, detail: 'not a regular file' });
    if (stat.size > TWIN_MAX_BYTES)
      throw new XpmError('E_TWIN_DAMAGED', { file, detail: `${stat.size} bytes, a twin is at most 8 MB` });
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (isXpmError(error)) throw error;
    throw new XpmError('E_TWIN_PATH', {
      file,
      detail: (error as NodeJS.ErrnoException).code ?? String(error),
    });
  }
}

/**
 * Each SQL Server once and each of its databases once (names without case, as SQL Server and
 * Windows compare them): a database listed twice must not count twice toward the room needed.
 */
function onceEach(twin: Twin): Twin {
  const first = <T>(items: T[], key: (item: T) => string) =>
    items.filter((item, i) => items.findIndex((other) => key(other) === key(item)) === i);
  const sql = first(twin.facts.sql, (s) => s.server.toLowerCase()).map((s) => ({
    ...s,
    databases: first(s.databases, (d) => d.name.toLowerCase()),
  }));
  return { ...twin, facts: { ...twin.facts, sql } };
}
