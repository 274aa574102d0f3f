import type { Text } from '../i18n/index.js';

/** Titles of the phases a plan is made of. */
export const PHASE_TITLES = {
  v4v9: { de: 'Migration V4 → V9 (Migrations-Manager)', en: 'Migration V4 → V9 (Migrations-Manager)' },
  hopsPrepare: { de: 'Vorbereitung der Updates bis V8', en: 'Preparing the updates to V8' },
  hop: { de: 'Update V{from} → V{to}', en: 'Update V{from} → V{to}' },
  v8v9: { de: 'Umzug V8/V9 → V9, Plan {plan}', en: 'Move V8/V9 → V9, plan {plan}' },
  hopsCleanup: { de: 'Aufräumen', en: 'Clean-up' },
  sqlExpress: { de: 'SQL Express Update auf 2019', en: 'SQL Express upgrade to 2019' },
  dbScript: { de: 'Datenbank-Umzug mit SQL Scripts', en: 'Database move with SQL scripts' },
} as const satisfies Record<string, Text>;
