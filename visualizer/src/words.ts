/**
 * Words the page and the program share: the languages, and what a step's status is called. The
 * CLI, the report and the page all say a status with these words (src/i18n re-exports them).
 */
export const LANGS = ['de', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * What a run's status is called in the CLI and the report (the store's RunStatus values). The page
 * speaks to the operator at the screen and has its own words for them ("wartet auf Sie", texts.ts).
 */
export const RUN_STATUS_TEXT: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
  running: { de: 'läuft', en: 'running' },
  paused: { de: 'angehalten – Fortsetzen nötig', en: 'paused – resume needed' },
  'waiting-operator': { de: 'wartet auf Bestätigung', en: 'waiting for the operator' },
  'waiting-reboot': { de: 'wartet auf den Neustart', en: 'waiting for the reboot' },
  failed: { de: 'fehlgeschlagen', en: 'failed' },
  done: { de: 'abgeschlossen', en: 'finished' },
  aborted: { de: 'abgebrochen', en: 'aborted' },
};

/** `forced`: a required step skipped with --force: not done, and never drawn like a harmless skip. */
export type StepState =
  | 'done'
  | 'running'
  | 'waiting'
  | 'failed'
  | 'skipped'
  | 'forced'
  | 'not-needed'
  | 'pending';

export const STEP_STATE_TEXT: Readonly<Record<StepState, Readonly<Record<Lang, string>>>> = {
  done: { de: 'erledigt', en: 'done' },
  running: { de: 'läuft', en: 'running' },
  waiting: { de: 'wartet', en: 'waiting' },
  failed: { de: 'fehlgeschlagen', en: 'failed' },
  skipped: { de: 'übersprungen', en: 'skipped' },
  forced: { de: 'Pflichtschritt übersprungen', en: 'required step skipped' },
  'not-needed': { de: 'nicht nötig', en: 'not needed' },
  pending: { de: 'offen', en: 'to do' },
};

/** What each kind of journal entry is called (the store's closed list, JOURNAL_KINDS). */
export const JOURNAL_KIND_TEXT: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
  'run-started': { de: 'Lauf begonnen', en: 'run started' },
  'step-started': { de: 'Schritt begonnen', en: 'step started' },
  'step-done': { de: 'Schritt erledigt', en: 'step done' },
  'step-failed': { de: 'Schritt fehlgeschlagen', en: 'step failed' },
  progress: { de: 'Fortschritt', en: 'progress' },
  recovered: { de: 'nach Abbruch geklärt', en: 'recovered after a stop' },
  rebooted: { de: 'neu gestartet', en: 'rebooted' },
  'operator-confirm': { de: 'bestätigt', en: 'confirmed' },
  'operator-skip': { de: 'übersprungen', en: 'skipped' },
  'operator-retry': { de: 'wiederholt', en: 'retried' },
  'operator-abort': { de: 'abgebrochen', en: 'aborted' },
  'command-refused': { de: 'Befehl abgelehnt', en: 'command refused' },
  'command-duplicate': { de: 'Befehl schon erledigt', en: 'command already done' },
  'machine-changed': { de: 'Ablauf geändert', en: 'machine changed' },
  'mirror-failed': { de: 'Journal-Spiegel fehlgeschlagen', en: 'journal mirror failed' },
  'rollback-requested': { de: 'Rollback angefordert', en: 'rollback requested' },
  rollback: { de: 'zurückgerollt', en: 'rolled back' },
  'rollback-detected': { de: 'Rollback erkannt', en: 'rollback detected' },
  'rollback-failed': { de: 'Rollback fehlgeschlagen', en: 'rollback failed' },
  'snapshot-removed': { de: 'Snapshot gelöscht', en: 'snapshot removed' },
  'lock-released': { de: 'Sperre freigegeben', en: 'lock released' },
  'machine-taken-over': {
    de: 'Lauf auf anderem Rechner übernommen',
    en: 'run taken over on another machine',
  },
  'run-ended': { de: 'Lauf beendet', en: 'run ended' },
};
