import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { XpmError } from '../../errors/index.js';
import {
  type ConnectionString,
  ConnectionStringError,
  get,
  parseConnectionString,
  parseServer,
  type ServerAddress,
  usesIntegratedSecurity,
} from '../sql-server/index.js';
import { type AtlasEncoding, decode } from './encoding.js';
import { unescapeXml } from './entities.js';
import { type Element, type Scan, ScanError, scan, type TextNode, withoutDoctype } from './scan.js';

/** One database connection found inside `<Databases>`. */
export interface AtlasEntry {
  /** The entry's name: its `name`/`id`/`key` attribute, else its element name. */
  name: string;
  element: string;
  /** Where the connection string is: an attribute (by name) or the element's text. */
  where: { kind: 'attribute'; attribute: string } | { kind: 'text' };
  line: number;
  connectionString: string;
  parsed: ConnectionString;
  server: ServerAddress | undefined;
  database: string | undefined;
  integratedSecurity: boolean;
  user: string | undefined;
  /** The `useLogin` attribute of the entry's element, if it has one. */
  useLogin: string | undefined;
  /**
   * The `useLogin` in effect for the entry: its own, else that of the nearest enclosing element
   * that has one (e.g. `<Databases useLogin="Windows">`); undefined when none has it.
   */
  useLoginInEffect: UseLogin | undefined;
  /** The element's other attributes, as found (values never hold secrets we print). */
  attributes: Record<string, string>;
  /** Internal: where the value is in the document, to change it. */
  location: { start: number; end: number; quote?: '"' | "'"; cdata?: boolean; elementIndex: number };
}

/** Where a `useLogin` attribute stands: its value, the element that carries it, its line. */
export interface UseLogin {
  value: string;
  element: string;
  line: number;
  /** On the entry's own element (else inherited from an enclosing one). */
  own: boolean;
}

/** Something in `<Databases>` that looks like a connection string but is not one. */
export interface AtlasProblem {
  line: number;
  column: number;
  element: string;
  detail: string;
}

export interface AtlasDocument {
  file: string;
  text: string;
  encoding: AtlasEncoding;
  lineEnding: 'CRLF' | 'LF' | 'mixed' | 'none';
  scan: Scan;
  databasesLine: number;
  entries: AtlasEntry[];
  problems: AtlasProblem[];
}

const NAME_ATTRIBUTES = ['name', 'id', 'key', 'database', 'type'];
/** A value is taken for a connection string when it names a server or a database. */
const LOOKS_LIKE = /(data\s*source|server|address|initial\s*catalog|database)\s*=/i;
const SPLIT_VALUE = 'a connection string in pieces (CDATA or a comment inside it): not read, not changed';

export function readAtlas(file: string): AtlasDocument {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    throw new XpmError('E_ATLAS_READ', { file, detail: (cause as Error).message }, { cause });
  }
  return parseAtlas(file, bytes);
}

/**
 * The validator, loaded at first use through the package's CommonJS build: most commands never
 * read an atlas.xml, and the ESM build's two dozen modules cost every start about 40 ms.
 */
let validator: typeof import('fast-xml-parser').XMLValidator | undefined;
function xmlValidator() {
  validator ??= (createRequire(import.meta.url)('fast-xml-parser') as typeof import('fast-xml-parser'))
    .XMLValidator;
  return validator;
}

export function parseAtlas(file: string, bytes: Buffer): AtlasDocument {
  const { text, encoding } = decode(bytes, file);
  let verdict: ReturnType<ReturnType<typeof xmlValidator>['validate']>;
  try {
    verdict = xmlValidator().validate(withoutDoctype(text), { allowBooleanAttributes: false });
  } catch (cause) {
    if (!(cause instanceof ScanError)) throw cause;
    const { line, column } = position(text, cause.at);
    verdict = { err: { code: 'InvalidDoctype', msg: 'DOCTYPE not closed', line, col: column } };
  }
  if (verdict !== true) {
    throw new XpmError('E_ATLAS_XML', {
      file,
      line: verdict.err.line,
      column: verdict.err.col,
      detail: verdict.err.msg,
    });
  }
  let scanned: Scan;
  try {
    scanned = scan(text);
  } catch (cause) {
    const at = cause instanceof ScanError ? cause.at : 0;
    const { line, column } = position(text, at);
    throw new XpmError('E_ATLAS_XML', { file, line, column, detail: 'not well-formed' }, { cause });
  }
  const section = scanned.elements.find((e) => e.local.toLowerCase() === 'databases');
  if (!section) throw new XpmError('E_ATLAS_NO_DATABASES', { file });
  const inside = (e: Element) => {
    for (let p = e.parent; p !== undefined; p = scanned.elements[p]!.parent)
      if (p === section.index) return true;
    return false;
  };
  const entries: AtlasEntry[] = [];
  const problems: AtlasProblem[] = [];
  const consider = (
    value: string | undefined,
    start: number,
    end: number,
    element: Element,
    where: AtlasEntry['where'],
    quote?: '"' | "'",
    cdata?: boolean,
  ) => {
    if (!LOOKS_LIKE.test(value ?? text.slice(start, end))) return;
    // Only for candidates: position() reads the text from its start.
    const { line, column } = position(text, start);
    if (value === undefined) {
      problems.push({ line, column, element: element.name, detail: 'an entity that is not XML’s own' });
      return;
    }
    let parsed: ConnectionString;
    let server: ServerAddress | undefined;
    try {
      parsed = parseConnectionString(value.trim());
      const source = get(parsed, 'server');
      server = source === undefined ? undefined : parseServer(source);
    } catch (error) {
      const detail = error instanceof ConnectionStringError ? error.message : String(error);
      problems.push({ line, column, element: element.name, detail });
      return;
    }
    // A connection string as text sits in an element of its own (<ConnectionString>): the entry
    // is then its parent, unless that is the section itself.
    const owner =
      where.kind === 'text' && element.parent !== undefined && element.parent !== section.index
        ? scanned.elements[element.parent]!
        : element;
    const attributes = Object.fromEntries(owner.attributes.map((a) => [a.name, unescapeXml(a.raw) ?? a.raw]));
    const named = owner.attributes.find(
      (a) =>
        NAME_ATTRIBUTES.includes(a.name.toLowerCase()) &&
        a.name !== (where.kind === 'attribute' ? where.attribute : ''),
    );
    const useLogin = useLoginOf(owner);
    if (where.kind === 'attribute') delete attributes[where.attribute];
    entries.push({
      name: (named && unescapeXml(named.raw)) ?? owner.local,
      element: owner.name,
      where,
      line,
      connectionString: value,
      parsed,
      server,
      database: get(parsed, 'database'),
      integratedSecurity: usesIntegratedSecurity(parsed),
      user: get(parsed, 'user'),
      useLogin: useLogin && (unescapeXml(useLogin.raw) ?? useLogin.raw),
      useLoginInEffect: inEffect(scanned, text, owner),
      attributes,
      location: {
        start,
        end,
        ...(quote ? { quote } : {}),
        ...(cdata ? { cdata } : {}),
        elementIndex: owner.index,
      },
    });
  };
  for (const element of scanned.elements) {
    if (element.index !== section.index && !inside(element)) continue;
    for (const a of element.attributes)
      consider(
        unescapeXml(a.raw),
        a.start,
        a.end,
        element,
        { kind: 'attribute', attribute: a.name },
        a.quote,
      );
  }
  // An element whose value is in pieces (text and CDATA, or around a comment): no piece alone
  // is the connection string, and guessing the join would edit the wrong bytes.
  const pieces = new Map<number, TextNode[]>();
  for (const t of scanned.texts)
    if (t.parent !== undefined && t.raw.trim() !== '')
      pieces.set(t.parent, [...(pieces.get(t.parent) ?? []), t]);
  for (const [parent, parts] of pieces) {
    const element = scanned.elements[parent]!;
    if (parts.length < 2 || (element.index !== section.index && !inside(element))) continue;
    if (!LOOKS_LIKE.test(parts.map((t) => t.raw).join(''))) continue;
    const { line, column } = position(text, parts[0]!.start);
    problems.push({ line, column, element: element.name, detail: SPLIT_VALUE });
  }
  for (const t of scanned.texts) {
    if (t.parent === undefined) continue;
    const element = scanned.elements[t.parent]!;
    if (element.index !== section.index && !inside(element)) continue;
    if (t.raw.trim() === '' || (pieces.get(t.parent)?.length ?? 0) > 1) continue;
    // Keep the text's own surrounding whitespace (indentation) out of the value's range.
    const lead = t.raw.length - t.raw.trimStart().length;
    const trail = t.raw.length - t.raw.trimEnd().length;
    const raw = t.raw.slice(lead, t.raw.length - trail);
    consider(
      t.cdata ? raw : unescapeXml(raw),
      t.start + lead,
      t.end - trail,
      element,
      { kind: 'text' },
      undefined,
      t.cdata,
    );
  }
  entries.sort((a, b) => a.location.start - b.location.start);
  return {
    file,
    text,
    encoding,
    lineEnding: lineEnding(text),
    scan: scanned,
    databasesLine: position(text, section.start).line,
    entries,
    problems,
  };
}

function useLoginOf(element: Element) {
  return element.attributes.find((a) => a.name.toLowerCase() === 'uselogin');
}

/** The nearest `useLogin`, from the entry's element up through the elements that enclose it. */
function inEffect(scanned: Scan, text: string, owner: Element): UseLogin | undefined {
  for (
    let e: Element | undefined = owner;
    e;
    e = e.parent === undefined ? undefined : scanned.elements[e.parent]
  ) {
    const attribute = useLoginOf(e);
    if (attribute)
      return {
        value: unescapeXml(attribute.raw) ?? attribute.raw,
        element: e.name,
        line: position(text, e.start).line,
        own: e === owner,
      };
  }
  return undefined;
}

export function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function lineEnding(text: string): AtlasDocument['lineEnding'] {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length;
  if (lf === 0) return 'none';
  if (crlf === lf) return 'CRLF';
  return crlf === 0 ? 'LF' : 'mixed';
}
