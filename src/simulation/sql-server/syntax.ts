import { CODE, codeOnly, type LexMode, scanLine } from '../../actors/sql-script/index.js';

/** A batch's syntax error, as SQL Server reports it before it runs anything of the batch. */
export interface SyntaxError {
  number: number;
  message: string;
  line: number;
}

/**
 * Statements that must open their batch: "'CREATE PROCEDURE' must be the first statement in a
 * query batch" (111), the same for views, functions, triggers, schemas, rules and defaults.
 */
const FIRST_ONLY =
  /\b((?:CREATE(?:\s+OR\s+ALTER)?|ALTER)\s+(?:PROC(?:EDURE)?|VIEW|FUNCTION|TRIGGER)|CREATE\s+(?:SCHEMA|RULE|DEFAULT))\b/i;

/**
 * What the parser refuses in a script batch, far enough to catch what an exporter gets wrong:
 * an unclosed string (105) or comment (113), unbalanced parentheses (102), a statement that
 * must open its batch further down (111), an XML index given a sort order (102, "CREATE XML
 * INDEX" has none). The simulator runs no SQL; anything subtler is the T-SQL judge's part
 * (Microsoft's ScriptDom, `npm run test:real-tools`).
 */
export function syntaxError(sql: string): SyntaxError | undefined {
  let mode: LexMode = CODE;
  let depth = 0;
  let closedTooSoon: number | undefined;
  let code = '';
  const lines = sql.split('\n');
  for (const [i, line] of lines.entries()) {
    mode = scanLine(line, mode, i + 1, (part) => {
      for (const ch of part) {
        if (ch === '(') depth++;
        else if (ch === ')' && --depth < 0) closedTooSoon ??= i + 1;
      }
      code += part;
    });
    code += '\n';
  }
  if (mode.kind === 'quoted' && mode.close === "'")
    return {
      number: 105,
      message: 'Unclosed quotation mark after the character string.',
      line: mode.line,
    };
  if (mode.kind === 'comment')
    return { number: 113, message: "Missing end comment mark '*/'.", line: mode.line };
  if (mode.kind === 'quoted') return near(mode.close === ']' ? '[' : '"', mode.line);
  if (closedTooSoon !== undefined) return near(')', closedTooSoon);
  if (depth > 0) return near('(', lines.length);
  const first = FIRST_ONLY.exec(code);
  if (first && code.slice(0, first.index).trim() !== '')
    return {
      number: 111,
      message: `'${first[1]!.toUpperCase().replace(/\s+/g, ' ')}' must be the first statement in a query batch.`,
      line: code.slice(0, first.index).split('\n').length,
    };
  const xmlOrder = /\bCREATE\s+(?:PRIMARY\s+)?XML\s+INDEX\b[^;]*?\b(ASC|DESC)\b/i.exec(codeOnly(sql));
  if (xmlOrder) return near(xmlOrder[1]!, 1);
  return undefined;
}

const near = (token: string, line: number): SyntaxError => ({
  number: 102,
  message: `Incorrect syntax near '${token}'.`,
  line,
});
