import type { Text } from '../i18n/index.js';
import type { DrivingRole } from './machines.js';
import type { GuideRef, StepDef } from './step.js';

/** The step where the run moves from one XPhone server to the other: the same id on every route. */
export const HAND_OVER_ID = 'handover.to-new';

/**
 * Not a row of the guide: the guide changes machine in prose (V4 point 4, plans A–C "auf einem
 * neuen Rechner"); xpmigrate makes it a step. The operator names the machine that takes over;
 * from then on this machine refuses to drive the run, and the named one checks that it is itself.
 * `carry`: what else must travel with the store (the V4 exports).
 */
export function handOverStep(to: DrivingRole, source: GuideRef, carry?: Text): StepDef {
  const extra = { de: carry ? ` ${carry.de}` : '', en: carry ? ` ${carry.en}` : '' };
  return {
    id: HAND_OVER_ID,
    kind: 'manual',
    machine: to === 'new' ? 'old' : 'new',
    handOverTo: to,
    recovery: 'ask',
    title: {
      de: 'Übergabe: ab hier läuft xpmigrate auf dem neuen XPhone Server',
      en: 'Hand-over: from here xpmigrate runs on the new XPhone server',
    },
    help: {
      de: `xpmigrate ergänzt diesen Schritt: die folgenden Schritte geschehen auf dem neuen XPhone Server, also steuert xpmigrate den Lauf dort weiter. Den Computernamen des neuen Rechners angeben (wie „hostname“ ihn zeigt) und bestätigen; danach führt dieser Rechner den Lauf nicht mehr weiter. Dann den Zustandsspeicher (--state, mit seiner Datei „-wal“, falls vorhanden) auf den neuen Rechner kopieren${extra.de} und dort als Administrator „xpmigrate resume --state <Pfad>“ ausführen. xpmigrate prüft dort, dass es der genannte Rechner ist.`,
      en: `xpmigrate adds this step: the following steps happen on the new XPhone server, so xpmigrate drives the run there from now on. Name the new machine's computer name (as "hostname" shows it) and confirm; after that this machine no longer drives the run. Then copy the state store (--state, with its "-wal" file if there is one) to the new machine${extra.en} and run "xpmigrate resume --state <path>" there as an administrator. xpmigrate checks there that it is the machine named.`,
    },
    source,
    evidence: [
      {
        key: 'machine',
        label: { de: 'Computername des neuen XPhone Servers', en: "The new XPhone server's computer name" },
        hint: {
          de: 'wie „hostname“ auf dem neuen Rechner ihn zeigt, z. B. NEWXPHONE',
          en: 'as "hostname" shows it on the new machine, e.g. NEWXPHONE',
        },
        // A NetBIOS name or the full DNS name (compared without its domain).
        pattern: '^[A-Za-z0-9][A-Za-z0-9.-]{0,253}$',
        machineName: to,
      },
    ],
  };
}
