import { XpmError } from '../../errors/index.js';

/** A PowerShell script with a short name for error messages ("stop Atlas services"). */
export interface PsScript {
  task: string;
  text: string;
}

/** Text that goes into a script as it is (a fragment built by `ps` itself, a number). */
export class PsRaw {
  constructor(readonly text: string) {}
}

/** Marks a trusted fragment; everything else interpolated into `ps` is quoted. */
export const raw = (text: string | number) => new PsRaw(String(text));

/**
 * Builds a script where every interpolated value becomes a single-quoted literal: inside one,
 * `$`, backticks and double quotes are plain text. Arrays become `@('a','b')`.
 */
export function ps(strings: TemplateStringsArray, ...values: unknown[]): PsRaw {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    text += literal(value) + (strings[i + 1] ?? '');
  });
  return new PsRaw(text);
}

function literal(value: unknown): string {
  if (value instanceof PsRaw) return value.text;
  if (Array.isArray(value)) return `@(${value.map(literal).join(',')})`;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? '$true' : '$false';
  return psQuote(String(value));
}

/**
 * A PowerShell single-quoted string. PowerShell also ends such a string at the typographic
 * single quotes (U+2018–U+201B); each of them is doubled like `'`. NUL cannot be passed.
 */
export function psQuote(value: string): string {
  if (value.includes('\0'))
    throw new XpmError('E_POWERSHELL_VALUE', { value: value.replaceAll('\0', '\\0') });
  return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (q) => q + q)}'`;
}

/** A finished script: its body ends in one JSON value on stdout. */
export const script = (task: string, body: PsRaw): PsScript => ({ task, text: body.text });

/**
 * One Windows command-line argument as CommandLineToArgvW (and the C runtime) reads it back:
 * quoted when needed, backslashes before a quote doubled. Used for the resume task's arguments.
 */
export function windowsArg(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg;
  let out = '"';
  let slashes = 0;
  for (const ch of arg) {
    if (ch === '\\') {
      slashes += 1;
      continue;
    }
    if (ch === '"') {
      out += `${'\\'.repeat(slashes * 2 + 1)}"`;
    } else {
      out += `${'\\'.repeat(slashes)}${ch}`;
    }
    slashes = 0;
  }
  return `${out}${'\\'.repeat(slashes * 2)}"`;
}
