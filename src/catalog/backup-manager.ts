import type { Text } from '../i18n/index.js';
import type { Condition, EvidenceField, GuideRef, StepDef } from './step.js';

/** The guide's "Tipp: Meldungen im Logfile des Backup-Managers beachten!" (row 12). */
const LOG_TIP_SOURCE = { section: 'UMZUGSPLAN AUSFÜHREN', item: '12' };

/** The evidence that names a file (the Backup-Manager's log and backup), whichever step it is given to. */
export const FILE_EVIDENCE_KEYS: readonly string[] = ['log', 'file'];

const LOG_FIELD: Omit<EvidenceField, 'backupManager'> = {
  key: 'log',
  label: { de: 'Logdatei des Backup-Managers', en: "The Backup-Manager's log file" },
  hint: {
    de: 'voller Pfad der Logdatei (ihr Ordner steht im Kopf des Backup-Managers)',
    en: "full path of the log file (its folder is shown in the Backup-Manager's header)",
  },
};

const FILE_FIELD: Omit<EvidenceField, 'backupManager'> = {
  key: 'file',
  label: { de: 'Backup-Datei des Backup-Managers', en: "The Backup-Manager's backup file" },
  hint: { de: 'voller Pfad der Backup-Datei', en: 'full path of the backup file' },
};

/**
 * A backup or restore with the Backup-Manager, as the guide has it: the operator runs it (it is
 * interactive), names what it left, and xpmigrate reads the log with diagnose's catalog. The
 * check is xpmigrate's, following the guide's tip to mind the log.
 */
export function backupManagerSteps(o: {
  id: string;
  operation: 'backup' | 'restore';
  row?: string;
  title: Text;
  help: Text;
  source: GuideRef;
  condition?: Condition;
  /** The XPhone server whose Backup-Manager runs (its log is read from where xpmigrate runs). */
  machine: 'old' | 'new';
}): StepDef[] {
  const fields: EvidenceField[] =
    o.operation === 'backup'
      ? [
          { ...FILE_FIELD, backupManager: 'backup' },
          { ...LOG_FIELD, backupManager: 'backup' },
        ]
      : [{ ...LOG_FIELD, backupManager: 'restore' }];
  const gate = o.condition ? { condition: o.condition } : {};
  const row = o.row ? { row: o.row } : {};
  return [
    {
      id: o.id,
      ...row,
      kind: 'manual',
      machine: o.machine,
      recovery: 'ask',
      ...gate,
      title: o.title,
      help: o.help,
      source: o.source,
      evidence: fields,
    },
    {
      id: `${o.id}-log`,
      ...row,
      kind: 'check',
      machine: o.machine,
      effect: { name: 'backup-manager.check-log', input: { stepId: o.id, operation: o.operation } },
      recovery: 'rerun',
      ...gate,
      title: {
        de: 'Logdatei des Backup-Managers prüfen',
        en: "Check the Backup-Manager's log",
      },
      help: {
        de: `xpmigrate ergänzt diese Prüfung nach dem Tipp des Leitfadens „Meldungen im Logfile des Backup-Managers beachten!“: sie liest die Einträge, die seit dem vorigen Schritt geschrieben wurden, mit der Fehlerliste von „xpmigrate diagnose“${o.operation === 'backup' ? ' und prüft, dass die Backup-Datei da und nicht leer ist' : ''}. Ein Fehler hält den Lauf mit Ursache und Abhilfe an.`,
        en: `xpmigrate adds this check after the guide's tip "mind the messages in the Backup-Manager's log": it reads the entries written since the previous step with the problem list of "xpmigrate diagnose"${o.operation === 'backup' ? ' and checks that the backup file is there and not empty' : ''}. An error stops the run with its cause and remedy.`,
      },
      source: LOG_TIP_SOURCE,
    },
  ];
}
