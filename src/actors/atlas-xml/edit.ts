import { XpmError } from '../../errors/index.js';
import {
  type ConnectionString,
  formatConnectionString,
  formatServer,
  instanceNameProblem,
  parseServer,
  remove,
  set,
} from '../sql-server/index.js';
import type { AtlasDocument, AtlasEntry, UseLogin } from './document.js';
import { escapeAttribute, escapeText, minimalEdit } from './entities.js';

/** What can be changed in atlas.xml. */
export type AtlasEdit =
  /** Point entries (all, or those named by entry name or database) at another server\instance. */
  | { kind: 'point'; server: string; databases?: string[] }
  | { kind: 'rename-instance'; from: string; to: string }
  | { kind: 'rename-database'; from: string; to: string };

export interface AtlasChange {
  entry: string;
  line: number;
  what: string;
  before: string;
  after: string;
  /**
   * Why `useLogin="Windows"` was set (guide, row 8: "Bitte den Eintrag useLogin="Windows" nicht
   * vergessen"): no `useLogin` was in effect for the entry, or the one in effect (its own, or an
   * enclosing element's) said something else.
   */
  because?: { inEffect: UseLogin | null };
}

interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** The new document text and what changed; the text is unchanged when nothing needs to. */
export function applyEdits(doc: AtlasDocument, edits: AtlasEdit[]): { text: string; changes: AtlasChange[] } {
  if (doc.problems.length > 0) {
    const p = doc.problems[0]!;
    throw new XpmError('E_ATLAS_CONNECTION_STRING', {
      file: doc.file,
      line: p.line,
      column: p.column,
      detail: p.detail,
    });
  }
  if (doc.entries.length === 0)
    throw new XpmError('E_ATLAS_NO_ENTRIES', { file: doc.file, line: doc.databasesLine });
  const values = new Map(doc.entries.map((e) => [e, e.parsed]));
  const useLogin = new Set<AtlasEntry>();
  const changes: AtlasChange[] = [];
  for (const edit of edits) {
    const chosen = choose(doc, edit);
    for (const entry of chosen) {
      const before = values.get(entry)!;
      const after = change(before, entry, edit);
      if (formatConnectionString(after) !== formatConnectionString(before)) {
        changes.push({
          entry: entry.name,
          line: entry.line,
          what: 'connection string',
          before: formatConnectionString(before),
          after: formatConnectionString(after),
        });
        values.set(entry, after);
      }
      // Only where no useLogin="Windows" is in effect already, on the entry or around it.
      if (edit.kind === 'point' && !windowsLogin(entry)) useLogin.add(entry);
    }
  }
  const replacements: Replacement[] = [];
  for (const [entry, cs] of values) {
    if (cs === entry.parsed) continue;
    const value = formatConnectionString(cs);
    const { start, end, quote, cdata } = entry.location;
    if (cdata && value.includes(']]>'))
      throw new XpmError('E_ATLAS_CONNECTION_STRING', {
        file: doc.file,
        line: entry.line,
        column: 1,
        detail: '"]]>" cannot stand in CDATA',
      });
    const written = (t: string) => (quote ? escapeAttribute(t, quote) : cdata ? t : escapeText(t));
    const edit = minimalEdit(doc.text.slice(start, end), entry.connectionString, value, written);
    replacements.push({ start: start + edit.start, end: start + edit.end, text: edit.text });
  }
  for (const entry of useLogin) {
    const element = doc.scan.elements[entry.location.elementIndex]!;
    const existing = element.attributes.find((a) => a.name.toLowerCase() === 'uselogin');
    if (existing) replacements.push({ start: existing.start, end: existing.end, text: 'Windows' });
    else {
      const quote = element.attributes[0]?.quote ?? '"';
      replacements.push({
        start: element.insertAt,
        end: element.insertAt,
        text: ` useLogin=${quote}Windows${quote}`,
      });
    }
    changes.push({
      entry: entry.name,
      line: entry.line,
      what: 'useLogin',
      before: entry.useLogin ?? '',
      after: 'Windows',
      because: { inEffect: entry.useLoginInEffect ?? null },
    });
  }
  const text = replacements
    .sort((a, b) => b.start - a.start)
    .reduce((t, r) => t.slice(0, r.start) + r.text + t.slice(r.end), doc.text);
  return { text, changes };
}

/** Windows login is what the entry's own or an enclosing element's `useLogin` says. */
export function windowsLogin(entry: AtlasEntry): boolean {
  return entry.useLoginInEffect?.value.trim().toLowerCase() === 'windows';
}

function choose(doc: AtlasDocument, edit: AtlasEdit): AtlasEntry[] {
  if (edit.kind !== 'point' || !edit.databases?.length) return doc.entries;
  // By entry name or Initial Catalog, case-insensitive.
  const matches = (e: AtlasEntry, wanted: string) =>
    [e.name, e.database ?? ''].some((n) => n.toLowerCase() === wanted.toLowerCase());
  const chosen = doc.entries.filter((e) => edit.databases!.some((d) => matches(e, d)));
  const missing = edit.databases.filter((d) => !chosen.some((e) => matches(e, d)));
  if (missing.length > 0) {
    throw new XpmError('E_ATLAS_NO_SUCH_DATABASE', {
      file: doc.file,
      value: missing.join(', '),
      allowed: doc.entries.map((e) => (e.database ? `${e.name} (${e.database})` : e.name)).join(', '),
    });
  }
  return chosen;
}

function change(cs: ConnectionString, entry: AtlasEntry, edit: AtlasEdit): ConnectionString {
  switch (edit.kind) {
    case 'point': {
      let next = set(cs, 'server', edit.server, 'Data Source');
      // Windows login: integrated security on, a SQL login (and its password) gone.
      if (!entry.integratedSecurity) next = set(next, 'integratedSecurity', 'SSPI', 'Integrated Security');
      next = remove(remove(next, 'user'), 'password');
      return next;
    }
    case 'rename-instance': {
      if (!entry.server?.instance || entry.server.instance.toLowerCase() !== edit.from.toLowerCase())
        return cs;
      const server = parseServer(entry.server.raw);
      return set(cs, 'server', formatServer({ ...server, instance: edit.to }), 'Data Source');
    }
    case 'rename-database':
      if ((entry.database ?? '').toLowerCase() !== edit.from.toLowerCase()) return cs;
      return set(cs, 'database', edit.to, 'Initial Catalog');
  }
}

/** Checks an edit's own values before any file is read. */
export function validateEdit(edit: AtlasEdit): void {
  if (edit.kind === 'point') {
    let server: ReturnType<typeof parseServer>;
    try {
      server = parseServer(edit.server);
    } catch {
      throw new XpmError('E_ATLAS_SERVER', { value: edit.server, detail: 'HOST[\\INSTANCE][,PORT]' });
    }
    const problem = server.instance ? instanceNameProblem(server.instance) : undefined;
    if (problem) throw new XpmError('E_ATLAS_INSTANCE', { value: server.instance ?? '', detail: problem });
  }
  if (edit.kind === 'rename-instance') {
    for (const name of [edit.from, edit.to]) {
      const problem = instanceNameProblem(name);
      if (problem) throw new XpmError('E_ATLAS_INSTANCE', { value: name, detail: problem });
    }
  }
  if (edit.kind === 'rename-database' && !/^[^\][;'"]{1,128}$/.test(edit.to))
    throw new XpmError('E_ATLAS_DATABASE_NAME', { value: edit.to });
}
