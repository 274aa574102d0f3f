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

/**
 * Scans one line from `mode`; returns the mode at its end. `line` is its number, for errors.
 * `keep` receives the line's code outside strings, identifiers and comments (keyword searches).
 */
export function scanLine(text: string, mode: LexMode, line: number, keep?: (code: string) => void): LexMode {
  let at = 0;
  let current = mode;
  while (at < text.length) {
    if (current.kind === 'code') {
      CODE_SPECIAL.lastIndex = at;
      const m = CODE_SPECIAL.exec(text);
      keep?.(`${text.slice(at, m ? m.index : text.length)} `);
      if (!m || m[0] === '--') return current; // `--`: the rest of the line is a comment
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

/** The text's code without strings, quoted identifiers and comments: what a keyword search may see. */
export function codeOnly(text: string): string {
  let code = '';
  let mode: LexMode = CODE;
  for (const [i, line] of text.split('\n').entries()) {
    mode = scanLine(line, mode, i + 1, (part) => {
      code += part;
    });
    code += '\n';
  }
  return code;
}
