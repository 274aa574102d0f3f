import type { StepDef } from './step.js';

const SECTION = 'DB UMZUG MIT SQL SCRIPTS';

/** SQL Server versions a script can be written for ("Script for Server Version"). */
export const SCRIPT_TARGET_VERSIONS = [2014, 2016, 2017, 2019, 2022] as const;

/** A folder on the target server's disks (D:\SQLData): the script puts the file name after it. */
export const WINDOWS_FOLDER = '^[A-Za-z]:\\\\';
const FOLDER_HINT = {
  de: 'Ordner auf dem Ziel-Server, z. B. D:\\SQLData\\',
  en: 'folder on the target server, e.g. D:\\SQLData\\',
};

export const DB_SCRIPT_STEPS: StepDef[] = [
  {
    id: 'dbscript.export',
    kind: 'auto',
    machine: 'sql',
    effect: { name: 'sql-script.export', input: {} },
    recovery: 'rerun',
    title: {
      de: 'Datenbank als SQL Script exportieren (Schema und Daten, für die Ziel-Version)',
      en: 'Export the database as a SQL script (schema and data, for the target version)',
    },
    help: {
      de: 'Schema und Daten der Datenbank für die Version des Ziel-Servers als Script schreiben (wie SSMS „Generate Scripts“: gesamte Datenbank, Trigger, Indizes, Primärschlüssel, „Schema and Data“).',
      en: 'Script the schema and data of the database for the target server version (like SSMS "Generate Scripts": entire database, triggers, indexes, primary keys, "Schema and Data").',
    },
    source: { section: 'DATENBANK ALS SQL SCRIPT EXPORTIEREN', item: 'Script erstellen' },
  },
  {
    id: 'dbscript.file-locations',
    kind: 'manual',
    machine: 'sql',
    recovery: 'ask',
    title: {
      de: 'Speicherorte der Daten- und Logdateien für das Ziel festlegen',
      en: 'Set the data and log file locations for the target',
    },
    help: {
      de: 'Im Script die Speicherorte der Daten- und Logdatei der Datenbank für den Ziel-Server anpassen (bei xpmigrate als Script-Variablen DataPath/LogPath).',
      en: "Adjust the database's data and log file locations in the script for the target server (xpmigrate writes them as script variables DataPath/LogPath).",
    },
    source: { section: 'DATENBANK ALS SQL SCRIPT EXPORTIEREN', item: 'Script ausführen (importieren)' },
    evidence: [
      {
        key: 'dataPath',
        label: { de: 'Ordner der Datendatei', en: 'Data file folder' },
        pattern: WINDOWS_FOLDER,
        hint: FOLDER_HINT,
      },
      {
        key: 'logPath',
        label: { de: 'Ordner der Logdatei', en: 'Log file folder' },
        pattern: WINDOWS_FOLDER,
        hint: FOLDER_HINT,
      },
    ],
  },
  {
    id: 'dbscript.import',
    kind: 'auto',
    machine: 'sql',
    effect: { name: 'sql-script.import', input: {} },
    recovery: 'rerun',
    title: {
      de: 'Script auf dem Ziel-Server importieren (wie SQLCMD -S … -i …)',
      en: 'Import the script on the target server (like SQLCMD -S … -i …)',
    },
    help: {
      de: 'Das Script auf der Ziel-Instanz ausführen, wie SQLCMD -S <computer\\instanz> -i "<voller Pfad>". Der Import setzt nach einem Abbruch beim nächsten Batch fort.',
      en: 'Run the script on the target instance, like SQLCMD -S <computer\\instance> -i "<full path>". After an interruption the import continues at the next batch.',
    },
    source: { section: SECTION, item: 'Import der Datenbank mit SQLCMD' },
  },
  {
    id: 'dbscript.verify',
    kind: 'check',
    machine: 'sql',
    effect: { name: 'sql-script.verify', input: {} },
    recovery: 'rerun',
    title: {
      de: 'Importierte Datenbank prüfen (Objekte und Zeilen)',
      en: 'Verify the imported database (objects and rows)',
    },
    help: {
      de: 'Vergleicht Tabellen, Objekte und Zeilenzahlen der Ziel-Datenbank mit dem Export.',
      en: 'Compares the tables, objects and row counts of the target database with the export.',
    },
    source: { section: SECTION },
  },
];
