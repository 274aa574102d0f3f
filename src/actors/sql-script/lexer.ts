/**
 * Where a T-SQL line leaves the text: in code, inside a string or quoted identifier, or inside
 * a block comment. SQLCMD commands and `GO` count only on a line that starts in code, so a `GO`
 * inside a multi-line string or comment stays part of the batch.
 */
export type LexMode =
  | { kind: 'code' }
  | { kind: 'quoted'; close: "'" | '"' | ']'; line: number }
  | { kind: 'comment'; depth: number; line: number };

export const CODE: LexMode = { kind: 'code' };

/** The next character that can change the mode, in code. */
const CODE_SPECIAL = /['"[]|--|\/\*/g;
const COMMENT_SPECIAL = /\/\*|\*\//g;

/** Scans one line from `mode`; returns the mode at its end. `line` is its number, for errors. */
export function scanLine(text: string, mode: LexMode, line: number): LexMode {
  let at = 0;
  let current = mode;
  while (at < text.length) {
    if (current.kind === 'code') {
      CODE_SPECIAL.lastIndex = at;
      const m = CODE_SPECIAL.exec(text);
      if (!m) return current;
      if (m[0] === '--') return current; // the rest of the line is a comment
      if (m[0] === '/*') {
        current = { kind: 'comment', depth: 1, line };
        at = m.index + 2;
      } else {
        const close = m[0] === '[' ? ']' : (m[0] as "'" | '"');
        current = { kind: 'quoted', close, line };
        at = m.index + 1;
      }
    } else if (current.kind === 'quoted') {
      const end = text.indexOf(current.close, at);
      if (end < 0) return current;
      // A doubled closing character is the character itself: 'it''s', [a]]b].
      if (text[end + 1] === current.close) at = end + 2;
      else {
        current = CODE;
        at = end + 1;
      }
    } else {
      COMMENT_SPECIAL.lastIndex = at;
      const m = COMMENT_SPECIAL.exec(text);
      if (!m) return current;
      at = m.index + 2;
      // T-SQL block comments nest.
      const depth = current.depth + (m[0] === '/*' ? 1 : -1);
      current = depth === 0 ? CODE : { ...current, depth };
    }
  }
  return current;
}

/** Whether a batch text holds anything but whitespace. */
export const isBlank = (text: string) => text.trim() === '';

/** The text with strings, quoted identifiers and comments blanked: what a keyword search may see. */
export function codeOnly(text: string): string {
  let out = '';
  let mode: LexMode = CODE;
  for (const [i, line] of text.split('\n').entries()) {
    const chars = [...line];
    let kept = '';
    let m = mode;
    // Char by char is fine here: it runs once per batch, not per byte of a 1 GB script.
    for (let at = 0; at < chars.length; at++) {
      const c = chars[at]!;
      const next = chars[at + 1];
      if (m.kind === 'code') {
        if (c === '-' && next === '-') break;
        if (c === '/' && next === '*') {
          m = { kind: 'comment', depth: 1, line: i };
          at++;
          kept += '  ';
        } else if (c === "'" || c === '"' || c === '[') {
          m = { kind: 'quoted', close: c === '[' ? ']' : c, line: i };
          kept += ' ';
        } else kept += c;
      } else if (m.kind === 'quoted') {
        if (c === m.close && next === m.close) at++;
        else if (c === m.close) m = CODE;
        kept += ' ';
      } else {
        if (c === '/' && next === '*') m = { ...m, depth: m.depth + 1 };
        else if (c === '*' && next === '/') m = m.depth === 1 ? CODE : { ...m, depth: m.depth - 1 };
        if ((c === '/' && next === '*') || (c === '*' && next === '/')) at++;
        kept += ' ';
      }
    }
    mode = m;
    out += `${kept}\n`;
  }
  return out;
}
