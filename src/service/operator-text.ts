import { XpmError } from '../errors/index.js';
import { CONTROL_CHARACTER } from '../i18n/index.js';
import type { OperatorCommand } from '../runtime/index.js';

/**
 * What an operator types — evidence, a reason, `--by` — is journaled and shown again in the
 * terminal, the page and the report. Control characters (ESC, BEL and OSC set a terminal's title
 * or colours) and bidi overrides (U+202E turns text around) have no place in it, and its length
 * has the page's limit. Refused when typed, so that no reader has to guess what was meant.
 */
export const OPERATOR_TEXT_LIMITS = { reason: 2000, evidence: 2000, who: 200 } as const;

/** Tab and line break: only a reason may have lines. */
const LINE_BREAK = /[\t\n]/;

export function checkOperatorText(field: string, value: string, limit: number, lines = false): void {
  if (value.length > limit)
    throw new XpmError('E_INPUT_TOO_LONG', { field, length: value.length, max: limit });
  const control = CONTROL_CHARACTER.exec(value) ?? (lines ? null : LINE_BREAK.exec(value));
  if (control)
    throw new XpmError('E_INPUT_CONTROL', {
      field,
      at: control.index + 1,
      char: `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
    });
}

/** A command's evidence and reason, and who sent it. */
export function checkCommandText(cmd: OperatorCommand, who: string): void {
  checkOperatorText('--by', who, OPERATOR_TEXT_LIMITS.who);
  if (cmd.reason !== undefined) checkOperatorText('--reason', cmd.reason, OPERATOR_TEXT_LIMITS.reason, true);
  for (const [key, value] of Object.entries(cmd.evidence ?? {})) {
    checkOperatorText(`--evidence ${key.slice(0, 40)}`, key, 40);
    checkOperatorText(`--evidence ${key}`, value, OPERATOR_TEXT_LIMITS.evidence);
  }
}
