import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isXpmError, XpmError } from '../errors/index.js';
import { analyseLogFile, type FileReport, type Finding, rankFindings } from '../formats/index.js';
import type { Lang } from '../i18n/index.js';

export type { FileReport, Finding };

/** Analyses one log file or every file in a folder; findings ranked by severity, then position. */
export async function diagnose(
  path: string,
  lang: Lang,
): Promise<{ files: FileReport[]; findings: Finding[] }> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new XpmError('E_DIAG_PATH', { path, detail: error.code ?? error.message });
  });
  if (!info.isDirectory()) {
    const { report, findings } = await analyseLogFile(path, lang);
    return { files: [report], findings: rankFindings(findings) };
  }
  const files: FileReport[] = [];
  const findings: Finding[] = [];
  const inFolder = await filesIn(path);
  // Nothing to read is not "no known problems": it is the empty input it is.
  if (inFolder.length === 0) throw new XpmError('E_DIAG_EMPTY', { file: path });
  for (const file of inFolder) {
    try {
      const result = await analyseLogFile(file, lang);
      files.push(result.report);
      findings.push(...result.findings);
    } catch (error) {
      // In a folder, a file that is no log is reported and left out; alone it is an error.
      if (!isXpmError(error)) throw error;
      files.push({ file, lines: 0, entries: 0, skipped: error.text(lang) });
    }
  }
  return { files, findings: rankFindings(findings) };
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
