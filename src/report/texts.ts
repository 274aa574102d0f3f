import { STEP_STATE_TEXT, type Text } from '../i18n/index.js';

/** The report's headings and labels, in German and English. */
export const R = {
  title: { de: 'Migrationsbericht', en: 'Migration report' },
  run: { de: 'Lauf', en: 'Run' },
  path: { de: 'Weg', en: 'Path' },
  plan: { de: 'Umzugsplan', en: 'plan' },
  status: { de: 'Stand', en: 'Status' },
  started: { de: 'Begonnen', en: 'Started' },
  updated: { de: 'Zuletzt', en: 'Last change' },
  rehearsal: { de: 'Probe gegen einen simulierten Server', en: 'Rehearsal against a simulated server' },
  versions: { de: 'Versionen', en: 'Versions' },
  before: { de: 'vorher', en: 'before' },
  steps: { de: 'Schritte', en: 'Steps' },
  step: { de: 'Schritt', en: 'Step' },
  by: { de: 'von', en: 'by' },
  when: { de: 'wann', en: 'when' },
  evidence: { de: 'Nachweis', en: 'Evidence' },
  attempts: { de: 'Versuche', en: 'Attempts' },
  duration: { de: 'Dauer', en: 'Duration' },
  failures: { de: 'Fehler', en: 'Failures' },
  snapshots: { de: 'Snapshots', en: 'Snapshots' },
  removed: { de: 'entfernt', en: 'removed' },
  rollbacks: { de: 'Rollbacks', en: 'Rollbacks' },
  warnings: { de: 'Warnungen', en: 'Warnings' },
  none: { de: 'keine', en: 'none' },
  ...STEP_STATE_TEXT,
} as const satisfies Record<string, Text>;
