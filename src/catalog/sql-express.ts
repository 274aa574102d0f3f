import { backupManagerSteps } from './backup-manager.js';
import type { StepDef } from './step.js';

const SECTION = 'SQL EXPRESS SERVER UPDATE';
const ref = (item: string) => ({ section: SECTION, item });

/** The scripts on the installation medium (guide, SQL Express point 4), relative to its root. */
export const MIGRATE_SQL_SCRIPTS = {
  main: '.\\Software\\Server\\3rdParty\\sql\\MigrateSQLServer_UC.BAT',
  analytics: '.\\Software\\Server\\3rdParty\\sql\\MigrateSQLServer_STAT.BAT',
} as const;

/** Instance renames of point 5 (old → new). Names compare case-insensitively, as SQL Server does. */
export const SQL_EXPRESS_RENAMES = [
  { role: 'main', from: 'XPCONNECT', to: 'XPCONNECT2019' },
  { role: 'analytics', from: 'XPANALYTICS', to: 'XPANALYTICS2019' },
] as const;

export const SQL_EXPRESS_STEPS: StepDef[] = [
  {
    id: 'sqlx.1.update-xphone',
    row: '1',
    kind: 'manual',
    machine: 'old',
    recovery: 'ask',
    title: {
      de: 'XPhone Connect Server auf die aktuellste Version aktualisieren',
      en: 'Update XPhone Connect Server to the newest version',
    },
    help: {
      de: 'Den XPhone Connect Server auf die aktuellste Version aktualisieren. Der SQL Server bleibt dabei noch auf der alten Version.',
      en: 'Update XPhone Connect Server to the newest version. The SQL Server stays on its old version for now.',
    },
    source: ref('1'),
    evidence: [
      {
        key: 'version',
        label: { de: 'Installierte Version', en: 'Installed version' },
        pattern: '^\\d+(\\.\\d+){0,3}$',
        hint: { de: 'Version, z. B. 9.0.330.1359', en: 'version, e.g. 9.0.330.1359' },
        version: true,
        // Confirmed only when the server reports it (the simulated operator then gives what it reads).
        installedVersion: true,
      },
    ],
  },
  {
    id: 'sqlx.1.restart-service',
    row: '1',
    kind: 'auto',
    machine: 'old',
    effect: { name: 'windows.restart-services', input: {} },
    recovery: 'rerun',
    title: { de: 'XPhone Server Dienst neu starten', en: 'Restart the XPhone Server service' },
    help: {
      de: 'Anschließend den XPhone Server Dienst (alle Atlas-Dienste) neu starten und warten, bis der Server bereit ist.',
      en: 'Then restart the XPhone Server service (all Atlas services) and wait until the server is ready.',
    },
    source: ref('1'),
  },
  ...backupManagerSteps({
    id: 'sqlx.2.backup',
    machine: 'old',
    operation: 'backup',
    row: '2',
    title: {
      de: 'Backup des Systems mit dem Backup-Manager',
      en: 'Back up the system with the Backup-Manager',
    },
    help: {
      de: 'Mit dem Backup-Manager (XPhoneServerBackup.exe) einen Backup des Systems erstellen. Danach die Backup-Datei und die Logdatei angeben.',
      en: 'Make a backup of the system with the Backup-Manager (XPhoneServerBackup.exe). Then name the backup file and the log file.',
    },
    source: ref('2'),
  }),
  {
    id: 'sqlx.3.stop-service',
    row: '3',
    kind: 'auto',
    machine: 'old',
    effect: { name: 'windows.stop-services', input: {} },
    recovery: 'rerun',
    title: { de: 'XPhone Connect Server Dienst beenden', en: 'Stop the XPhone Connect Server service' },
    help: {
      de: 'Den XPhone Connect Server Dienst (alle Atlas-Dienste) beenden.',
      en: 'Stop the XPhone Connect Server service (all Atlas services).',
    },
    source: ref('3'),
  },
  {
    id: 'sqlx.4.migrate-uc',
    row: '4',
    kind: 'auto',
    machine: 'old',
    effect: { name: 'windows.run-sql-migration-script', input: { instance: 'main' } },
    recovery: 'probe',
    title: {
      de: 'Neue SQL Server Instanz XPConnect2019 installieren (MigrateSQLServer_UC.BAT)',
      en: 'Install the new SQL Server instance XPConnect2019 (MigrateSQLServer_UC.BAT)',
    },
    help: {
      de: `Installations-Script vom Installations-Medium mit Admin-Rechten ausführen: "${MIGRATE_SQL_SCRIPTS.main}". Die neue Instanz heißt XPConnect2019.`,
      en: `Run the script from the installation medium as administrator: "${MIGRATE_SQL_SCRIPTS.main}". The new instance is XPConnect2019.`,
    },
    source: ref('4'),
  },
  {
    id: 'sqlx.4.migrate-stat',
    row: '4',
    kind: 'auto',
    machine: 'old',
    effect: { name: 'windows.run-sql-migration-script', input: { instance: 'analytics' } },
    recovery: 'probe',
    condition: 'analytics',
    title: {
      de: 'Neue SQL Server Instanz XPAnalytics2019 installieren (MigrateSQLServer_STAT.BAT)',
      en: 'Install the new SQL Server instance XPAnalytics2019 (MigrateSQLServer_STAT.BAT)',
    },
    help: {
      de: `Installations-Script vom Installations-Medium mit Admin-Rechten ausführen: "${MIGRATE_SQL_SCRIPTS.analytics}". Die neue Instanz heißt XPAnalytics2019.`,
      en: `Run the script from the installation medium as administrator: "${MIGRATE_SQL_SCRIPTS.analytics}". The new instance is XPAnalytics2019.`,
    },
    source: ref('4'),
  },
  {
    id: 'sqlx.5.atlas-xml',
    row: '5',
    kind: 'auto',
    machine: 'old',
    effect: {
      name: 'atlas.rename-instances',
      input: { migratedBy: { main: 'sqlx.4.migrate-uc', analytics: 'sqlx.4.migrate-stat' } },
    },
    recovery: 'probe',
    title: {
      de: 'atlas.xml: Connection Strings auf XPCONNECT2019 / XPANALYTICS2019 umstellen',
      en: 'atlas.xml: change the connection strings to XPCONNECT2019 / XPANALYTICS2019',
    },
    help: {
      de: 'In atlas.xml die Connection Strings auf die neuen Instanznamen ändern, z.B. Data Source=(local)\\XPCONNECT → Data Source=(local)\\XPCONNECT2019 – nur für die Instanzen, deren Script in Punkt 4 gelaufen ist. Sonst bleibt die Datei Byte für Byte gleich; eine Sicherungskopie bleibt liegen.',
      en: 'In atlas.xml change the connection strings to the new instance names, e.g. Data Source=(local)\\XPCONNECT → Data Source=(local)\\XPCONNECT2019 – only for the instances whose script ran in point 4. Everything else stays byte for byte; a backup copy is kept.',
    },
    source: ref('5'),
  },
  {
    // Not a point of its own in the guide, but nothing is "successfully moved" (point 6) until
    // the server runs on the new instances.
    id: 'sqlx.5.start-service',
    row: '5',
    kind: 'auto',
    machine: 'old',
    effect: { name: 'windows.start-services', input: {} },
    recovery: 'rerun',
    title: {
      de: 'XPhone Server Dienst auf den neuen Instanzen starten und prüfen',
      en: 'Start the XPhone Server service on the new instances and check it',
    },
    help: {
      de: 'Die Atlas-Dienste starten und warten, bis der Server bereit ist (ServerStartupMeter = 100) und die neuen Instanzen erreichbar sind.',
      en: 'Start the Atlas services and wait until the server is ready (ServerStartupMeter = 100) and the new instances are reachable.',
    },
    source: ref('5'),
  },
  {
    id: 'sqlx.6.uninstall-old',
    row: '6',
    kind: 'manual',
    machine: 'old',
    recovery: 'ask',
    // "… werden nicht mehr benötigt und können vom System deinstalliert werden."
    optional: 'may',
    title: {
      de: 'Alte SQL Server Instanzen deinstallieren',
      en: 'Uninstall the old SQL Server instances',
    },
    help: {
      de: 'Nach dem erfolgreichen Umzug der Datenbank werden die alten SQL Server Instanzen vom XPhone Connect Server nicht mehr benötigt und können deinstalliert werden.',
      en: 'After the databases have moved successfully, XPhone Connect Server no longer needs the old SQL Server instances; they can be uninstalled.',
    },
    source: ref('6'),
  },
];
