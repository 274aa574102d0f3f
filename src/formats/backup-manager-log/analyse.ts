import { stat } from 'node:fs/promises';
import { XpmError } from '../../errors/index.js';
import { type Lang, say } from '../../i18n/index.js';
import type { LogEncoding } from '../encoding.js';
import { TextReader } from '../text-source.js';
import { EntryReader, type LogEntry } from './entries.js';
import { KNOWN_PROBLEMS, SEVERITIES, type Severity } from './problems.js';

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
  /** Entries written at or after `since` (all of them when none is given). */
  recent?: number;
  /** Why a file in a folder was left out (binary, empty, not a Backup-Manager log). */
  skipped?: string;
}

const MAX_LINES = 1000;
/**
 * What is kept of one line: a message's text is cut at 64 KiB anyway, and the rest of a
 * runaway line is only skipped, so a 1 GB line costs no more memory than a short one.
 */
const MAX_KEPT_LINE = 64 * 1024;

/**
 * Streams one Backup-Manager log through decoder, line splitter and entry reader (memory stays
 * bounded) and matches every entry against the known problems. With `since`, only entries
 * written from then on count: a log keeps every run of the Backup-Manager, and an error of an
 * earlier one says nothing about this one.
 */
export async function analyseLogFile(
  file: string,
  lang: Lang,
  since?: Date,
): Promise<{ report: FileReport; findings: Finding[] }> {
  const reader = new EntryReader();
  const byCode = new Map<string, Finding>();
  let entries = 0;
  let recent = 0;
  // The log has whole seconds: an entry of the same second as `since` counts.
  const from = since ? Math.floor(since.getTime() / 1000) * 1000 : undefined;
  const check = (entry: LogEntry | undefined) => {
    if (!entry) return;
    entries += 1;
    if (from !== undefined && entryTime(entry) < from) return;
    recent += 1;
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
    report: {
      file,
      encoding: text.encoding,
      lines: reader.lines,
      entries,
      ...(since ? { recent } : {}),
    },
    findings: rankFindings([...byCode.values()]),
  };
}

/** The Backup-Manager writes the server's local time without a zone: read it as this machine's. */
function entryTime(entry: LogEntry): number {
  const [date, time] = entry.time.split('T') as [string, string];
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi, s] = time.split(':').map(Number) as [number, number, number];
  return new Date(y, mo - 1, d, h, mi, s).getTime();
}

/** Errors first, then warnings and notes; within a severity by file and position. */
export function rankFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      a.file.localeCompare(b.file) ||
      (a.lines[0] ?? 0) - (b.lines[0] ?? 0),
  );
}
