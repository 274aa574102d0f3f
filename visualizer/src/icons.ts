/** A step's state as one character, beside its title in the checklist and on the map. */
export const STEP_ICON: Readonly<Record<string, string>> = {
  done: '✓',
  running: '▶',
  waiting: '?',
  failed: '✗',
  skipped: '↷',
  forced: '⚠',
  'not-needed': '–',
  pending: '○',
};
