import { XpmError } from '../errors/index.js';

const YES = new Set(['yes', 'y', 'ja', 'j', 'true', '1', 'on']);
const NO = new Set(['no', 'n', 'nein', 'false', '0', 'off']);

/** An answer in either language → boolean; undefined when it is neither. */
export function parseYesNo(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return undefined;
}

export function yesNoOrThrow(flag: string, value: string): boolean {
  const parsed = parseYesNo(value);
  if (parsed === undefined)
    throw new XpmError('E_INPUT_CHOICE', { flag, value, allowed: 'yes, no (ja, nein)' });
  return parsed;
}
