import type { Lang, StepState } from './protocol.js';
import { STEP_STATE_TEXT } from './words.js';

/** The page's own words, in both languages (the run's texts come from the server already translated). */
const TEXTS = {
  connecting: { de: 'verbinde …', en: 'connecting …' },
  connected: { de: 'live', en: 'live' },
  disconnected: {
    de: 'Verbindung getrennt – neuer Versuch … (Anzeige womöglich veraltet, keine Aktionen)',
    en: 'disconnected – retrying … (what you see may be old; no actions)',
  },
  restarted: {
    de: 'xpmigrate ui wurde neu gestartet: die Adresse öffnen, die es ausgegeben hat (neues Token)',
    en: 'xpmigrate ui was restarted: open the address it printed (a new token)',
  },
  notifyOff: { de: 'Benachrichtigen', en: 'Notify me' },
  notifyOn: { de: 'Benachrichtigung an', en: 'Notifications on' },
  notifyOffHint: {
    de: 'Eine Browser-Benachrichtigung, sobald der Lauf auf Sie wartet, fehlschlägt oder fertig ist',
    en: 'A browser notification when the run waits for you, fails or finishes',
  },
  notifyOnHint: { de: 'Klicken schaltet die Benachrichtigungen aus', en: 'Click to turn notifications off' },
  notifyDenied: {
    de: 'Der Browser hat Benachrichtigungen für diese Seite gesperrt (in den Seiteneinstellungen erlauben)',
    en: 'The browser blocks notifications for this page (allow them in its site settings)',
  },
  notifyUnavailable: {
    de: 'Benachrichtigungen gibt es nur unter http://127.0.0.1 oder localhost, nicht unter einer anderen Adresse',
    en: 'Notifications work only at http://127.0.0.1 or localhost, not at another address',
  },
  checklist: { de: 'Checkliste', en: 'Checklist' },
  snapshots: { de: 'Snapshots', en: 'Snapshots' },
  journal: { de: 'Journal', en: 'Journal' },
  noSnapshots: { de: 'keine', en: 'none' },
  fit: { de: 'Einpassen', en: 'Fit' },
  toActive: { de: 'Zum aktiven Schritt', en: 'To the active step' },
  waitingFor: { de: 'Wartet auf Sie', en: 'Waiting for you' },
  failed: { de: 'Fehlgeschlagen', en: 'Failed' },
  remedy: { de: 'Abhilfe', en: 'Remedy' },
  confirm: { de: 'Bestätigen', en: 'Confirm' },
  retry: { de: 'Wiederholen', en: 'Retry' },
  skip: { de: 'Überspringen', en: 'Skip' },
  abort: { de: 'Abbrechen', en: 'Abort' },
  reason: { de: 'Begründung', en: 'Reason' },
  force: { de: 'Pflichtschritt trotzdem überspringen', en: 'Skip this required step anyway' },
  rollback: { de: 'Zurückrollen', en: 'Roll back' },
  cancel: { de: 'Nein, nichts tun', en: 'No, do nothing' },
  rollbackAsk: {
    de: 'Die VM auf den Snapshot „{name}“ zurücksetzen? Alles nach diesem Snapshot geht auf dem Server verloren; das Journal behält es.',
    en: 'Revert the VM to snapshot “{name}”? Everything after this snapshot is lost on the server; the journal keeps it.',
  },
  abortAsk: {
    de: 'Den Lauf endgültig abbrechen? Er kann danach nicht fortgesetzt werden.',
    en: 'Abort the run for good? It cannot be continued afterwards.',
  },
  override: {
    de: 'Als erledigt markieren, ohne dass er lief',
    en: 'Mark done without it having run',
  },
  overrideAsk: {
    de: 'Den fehlgeschlagenen Schritt als erledigt markieren? xpmigrate führt ihn dann nicht mehr aus; das Journal hält Ihre Begründung fest. Nur wenn Sie ihn von Hand erledigt haben.',
    en: 'Mark the failed step done? xpmigrate will not run it again; the journal keeps your reason. Only if you did it by hand.',
  },
  overrideReason: {
    de: 'Bitte zuerst eine Begründung angeben (z.B. „von Hand erledigt“).',
    en: 'Give a reason first (e.g. “done by hand”).',
  },
  yesOverride: { de: 'Ja, als erledigt markieren', en: 'Yes, mark it done' },
  rollbackDoneAsk: {
    de: 'Der Lauf ist fertig. Auf den Snapshot „{name}“ zurückrollen macht die Migration auf dem Server ab diesem Snapshot rückgängig (XPhone steht dann wieder auf dem Stand von damals), und der Lauf setzt dort wieder an. Das Journal behält alles.',
    en: 'The run is finished. Rolling back to snapshot “{name}” undoes the migration on the server from that snapshot on (XPhone is back where it was then), and the run picks up there again. The journal keeps everything.',
  },
  finishedSnapshots: {
    de: 'Der Lauf ist fertig: Zurückrollen macht ihn rückgängig. Nicht mehr gebrauchte Snapshots in der Hypervisor-Verwaltung löschen (xpmigrate snapshots).',
    en: 'The run is finished: rolling back undoes it. Delete snapshots no longer needed in the hypervisor (xpmigrate snapshots).',
  },
  yesRollback: { de: 'Ja, zurückrollen', en: 'Yes, roll back' },
  yesAbort: { de: 'Ja, abbrechen', en: 'Yes, abort' },
  sent: {
    de: '{command} ist angenommen und wird ausgeführt.',
    en: '{command} was accepted and is being carried out.',
  },
  sentHolder: {
    de: '{command} wartet im Eingang; Prozess {pid} auf {host} übernimmt ihn.',
    en: '{command} waits in the inbox; process {pid} on {host} takes it.',
  },
  refused: { de: 'Abgelehnt', en: 'Refused' },
  filterAll: { de: 'alle Einträge', en: 'all entries' },
  filterDecisions: { de: 'Entscheidungen', en: 'decisions' },
  filterProblems: { de: 'Probleme', en: 'problems' },
  filterSteps: { de: 'Schritte', en: 'steps' },
  map: { de: 'Ablauf', en: 'Path' },
  statechart: { de: 'Zustandsdiagramm', en: 'Statechart' },
  abortAnywhere: {
    de: 'Von jedem Schritt aus: „Abbrechen“ beendet den Lauf (xpmigrate abort). Schlägt ein Schritt fehl, steht er hier mit seinem Fehler; wiederholen, überspringen oder als erledigt markieren entscheiden Sie rechts.',
    en: 'From every step: “Abort” ends the run (xpmigrate abort). A step that fails shows its error here; retry, skip or mark it done on the right.',
  },
  rehearsal: { de: 'Probelauf (simuliert)', en: 'rehearsal (simulated)' },
  language: { de: 'Sprache', en: 'Language' },
  stepOf: { de: 'Schritt {n} von {total}', en: 'Step {n} of {total}' },
  nowRuns: { de: 'läuft: {step}', en: 'running: {step}' },
  nowWaits: { de: 'wartet auf Sie: {step}', en: 'waits for you: {step}' },
  nowFailed: { de: 'fehlgeschlagen: {step}', en: 'failed: {step}' },
  nowReboot: { de: 'wartet auf den Neustart', en: 'waits for the reboot' },
  elapsed: {
    de: 'seit {time}, etwa {per} je erledigtem Schritt',
    en: '{time} so far, about {per} per finished step',
  },
  finishedSummary: {
    de: 'Fertig: {done} Schritte in {time}. Bericht: xpmigrate report --out bericht.html · Snapshots aufräumen: xpmigrate snapshots ({n} vorhanden)',
    en: 'Finished: {done} steps in {time}. Report: xpmigrate report --out report.html · clean up snapshots: xpmigrate snapshots ({n} left)',
  },
  example: { de: 'z. B. {value}', en: 'e.g. {value}' },
  notAsAsked: {
    de: 'Nicht wie erbeten: {fields}. Der Hinweis unter dem Feld sagt, was gemeint ist.',
    en: 'Not as asked: {fields}. The hint below the field says what is meant.',
  },
  outcomeWaiting: { de: 'jetzt wartet „{step}“ auf Sie', en: 'now “{step}” waits for you' },
  outcomeFailed: { de: 'fehlgeschlagen: {step} ({code})', en: 'failed: {step} ({code})' },
  outcomeReboot: { de: 'jetzt ist ein Neustart nötig', en: 'now a reboot is needed' },
  outcomeDone: { de: 'der Lauf ist fertig', en: 'the run is finished' },
  outcomeAborted: { de: 'der Lauf ist abgebrochen', en: 'the run is aborted' },
  rebootExplain: {
    de: 'Der Server muss neu starten. Nach dem Neustart setzt die Startaufgabe den Lauf fort; sie prüft, dass der Server wirklich neu gestartet hat und XPhone wieder läuft, und hält vor dem nächsten Schritt an, der Ihre Anmeldung braucht. „Fortsetzen“ tut dasselbe von hier aus.',
    en: 'The server must restart. After the restart the startup task continues the run: it checks that the server really restarted and XPhone runs again, and stops before the next step that needs your login. “Resume” does the same from here.',
  },
  resumeExplain: {
    de: '„Fortsetzen“ führt den Lauf von hier weiter, bis er wieder auf Sie oder einen Neustart wartet.',
    en: '“Resume” drives the run on from here until it waits for you or a reboot again.',
  },
  chartLabel: {
    de: 'Zustandsdiagramm des Laufs; dieselben Schritte stehen als Liste in der Checkliste',
    en: 'State chart of the run; the checklist lists the same steps',
  },
  rolledBack: {
    de: 'Zurückgerollt auf „{name}“ – jetzt „Fortsetzen“.',
    en: 'Rolled back to “{name}” – now “Resume”.',
  },
  manualRevertFirst: {
    de: 'Diesen Snapshot hat der Bediener von Hand angelegt: xpmigrate setzt die VM nicht selbst zurück. Zuerst die VM im Hypervisor auf „{name}“ zurücksetzen (ausgeschaltet), erst danach hier bestätigen.',
    en: 'This snapshot was taken by hand: xpmigrate does not revert the VM itself. First revert the VM to “{name}” in the hypervisor (powered off), only then confirm here.',
  },
  driver: {
    de: 'Prozess {pid} auf {host} führt den Lauf aus (seit {since}).',
    en: 'Process {pid} on {host} drives the run (since {since}).',
  },
  idle: { de: 'Kein Prozess führt den Lauf gerade aus.', en: 'No process is driving the run right now.' },
  resume: { de: 'Fortsetzen', en: 'Resume' },
  attempts: { de: '{n} Versuche', en: '{n} attempts' },
  onMachine: { de: 'auf: {where}', en: 'on: {where}' },
  optional: { de: 'optional', en: 'optional' },
  lastCommand: {
    de: 'Letzter Befehl: {command} {step} – {status}',
    en: 'Last command: {command} {step} – {status}',
  },
} as const;

const STATUS = {
  running: { de: 'läuft', en: 'running' },
  paused: { de: 'angehalten – Fortsetzen nötig', en: 'paused – resume needed' },
  'waiting-operator': { de: 'wartet auf Sie', en: 'waiting for you' },
  'waiting-reboot': { de: 'wartet auf Neustart', en: 'waiting for a reboot' },
  failed: { de: 'Fehler', en: 'failed' },
  done: { de: 'fertig', en: 'done' },
  aborted: { de: 'abgebrochen', en: 'aborted' },
} as const;

export type TextKey = keyof typeof TEXTS;

export function t(lang: Lang, key: TextKey, params: Record<string, string | number> = {}): string {
  return TEXTS[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export const runStatusText = (lang: Lang, status: keyof typeof STATUS) => STATUS[status][lang];
export const stepStateText = (lang: Lang, state: StepState) => STEP_STATE_TEXT[state][lang];
