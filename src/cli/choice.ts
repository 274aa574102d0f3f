import { XpmError } from '../errors/index.js';

/** A flag's value that must be one of a few words; anything else is E_INPUT_CHOICE naming them. */
export function choice<const C extends readonly string[]>(
  value: unknown,
  flag: string,
  allowed: C,
): C[number] {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value;
  throw new XpmError('E_INPUT_CHOICE', { flag, value: String(value), allowed: allowed.join(', ') });
}
