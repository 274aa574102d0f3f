import type { Text } from '../../i18n/index.js';

/** `report`. */
export const REPORT = {
  cmdReport: {
    de: 'Bericht eines Laufs für den Kunden: Plan, Versionen, jeder Schritt mit Bestätigung, Nachweis und Dauer, Snapshots, Rollbacks',
    en: 'a record of a run for the customer: plan, versions, every step with who confirmed it, evidence and duration, snapshots, rollbacks',
  },
  optReportFormat: { de: 'html, markdown oder json', en: 'html, markdown or json' },
  optReportOut: {
    de: 'in diese Datei schreiben (sonst Standardausgabe)',
    en: 'write to this file (else standard output)',
  },
  reportWritten: { de: 'Bericht geschrieben: {file}', en: 'Report written: {file}' },
} as const satisfies Record<string, Text>;
