import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isXpmError, XpmError } from '../errors/index.js';
import { type LogEncoding, TextReader } from '../formats/index.js';
import { type Lang, say } from '../i18n/index.js';
import { KNOWN_PROBLEMS, SEVERITIES, type Severity } from './catalog.js';
import { EntryReader, type LogEntry } from './parse.js';

export interface Finding {
  code: string;
  severity: Severity;
  file: string;
  /** 1-based line numbers of every line that shows it (at most MAX_LINES). */
  lines: number[];
  /** How many log messages show it. */
  count: number;
  cause: string;
  remedy: string;
  /** The first message that shows it. */
  excerpt: string;
}

export interface FileReport {
  file: string;
  encoding?: LogEncoding;
  lines: number;
  entries: number;
  /** Why a file in a folder was left out (binary, empty, not a Backup-Manager log). */
  skipped?: string;
}

const MAX_LINES = 1000;
/**
 * What is kept of one line: a message's text is cut at 64 KiB anyway, and the rest of a
 * runaway line is only skipped, so a 1 GB line costs no more memory than a short one.
 */
const MAX_KEPT_LINE = 64 * 1024;

/** Analyses one log file or every file in a folder; findings ranked by severity, then position. */
export async function diagnose(
  path: string,
  lang: Lang,
): Promise<{ files: FileReport[]; findings: Finding[] }> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new XpmError('E_DIAG_PATH', { path, detail: error.code ?? error.message });
  });
  if (!info.isDirectory()) {
    const { report, findings } = await analyseFile(path, lang);
    return { files: [report], findings: rank(findings) };
  }
  const files: FileReport[] = [];
  const findings: Finding[] = [];
  const inFolder = await filesIn(path);
  // Nothing to read is not "no known problems": it is the empty input it is.
  if (inFolder.length === 0) throw new XpmError('E_DIAG_EMPTY', { file: path });
  for (const file of inFolder) {
    try {
      const result = await analyseFile(file, lang);
      files.push(result.report);
      findings.push(...result.findings);
    } catch (error) {
      // In a folder, a file that is no log is reported and left out; alone it is an error.
      if (!isXpmError(error)) throw error;
      files.push({ file, lines: 0, entries: 0, skipped: error.text(lang) });
    }
  }
  return { files, findings: rank(findings) };
}

async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new XpmError('E_DIAG_PATH', { path: dir, detail: error.code ?? error.message });
  });
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesIn(full)));
    else if (e.isFile()) out.push(full);
  }
  return out;
}

/** Streams a file through decoder, line splitter and entry reader: memory stays bounded. */
async function analyseFile(file: string, lang: Lang): Promise<{ report: FileReport; findings: Finding[] }> {
  const reader = new EntryReader();
  const byCode = new Map<string, Finding>();
  let entries = 0;
  const check = (entry: LogEntry | undefined) => {
    if (!entry) return;
    entries += 1;
    for (const problem of KNOWN_PROBLEMS) {
      if (!problem.matches(entry)) continue;
      let finding = byCode.get(problem.code);
      if (!finding) {
        finding = {
          code: problem.code,
          severity: problem.severity,
          file,
          lines: [],
          count: 0,
          cause: say(problem.cause, lang),
          remedy: say(problem.remedy, lang),
          excerpt: entry.text.slice(0, 500),
        };
        byCode.set(problem.code, finding);
      }
      finding.count += 1;
      for (let n = entry.firstLine; n <= entry.lastLine && finding.lines.length < MAX_LINES; n++)
        finding.lines.push(n);
    }
  };

  const size = await stat(file).then(
    (info) => info.size,
    (error: NodeJS.ErrnoException) => {
      throw new XpmError('E_DIAG_PATH', { path: file, detail: error.code ?? error.message });
    },
  );
  if (size === 0) throw new XpmError('E_DIAG_EMPTY', { file });
  const text = new TextReader(file, file);
  for (const line of text.lines(MAX_KEPT_LINE)) check(reader.push(line.text));
  check(reader.end());
  if (reader.stamped === 0) throw new XpmError('E_DIAG_FORMAT', { file });
  return {
    report: { file, encoding: text.encoding, lines: reader.lines, entries },
    findings: [...byCode.values()],
  };
}

function rank(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      a.file.localeCompare(b.file) ||
      (a.lines[0] ?? 0) - (b.lines[0] ?? 0),
  );
}
