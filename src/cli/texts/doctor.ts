import type { Text } from '../../i18n/index.js';

/** `doctor`. */
export const DOCTOR = {
  optDoctorRole: {
    de: 'welcher XPhone Server dieser Rechner im Plan ist: old (der bisherige) oder new (der neue); sonst aus der installierten Version gelesen',
    en: 'which XPhone server this machine is in the plan: old (the existing one) or new; else read from the installed version',
  },
  cmdDoctor: {
    de: 'alle Prüfungen, die der Plan braucht, jetzt ausführen (nur lesend): bestanden / Warnung / Fehler mit Abhilfe',
    en: 'run every read-only check the plan needs now: pass / warn / fail with the remedy',
  },
  doctorSummary: {
    de: '{checks} Prüfungen: {failed} Fehler, {warned} Warnungen.',
    en: '{checks} checks: {failed} failed, {warned} warnings.',
  },
  doctorColumns: { de: 'Status|Prüfung|Ziel|Ergebnis|Abhilfe', en: 'Status|Check|Subject|Result|Remedy' },
} as const satisfies Record<string, Text>;
