import type { Text } from '../i18n/index.js';
import { GUIDE_LINKS } from './links.js';
import { type StepDef, versionEvidence } from './step.js';
import { LATEST_V4 } from './versions.js';

const SECTION = 'UMZUG VON V4 NACH V9';

/** The five things the V4 Migrations-Manager exports (guide, V4 point 6 a–e). */
export const V4_EXPORT_ITEMS: ReadonlyArray<{ item: 'a' | 'b' | 'c' | 'd' | 'e'; key: string; text: Text }> =
  [
    {
      item: 'a',
      key: 'voicemail',
      text: {
        de: 'Persönliche Voicemail-Ansagen der Benutzer sowie deren aufgesprochene Namen',
        en: "Users' personal voicemail greetings and their recorded names",
      },
    },
    {
      item: 'b',
      key: 'autoattendant',
      text: { de: 'Konfiguration der AutoAttendants', en: 'AutoAttendant configuration' },
    },
    {
      item: 'c',
      key: 'dynamic-lines',
      text: { de: 'Konfiguration von „Dynamischen Leitungen“', en: 'Configuration of "dynamic lines"' },
    },
    {
      item: 'd',
      key: 'pbx',
      text: {
        de: 'Konfiguration von PBX und Wahlparametern',
        en: 'PBX and dialling parameter configuration',
      },
    },
    {
      item: 'e',
      key: 'users-csv',
      text: {
        de: 'XPhone Benutzer als CSV Export zum Import per Text-Konnektor im V9 System',
        en: 'XPhone users as a CSV export for import with the Text-Connector on V9',
      },
    },
  ];

const exportStepId = (item: string, key: string) => `v4v9.6${item}.export-${key}`;

const exportSteps: StepDef[] = V4_EXPORT_ITEMS.map(({ item, key, text }) => ({
  id: exportStepId(item, key),
  row: `6${item}`,
  kind: 'manual',
  machine: 'old',
  recovery: 'ask',
  // "Mit Hilfe des V4 Migrations-Managers lassen sich folgende Konfigurationsdaten … übernehmen": each as needed.
  optional: 'asNeeded',
  title: {
    de: `Migrations-Manager: ${text.de} exportieren`,
    en: `Migrations-Manager: export ${lowerFirst(text.en)}`,
  },
  help: {
    de: `Mit dem V4 Migrations-Manager exportieren: ${text.de}. Den Export in den gemeinsamen Export-Ordner legen.`,
    en: `Export with the V4 Migrations-Manager: ${text.en}. Put the export into the common export folder.`,
  },
  source: { section: SECTION, item: `6${item}` },
}));

/**
 * The guide's points in the order they are done: on the V4 server the update, the Migrations-Manager,
 * the agreement on the data loss and the exports (points 1, 2, 5, 6); then on the new machine
 * (point 4) the check that no V4 is there (point 3), V9 and the import (point 7).
 */
export const V4V9_STEPS: StepDef[] = [
  {
    id: 'v4v9.1.update-latest-v4',
    row: '1',
    kind: 'manual',
    machine: 'old',
    recovery: 'ask',
    condition: 'notLatestV4',
    title: {
      de: `Auf die letzte V4 Version ${LATEST_V4.label} aktualisieren`,
      en: `Update to the last V4 release ${LATEST_V4.label}`,
    },
    help: {
      de: `Zunächst auf die letzte V4 Version ${LATEST_V4.label} aktualisieren. Den Download-Link gibt es bei Bedarf vom C4B Support.`,
      en: `First update to the last V4 release ${LATEST_V4.label}. C4B support provides the download link if needed.`,
    },
    source: { section: SECTION, item: '1' },
    evidence: [
      {
        key: 'version',
        label: { de: 'Installierte V4 Version', en: 'Installed V4 version' },
        pattern: '^4\\.5\\.35\\s*SR\\s*5$',
        hint: { de: `genau ${LATEST_V4.label}`, en: `exactly ${LATEST_V4.label}` },
        version: true,
      },
    ],
  },
  {
    id: 'v4v9.2.update-migrations-manager',
    row: '2',
    kind: 'manual',
    machine: 'old',
    recovery: 'ask',
    title: {
      de: 'V4 Migrations-Manager auf die aktuelle Version aktualisieren',
      en: 'Update the V4 Migrations-Manager to its current version',
    },
    help: {
      de: 'Den V4 Migrations-Manager auf die aktuelle Version aktualisieren. Den Download-Link gibt es bei Bedarf vom C4B Support.',
      en: 'Update the V4 Migrations-Manager to its current version. C4B support provides the download link if needed.',
    },
    source: { section: SECTION, item: '2' },
  },
  {
    id: 'v4v9.5.accept-data-loss',
    row: '5',
    kind: 'manual',
    machine: 'operator',
    recovery: 'ask',
    title: {
      de: 'Bestätigen: Journal-Daten gehen komplett verloren, Konfiguration nicht 1:1',
      en: 'Confirm: journal data is lost completely, configuration not 1:1',
    },
    help: {
      de: 'Aufgrund der geänderten Datenbank-Struktur können die V4 Konfigurations- und Journaldaten nicht 1:1 nach V9 übernommen werden. Journal-Daten gehen beim Update auf V9 komplett verloren. Bitte mit dem Kunden abstimmen und bestätigen.',
      en: 'Because the database structure changed, V4 configuration and journal data cannot be taken over 1:1 to V9. Journal data is lost completely. Agree this with the customer and confirm.',
    },
    source: { section: SECTION, item: '5' },
    evidence: [{ key: 'acceptedBy', label: { de: 'Abgestimmt mit (Name)', en: 'Agreed with (name)' } }],
  },
  ...exportSteps,
  {
    id: 'v4v9.6.check-exports',
    row: '6',
    kind: 'check',
    machine: 'old',
    effect: {
      name: 'v4.check-exports',
      input: {
        exportSteps: Object.fromEntries(
          V4_EXPORT_ITEMS.map(({ item, key }) => [key, exportStepId(item, key)]),
        ),
      },
    },
    recovery: 'rerun',
    title: {
      de: 'Export-Ordner prüfen (exportierte Punkte vorhanden, Benutzer-CSV gültig)',
      en: 'Check the export folder (exported items present, users CSV valid)',
    },
    help: {
      de: 'Prüft, dass der Export-Ordner des Migrations-Managers jeden Punkt a–e enthält, dessen Export bestätigt wurde (übersprungene Punkte werden nicht verlangt), und dass eine Benutzer-CSV für den V9 Text-Konnektor gültig ist.',
      en: "Checks that the Migrations-Manager's export folder holds every item a–e whose export was confirmed (skipped items are not asked for), and that a users CSV is valid for the V9 Text-Connector.",
    },
    source: { section: SECTION, item: '6' },
  },
  {
    id: 'v4v9.4.new-machine',
    row: '4',
    kind: 'manual',
    machine: 'operator',
    recovery: 'ask',
    title: {
      de: 'Neuen Rechner für die V9 Installation aufsetzen',
      en: 'Set up a new machine for the V9 installation',
    },
    help: {
      de: 'Empfehlung: einen neuen Rechner für die V9 Installation aufsetzen (aktuelles Windows Server, z.B. 2022). Für einen Lizenz-Upgrade V4 → V9 wird die MAC-Adresse des alten Servers verwendet. Der nächste Schritt übergibt den Lauf an diesen Rechner.',
      en: "Recommended: set up a new machine for V9 (current Windows Server, e.g. 2022). A V4 → V9 licence upgrade uses the old server's MAC address. The next step hands the run over to this machine.",
    },
    source: { section: SECTION, item: '4' },
  },
  {
    id: 'v4v9.3.no-in-place',
    row: '3',
    kind: 'check',
    machine: 'new',
    effect: { name: 'windows.check-no-v4-on-target', input: {} },
    recovery: 'rerun',
    title: {
      de: 'Kein In-Place-Update und keine parallele Installation von V4 und V9 auf demselben Rechner',
      en: 'No in-place update and no V4 and V9 side by side on one machine',
    },
    help: {
      de: 'Ein direktes In-Place-Update auf V9 wird nicht unterstützt, ebenso wenig eine parallele Installation von V4 und V9 auf demselben Rechner. Die Prüfung läuft auf dem neuen Rechner (nach Punkt 4) und stellt sicher, dass dort keine V4 installiert ist.',
      en: 'A direct in-place update to V9 is not supported, nor are V4 and V9 side by side on one machine. The check runs on the new machine (after point 4) and makes sure no V4 is installed there.',
    },
    source: { section: SECTION, item: '3' },
  },
  {
    id: 'v4v9.7.install-v9',
    row: '7',
    kind: 'manual',
    machine: 'new',
    recovery: 'ask',
    title: {
      de: 'XPhone Connect V9 auf dem neuen Rechner installieren',
      en: 'Install XPhone Connect V9 on the new machine',
    },
    help: {
      de: 'XPhone Connect V9 gemäß der XPhone Connect Dokumentation auf dem neuen Rechner installieren.',
      en: 'Install XPhone Connect V9 on the new machine as described in the XPhone Connect documentation.',
    },
    source: { section: SECTION, item: '7', link: GUIDE_LINKS.v4Documentation },
    evidence: [versionEvidence(9, { de: 'Installierte Version', en: 'Installed version' })],
  },
  {
    id: 'v4v9.7.import',
    row: '7',
    kind: 'manual',
    machine: 'new',
    recovery: 'ask',
    title: { de: 'Exporte in V9 importieren', en: 'Import the exports into V9' },
    help: {
      de: 'Die Exporte gemäß XPhone Connect Dokumentation importieren: Benutzer per Text-Konnektor (CSV), Voicemail-Ansagen und Namen, AutoAttendants, Dynamische Leitungen, PBX und Wahlparameter.',
      en: 'Import the exports as the XPhone Connect documentation describes: users with the Text-Connector (CSV), voicemail greetings and names, AutoAttendants, dynamic lines, PBX and dialling parameters.',
    },
    source: { section: SECTION, item: '7', link: GUIDE_LINKS.v4Documentation },
  },
];

/** "Personal greetings" → "personal greetings"; a name or an acronym ("PBX", "XPhone") stays. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) && !/^XPhone/.test(text)
    ? text.charAt(0).toLowerCase() + text.slice(1)
    : text;
}
