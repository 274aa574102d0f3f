import type { Text } from '../../i18n/index.js';

/** A run's progress lines and what a waiting run asks for. */
export const PROGRESS = {
  rollbackDetected: {
    de: 'Der Zustandsspeicher wurde mit der VM zurückgesetzt (Checkpoint {seq}); {lost} verlorene Einträge aus dem Spiegel ins Journal übernommen.',
    en: 'The store was reverted with the VM (checkpoint {seq}); {lost} lost entries taken from the mirror into the journal.',
  },
  mirrorFailed: {
    de: 'Journal-Spiegel {dir} nicht beschreibbar ({detail}); ein Rollback der VM wird so nicht erkannt.',
    en: 'Journal mirror {dir} could not be written ({detail}); a VM rollback will not be noticed that way.',
  },
  progressFailed: { de: 'FEHLER', en: 'FAILED' },
  progressSkipped: { de: 'übersprungen', en: 'skipped' },
  progressRecovered: {
    de: 'nach Abbruch geklärt ({policy}: {answer})',
    en: 'resolved after interruption ({policy}: {answer})',
  },
  progressRefused: { de: 'abgelehnt: {reason}', en: 'refused: {reason}' },
  progressDuplicate: { de: 'schon erledigt: {reason}', en: 'already handled: {reason}' },
  waitOperator: { de: 'Wartet auf Bestätigung: {step}', en: 'Waiting for an operator: {step}' },
  waitFailed: {
    de: 'Schritt fehlgeschlagen: {step}. xpmigrate retry | skip {id} --reason … | confirm {id} --reason … (als erledigt markieren, ohne dass er lief) | abort',
    en: 'Step failed: {step}. xpmigrate retry | skip {id} --reason … | confirm {id} --reason … (mark done without it having run) | abort',
  },
  waitReboot: {
    de: 'Neustart nötig; nach dem Neustart setzt xpmigrate resume fort.',
    en: 'Reboot needed; after the reboot xpmigrate resume continues.',
  },
  waitConfirmHint: {
    de: 'Bestätigen: xpmigrate confirm {id}{evidence}',
    en: 'Confirm with: xpmigrate confirm {id}{evidence}',
  },
  runDone: { de: 'Lauf {run} abgeschlossen.', en: 'Run {run} finished.' },
  runAborted: { de: 'Lauf {run} abgebrochen.', en: 'Run {run} aborted.' },
  runStarted: { de: 'Lauf {run} begonnen ({steps} Schritte).', en: 'Run {run} started ({steps} steps).' },
  waitHandOver: {
    de: 'Der Server ist zurück. Die Startaufgabe (als SYSTEM, ohne Ihre SQL-Anmeldung und ohne Rechte auf dem Hyper-V-Host) hält hier an, vor: {step}. Als Bediener weiter mit: xpmigrate resume',
    en: 'The server is back. The startup task (as SYSTEM, without your SQL login and without rights on the Hyper-V host) stops here, before: {step}. Continue as the operator: xpmigrate resume',
  },
  tookOver: {
    de: 'Lauf auf {machine} übernommen ({role}); das Journal geht hier weiter.',
    en: 'Run taken over on {machine} ({role}); the journal goes on here.',
  },
  waitElsewhere: {
    de: 'Der Lauf geht auf {machine} weiter ({role}), nicht auf diesem Rechner ({here}). Den Zustandsspeicher (--state, mit seiner Datei „-wal“) dorthin kopieren und dort als Administrator ausführen: xpmigrate resume --state <Pfad>',
    en: 'The run goes on on {machine} ({role}), not on this machine ({here}). Copy the state store (--state, with its "-wal" file) there and run as an administrator there: xpmigrate resume --state <path>',
  },
  waitElsewhereUnnamed: {
    de: 'Dieser Rechner ({here}) ist im Lauf der {hereRole}; der nächste Schritt geschieht auf dem {role}. Dort weiterführen: xpmigrate resume --state <Pfad>',
    en: "This machine ({here}) is the run's {hereRole}; the next step happens on the {role}. Go on there: xpmigrate resume --state <path>",
  },
  waitLooksOld: {
    de: 'Auf {here} ist XPhone {installed} installiert: das ist nicht der neue XPhone Server, auf dem der Lauf weitergeht. Nichts wurde geändert. Den Lauf auf dem neuen Server (XPhone 9 oder noch keines) weiterführen; war bei der Übergabe der falsche Name angegeben, den Lauf auf den Übergabe-Schritt zurückrollen.',
    en: 'XPhone {installed} is installed on {here}: this is not the new XPhone server the run goes on on. Nothing was changed. Go on on the new server (XPhone 9 or none yet); if the hand-over named the wrong machine, roll the run back to the hand-over step.',
  },
} as const satisfies Record<string, Text>;
