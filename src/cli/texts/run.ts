import type { Text } from '../../i18n/index.js';

/** `start`, `resume`, the operator commands, `status`, `history`, `runs`, `sim`. */
export const RUN = {
  cmdStart: {
    de: 'einen Lauf beginnen (mit --simulate als Probe gegen einen simulierten Server)',
    en: 'start a run (with --simulate: a rehearsal against a simulated server)',
  },
  cmdResume: {
    de: 'einen Lauf fortsetzen (nach Neustart, Abbruch, Bestätigung)',
    en: 'resume a run (after a reboot, a kill, a confirmation)',
  },
  cmdStatus: { de: 'zeigen, wo ein Lauf steht', en: 'show where a run stands' },
  cmdConfirm: {
    de: 'einen manuellen Schritt bestätigen (auch: fehlgeschlagenen Schritt als erledigt markieren)',
    en: 'confirm a manual step (also: mark a failed step as done)',
  },
  cmdSkip: {
    de: 'einen Schritt überspringen (Pflicht-Schritte nur mit --force)',
    en: 'skip a step (required steps only with --force)',
  },
  cmdRetry: { de: 'den fehlgeschlagenen Schritt wiederholen', en: 'retry the failed step' },
  cmdAbort: { de: 'den Lauf abbrechen', en: 'abort the run' },
  cmdUnlock: {
    de: 'die Sperre eines Laufs freigeben, deren Prozess auf einem anderen Rechnernamen lief (Server umbenannt, Speicher kopiert) oder beendet ist; wird im Journal vermerkt',
    en: "release a run's lock whose process ran under another host name (server renamed, store copied) or is gone; journaled",
  },
  unlockDone: {
    de: 'Sperre von Lauf {run} freigegeben (Prozess {pid} auf {host}, seit {since}). Weiter mit: xpmigrate resume --run {run}',
    en: 'Released the lock of run {run} (process {pid} on {host}, since {since}). Go on with: xpmigrate resume --run {run}',
  },
  whichRun: {
    de: '! {count} Läufe sind nicht beendet; dieser Befehl gilt dem neuesten, {run}. Die anderen: {others} – einen mit --run ID wählen.',
    en: '! {count} runs have not ended; this command acts on the newest, {run}. The others: {others} – choose one with --run ID.',
  },
  unlockNone: { de: 'Lauf {run} ist nicht gesperrt.', en: 'Run {run} is not locked.' },
  cmdHistory: { de: 'das Journal eines Laufs zeigen', en: "show a run's journal" },
  cmdRuns: { de: 'alle Läufe im Zustandsspeicher zeigen', en: 'list the runs in the state store' },
  rehearsalWord: { de: 'Probe', en: 'rehearsal' },
  lockHeld: {
    de: 'gesperrt: Prozess {pid} auf {host} seit {since}',
    en: 'locked: pid {pid} on {host} since {since}',
  },
  cmdSim: {
    de: 'die simulierten Rechner zeigen (alter und neuer XPhone Server, SQL Server, effects); --do erledigt den wartenden manuellen Schritt, --machine geht mit dem Zustandsspeicher auf einen anderen Rechner',
    en: 'show the simulated machines (old and new XPhone server, SQL Servers, effects); --do carries out the waiting manual step, --machine goes to another machine with the state store',
  },
  optSimDo: {
    de: 'Probe: tun, was die Bedienerin oder der Bediener beim wartenden manuellen Schritt tut (z. B. das V6 Setup ausführen), auf dem simulierten Server; bestätigen bleibt eigene Sache',
    en: 'rehearsal: do what the operator does at the waiting manual step (e.g. run the V6 setup) on the simulated server; confirming stays yours',
  },
  optSimMachine: {
    de: 'Probe: mit dem Zustandsspeicher auf diesen simulierten Rechner gehen (OLDXPHONE, NEWXPHONE), wie bei einer Übergabe',
    en: 'rehearsal: go with the state store to this simulated machine (OLDXPHONE, NEWXPHONE), as at a hand-over',
  },
  statusWhere: { de: 'auf: {where}', en: 'on: {where}' },
  statusPaused: {
    de: 'Kein Prozess führt den Lauf: er geht erst mit „xpmigrate resume“ (oder „Fortsetzen“ auf der Seite) weiter.',
    en: 'No process drives the run: it goes on only with "xpmigrate resume" (or "Resume" on the page).',
  },
  simHere: { de: 'xpmigrate läuft hier', en: 'xpmigrate runs here' },
  simDid: { de: 'Auf dem Probe-Server erledigt: {step}', en: 'Done on the rehearsal server: {step}' },
  simInstalled: { de: 'Installierte Version jetzt: {version}', en: 'Installed version now: {version}' },
  simNext: { de: 'Jetzt bestätigen: {command}', en: 'Now confirm: {command}' },
  optSimulate: {
    de: 'Probe gegen einen simulierten XPhone Server',
    en: 'rehearse against a simulated XPhone server',
  },
  optAutoConfirm: {
    de: 'nur mit --simulate: manuelle Schritte automatisch bestätigen',
    en: 'with --simulate only: answer manual steps automatically',
  },
  optHealthTimeout: {
    de: 'Sekunden, die nach einem Neustart auf den Server gewartet wird',
    en: 'seconds to wait for the server after a reboot',
  },
  optRetryEvidence: {
    de: 'Angabe für den neuen Versuch key=value, z.B. replace=XPDATA,XPVDIR (mehrfach möglich)',
    en: 'input for the new attempt key=value, e.g. replace=XPDATA,XPVDIR (repeatable)',
  },
  optEvidence: { de: 'Nachweis key=value (mehrfach möglich)', en: 'evidence key=value (repeatable)' },
  optReason: { de: 'Begründung', en: 'reason' },
  optConfirmReason: {
    de: 'Begründung; nötig, wenn der Schritt fehlgeschlagen ist: dann heißt confirm „als erledigt markieren, ohne dass er lief“ (z.B. von Hand erledigt)',
    en: 'reason; needed when the step failed: confirm then means "mark done without it having run" (e.g. done by hand)',
  },
  optForce: { de: 'auch einen Pflicht-Schritt überspringen', en: 'skip even a required step' },
  optSimVersion: {
    de: 'installierte Version des simulierten Servers (Standard: --from)',
    en: 'installed version of the simulated server (default: --from)',
  },
  optSnapshots: {
    de: 'wer die VM-Snapshots anlegt: hyperv, vmware (govc) oder manual (Standard: manual; mit --simulate die simulierte VM)',
    en: 'who takes the VM snapshots: hyperv, vmware (govc) or manual (default: manual; with --simulate the simulated VM)',
  },
  optVm: {
    de: 'Name der XPhone-VM in Hyper-V bzw. vCenter',
    en: 'the XPhone VM as Hyper-V or vCenter names it',
  },
  optHypervHost: {
    de: 'der Hyper-V-Host, wenn es nicht dieser Rechner ist (PowerShell-Remoting)',
    en: 'the Hyper-V host when it is not this machine (PowerShell remoting)',
  },
  optReboot: {
    de: 'Neustart: auto (xpmigrate startet neu) oder operator (der Mensch startet neu)',
    en: 'reboot: auto (xpmigrate restarts the server) or operator (a person restarts it)',
  },
  optJournalMirror: {
    de: 'Ordner außerhalb der VM, in den jeder Checkpoint gespiegelt wird (erkennt einen mit der VM zurückgesetzten Zustandsspeicher)',
    en: 'folder outside the VM where every checkpoint is mirrored (notices a store reverted with the VM)',
  },
  optMediaDir: {
    de: 'Installationsmedium (für die BAT-Skripte des SQL-Express-Upgrades)',
    en: 'installation medium (for the SQL Express upgrade BAT scripts)',
  },
  optStoreOutsideVm: {
    de: 'Probe: der Zustandsspeicher liegt außerhalb der simulierten VM (ein Rollback setzt ihn nicht zurück)',
    en: 'rehearsal: the store lives outside the simulated VM (a rollback does not revert it)',
  },
  optScriptDir: {
    de: 'DB-Umzug mit SQL Scripts: Ordner der Scripts (<Datenbank>.sql; Standard: scripts neben dem Zustandsspeicher)',
    en: 'database move with SQL scripts: folder of the scripts (<database>.sql; default: scripts beside the state store)',
  },
  optScriptTarget: {
    de: 'DB-Umzug mit SQL Scripts: SQL Server Version der Scripts (2014, 2016, 2017, 2019, 2022; Standard: die des Ziel-Servers)',
    en: "database move with SQL scripts: the scripts' SQL Server version (2014, 2016, 2017, 2019, 2022; default: the target server's)",
  },
  optV4ExportDir: {
    de: 'V4 → V9: Export-Ordner des Migrations-Managers, den xpmigrate selbst prüft',
    en: "V4 → V9: the Migrations-Manager's export folder, checked by xpmigrate itself",
  },
  queued: {
    de: 'Befehl gespeichert; Prozess {pid} auf {host} führt den Lauf und übernimmt ihn.',
    en: 'Command queued; process {pid} on {host} holds the run and will take it.',
  },
  optNewRun: {
    de: 'einen weiteren Lauf beginnen, obwohl im Speicher ein Lauf nicht beendet ist',
    en: 'start another run although a run in the store has not ended',
  },
  optAfterLoss: {
    de: 'bewusst neu beginnen, obwohl der Speicher den Lauf verloren hat, den er begonnen hatte (E_STORE_LOST)',
    en: 'start over on purpose although the store has lost the run it began (E_STORE_LOST)',
  },
  optAfterReboot: {
    de: 'nur den Neustart abschließen (Server gesund) und dann anhalten: so startet die Startaufgabe',
    en: 'only complete the reboot (server healthy), then stop: how the startup task runs',
  },
  optLog: {
    de: 'Ausgabe und Fehler zusätzlich mit Zeit in diese Datei schreiben (angehängt)',
    en: 'also write output and errors with their time to this file (appended)',
  },
} as const satisfies Record<string, Text>;
