import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { XpmError } from '../errors/index.js';
import type { Text } from '../i18n/index.js';
import { type CsvReport, checkUsersCsv } from './users-csv.js';

/**
 * The V4 Migrations-Manager's exports (guide: items a–e). How it names its files is not public:
 * each item is recognised by a pattern on the paths in the folder (assumed; `--item key=REGEX`
 * replaces one), the users CSV by its content.
 */
export const V4_EXPORT_ITEMS: ReadonlyArray<{ key: string; label: Text; pattern?: RegExp }> = [
  {
    key: 'voicemail',
    label: {
      de: 'a) persönliche Voicemail-Ansagen und Namensaufnahmen',
      en: 'a) personal voicemail greetings and recorded names',
    },
    pattern: /voice|ansage|greeting|mailbox|\.wav$/i,
  },
  {
    key: 'autoattendant',
    label: { de: 'b) AutoAttendant-Konfiguration', en: 'b) AutoAttendant configuration' },
    pattern: /auto.?attendant/i,
  },
  {
    key: 'dynamic-lines',
    label: { de: 'c) Konfiguration "Dynamische Leitungen"', en: 'c) "dynamic lines" configuration' },
    pattern: /dynami/i,
  },
  {
    key: 'pbx',
    label: { de: 'd) TK-Anlagen- und Wählparameter', en: 'd) PBX and dialling parameters' },
    pattern: /pbx|tk.?anlage|w(ae|ä)hlparam|dial/i,
  },
  {
    key: 'users-csv',
    label: {
      de: 'e) XPhone Benutzer als CSV (Text-Connector)',
      en: 'e) XPhone users as CSV (Text-Connector)',
    },
  },
];

export interface V4ExportReport {
  dir: string;
  items: Array<{ key: string; label: Text; found: string[] }>;
  /** The CSV that holds the users (the first one with the required columns), checked. */
  users: { file: string; report: CsvReport } | null;
}

/** Looks through the export folder (three levels deep) for items a–e and checks the users CSV. */
export function checkV4ExportFolder(dir: string, patterns: Record<string, RegExp> = {}): V4ExportReport {
  let paths: string[];
  try {
    paths = walk(dir, 3).map((p) => relative(dir, p));
  } catch (error) {
    throw new XpmError('E_DIAG_PATH', {
      path: dir,
      detail: (error as NodeJS.ErrnoException).code ?? String(error),
    });
  }
  let users: V4ExportReport['users'] = null;
  for (const path of paths.filter((p) => /\.csv$/i.test(p))) {
    const report = checkUsersCsv(join(dir, path), path);
    if (!report.problems.some((p) => p.code === 'CSV_MISSING_COLUMN' || p.code === 'CSV_NO_HEADER')) {
      users = { file: path, report };
      break;
    }
  }
  return {
    dir,
    items: V4_EXPORT_ITEMS.map((item) => {
      const pattern = patterns[item.key] ?? item.pattern;
      const found =
        item.key === 'users-csv' ? (users ? [users.file] : []) : paths.filter((p) => pattern?.test(p));
      return { key: item.key, label: item.label, found };
    }),
    users,
  };
}

/** Non-empty files and folders below `dir`. */
function walk(dir: string, depth: number): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = depth > 1 ? walk(full, depth - 1) : [];
      if (inner.length > 0 || readdirSync(full).length > 0) out.push(full, ...inner);
    } else if (entry.isFile() && statSync(full).size > 0) out.push(full);
  }
  return out;
}
