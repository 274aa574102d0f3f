import { CONTROL_CHARACTER } from '../i18n/index.js';

/**
 * Text as Markdown shows it literally, on one line (a table cell, a list item): `<Databases>`
 * would be read as an HTML tag and vanish, `*`, `_`, `|` and backticks as markup. CommonMark
 * lets a backslash escape any ASCII punctuation; a backslash that would escape the next character
 * by accident (`C:\*`) is doubled, one before a letter (`C:\SQLData`) stays as it is.
 */
export function markdownText(text: string): string {
  return visible(text.replace(/\r?\n/g, ' '))
    .replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\')
    .replace(/[`*_[\]<>|&]/g, (c) => `\\${c}`);
}

/**
 * Control characters and bidirectional overrides shown as escapes (`\u001b`): a name given with
 * `--by`, a reason or a piece of evidence can neither set a terminal's title or colours (ESC, BEL,
 * OSC) nor reverse the text around it (U+202E) where a report is read.
 */
export function visible(text: string): string {
  return text.replace(SHOWN_ESCAPED, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The control characters, and a tab (a line break is the caller's to keep or fold). */
const SHOWN_ESCAPED = new RegExp(`${CONTROL_CHARACTER.source}|\\t`, 'g');
