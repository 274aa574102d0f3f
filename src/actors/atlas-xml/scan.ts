/**
 * A minimal XML scanner that keeps positions, which fast-xml-parser does not give: start tags
 * with their attributes (raw value, where it is, its quote) and text nodes, in document order.
 * It runs only on text the validator has accepted.
 */

export interface Attribute {
  name: string;
  /** The value as written, entities not resolved. */
  raw: string;
  /** Offsets of the value inside the document (without the quotes). */
  start: number;
  end: number;
  quote: '"' | "'";
}

export interface Element {
  index: number;
  name: string;
  /** The name without a namespace prefix. */
  local: string;
  start: number;
  /** Where a new attribute can go: right after the last attribute (or the name). */
  insertAt: number;
  attributes: Attribute[];
  parent: number | undefined;
}

export interface TextNode {
  raw: string;
  start: number;
  end: number;
  cdata: boolean;
  parent: number | undefined;
}

export interface Scan {
  elements: Element[];
  texts: TextNode[];
}

export class ScanError extends Error {
  constructor(readonly at: number) {
    super(`unexpected text at offset ${at}`);
  }
}

const NAME = /[^\s/>=]+/y;

export function scan(doc: string): Scan {
  const elements: Element[] = [];
  const texts: TextNode[] = [];
  const stack: number[] = [];
  const skipTo = (from: number, marker: string) => {
    const at = doc.indexOf(marker, from);
    if (at < 0) throw new ScanError(from);
    return at + marker.length;
  };
  let i = 0;
  while (i < doc.length) {
    const lt = doc.indexOf('<', i);
    const textEnd = lt < 0 ? doc.length : lt;
    if (textEnd > i)
      texts.push({ raw: doc.slice(i, textEnd), start: i, end: textEnd, cdata: false, parent: stack.at(-1) });
    if (lt < 0) break;
    i = lt;
    if (doc.startsWith('<!--', i)) i = skipTo(i + 4, '-->');
    else if (doc.startsWith('<![CDATA[', i)) {
      const end = doc.indexOf(']]>', i + 9);
      if (end < 0) throw new ScanError(i);
      texts.push({ raw: doc.slice(i + 9, end), start: i + 9, end, cdata: true, parent: stack.at(-1) });
      i = end + 3;
    } else if (doc.startsWith('<?', i)) i = skipTo(i + 2, '?>');
    else if (doc.startsWith('<!', i)) i = skipDeclaration(doc, i);
    else if (doc.startsWith('</', i)) {
      i = skipTo(i + 2, '>');
      if (stack.pop() === undefined) throw new ScanError(i);
    } else i = startTag(doc, i, elements, stack);
  }
  if (stack.length > 0) throw new ScanError(doc.length);
  return { elements, texts };
}

function startTag(doc: string, at: number, elements: Element[], stack: number[]): number {
  NAME.lastIndex = at + 1;
  const name = NAME.exec(doc)?.[0];
  if (!name) throw new ScanError(at);
  let i = at + 1 + name.length;
  const element: Element = {
    index: elements.length,
    name,
    local: name.includes(':') ? name.slice(name.indexOf(':') + 1) : name,
    start: at,
    insertAt: i,
    attributes: [],
    parent: stack.at(-1),
  };
  elements.push(element);
  for (;;) {
    while (/\s/.test(doc[i] ?? '')) i++;
    if (doc[i] === '>') {
      stack.push(element.index);
      return i + 1;
    }
    if (doc.startsWith('/>', i)) return i + 2;
    NAME.lastIndex = i;
    const attr = NAME.exec(doc)?.[0];
    if (!attr) throw new ScanError(i);
    i += attr.length;
    while (/\s/.test(doc[i] ?? '')) i++;
    if (doc[i] !== '=') throw new ScanError(i);
    i++;
    while (/\s/.test(doc[i] ?? '')) i++;
    const quote = doc[i];
    if (quote !== '"' && quote !== "'") throw new ScanError(i);
    const close = doc.indexOf(quote, i + 1);
    if (close < 0) throw new ScanError(i);
    element.attributes.push({ name: attr, raw: doc.slice(i + 1, close), start: i + 1, end: close, quote });
    i = close + 1;
    element.insertAt = i;
  }
}

/**
 * `<!DOCTYPE …>` with an optional internal subset in brackets. Quoted literals, comments and
 * processing instructions inside it are skipped whole: a `]>` in an entity's value does not
 * end the declaration (XML 1.0, 2.8 "Prolog and Document Type Declaration").
 */
function skipDeclaration(doc: string, at: number): number {
  let depth = 0;
  const past = (from: number, marker: string) => {
    const end = doc.indexOf(marker, from);
    if (end < 0) throw new ScanError(at);
    return end + marker.length - 1;
  };
  for (let i = at + 2; i < doc.length; i++) {
    const c = doc[i];
    if (c === '"' || c === "'") i = past(i + 1, c);
    else if (doc.startsWith('<!--', i)) i = past(i + 4, '-->');
    else if (doc.startsWith('<?', i)) i = past(i + 2, '?>');
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) return i + 1;
  }
  throw new ScanError(at);
}

/**
 * The text with its DOCTYPE (if the prolog has one) blanked to spaces, line breaks kept: the
 * validator then judges the document alone and cannot be led astray by markup in an entity's
 * value. Offsets and line numbers stay those of the file.
 */
export function withoutDoctype(doc: string): string {
  let i = 0;
  for (;;) {
    while (/\s/.test(doc[i] ?? '')) i++;
    const close = doc.startsWith('<?', i) ? '?>' : doc.startsWith('<!--', i) ? '-->' : undefined;
    if (!close) break;
    const end = doc.indexOf(close, i);
    if (end < 0) return doc; // unterminated: the validator will say where
    i = end + close.length;
  }
  if (!doc.startsWith('<!DOCTYPE', i)) return doc;
  const end = skipDeclaration(doc, i);
  return doc.slice(0, i) + doc.slice(i, end).replace(/[^\r\n]/g, ' ') + doc.slice(end);
}
