import type { Text } from '../i18n/index.js';

/** Why a step applies or not, and why a plan was chosen. `{name}` placeholders are filled later. */
export const REASONS = {
  matrixRequired: { de: 'Plan {plan}: X in Zeile {row}', en: 'plan {plan}: X in row {row}' },
  matrixNotInPlan: { de: 'nicht Teil von Plan {plan}', en: 'not part of plan {plan}' },
  matrixOptional: {
    de: 'Plan {plan}: (X) in Zeile {row}; {criteria}',
    en: 'plan {plan}: (X) in row {row}; {criteria}',
  },
  criteriaAnyTrue: { de: 'zutreffend: {criteria}', en: 'applies: {criteria}' },
  criteriaNoneTrue: {
    de: 'keines der Kriterien trifft zu ({criteria})',
    en: 'none of the criteria applies ({criteria})',
  },
  criteriaOpen: { de: 'nötig wenn: {criteria}', en: 'needed if: {criteria}' },
  criteriaAdvice: { de: '{criteria}', en: '{criteria}' },
  always: { de: 'Pflicht laut Leitfaden', en: 'required by the guide' },
  handOver: {
    de: 'xpmigrate: die nächsten Schritte geschehen auf dem neuen Rechner',
    en: 'xpmigrate: the next steps happen on the new machine',
  },
  recommended: { de: 'Empfehlung des Leitfadens', en: 'recommended by the guide' },
  asNeeded: {
    de: 'je nach Bedarf (Leitfaden: „lassen sich übernehmen“)',
    en: 'as needed (the guide: "can be taken over")',
  },
  may: {
    de: 'freigestellt (Leitfaden: „kann … gelöscht werden“)',
    en: 'up to you (the guide: "can be deleted")',
  },
  virtualYes: { de: 'virtuelle Maschine', en: 'virtual machine' },
  virtualNo: { de: 'physischer Rechner: keine Snapshots', en: 'physical machine: no snapshots' },
  virtualUnknown: {
    de: 'nur bei einer virtuellen Maschine (--virtual)',
    en: 'only on a virtual machine (--virtual)',
  },
  analyticsYes: { de: 'Analytics ist installiert', en: 'Analytics is installed' },
  analyticsNo: { de: 'Analytics ist nicht installiert', en: 'Analytics is not installed' },
  analyticsUnknown: {
    de: 'nur wenn Analytics installiert ist (--analytics)',
    en: 'only if Analytics is installed (--analytics)',
  },
  littleDowntimeYes: { de: 'wenig Unterbrechung gewünscht', en: 'little downtime wanted' },
  littleDowntimeNo: {
    de: 'nur für wenig Unterbrechung (--little-downtime)',
    en: 'only for little downtime (--little-downtime)',
  },
  v4Latest: { de: 'bereits {latest}', en: 'already {latest}' },
  v4NotLatest: { de: '{from} ist älter als {latest}', en: '{from} is older than {latest}' },
  v4Unknown: {
    de: '{from} ist keine bekannte V4 Version (die letzte ist {latest}): Version prüfen',
    en: '{from} is not a known V4 release (the last is {latest}): check the version',
  },
  v4Unclear: {
    de: 'genaue Version unbekannt: sicherstellen, dass {latest} installiert ist',
    en: 'exact version unknown: make sure {latest} is installed',
  },
  newMachine: { de: 'Umzug auf einen neuen Rechner', en: 'move to a new machine' },
  sameMachineStops: {
    de: 'Plan D: der XPhone Server stoppt in Zeile 8; der Restore braucht den Stand von da',
    en: 'plan D: the XPhone server stops at row 8; the restore needs what it held then',
  },
  sameMachine: { de: 'der XPhone Server bleibt, wo er ist', en: 'the XPhone Server stays where it is' },
  serviceAccountGiven: { de: 'Dienste-Account {account} angegeben', en: 'service account {account} given' },
  // Plan choice
  planChosen: { de: 'mit {flag} gewählt', en: 'chosen with {flag}' },
  planOnlyDatabases: {
    de: 'nur die Datenbanken ziehen auf einen vorhandenen SQL Server um',
    en: 'only the databases move to an existing SQL Server',
  },
  planSeparate: { de: 'SQL Server auf einer eigenen Maschine', en: 'SQL Server on its own machine' },
  planManyUsers: {
    de: '{users} Benutzer: Plan B ist laut Leitfaden für > {limit} Benutzer',
    en: '{users} users: the guide gives plan B for > {limit} users',
  },
  planExistingSeparate: {
    de: 'vorhandener SQL Server, der XPhone Server zieht auf einen neuen Rechner',
    en: 'an existing SQL Server; the XPhone Server moves to a new machine',
  },
  planSmall: {
    de: '{users} Benutzer: SQL Express genügt (Default für kleine und mittlere Installationen)',
    en: '{users} users: SQL Express is enough (default for small and medium installations)',
  },
  planDefault: {
    de: 'Default für kleine und mittlere Installationen (keine Angaben, die etwas anderes verlangen)',
    en: 'default for small and medium installations (no answers that call for another plan)',
  },
} as const satisfies Record<string, Text>;
export type ReasonCode = keyof typeof REASONS;
