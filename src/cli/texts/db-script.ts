import type { Text } from '../../i18n/index.js';

/** `export-db` and `import-db`. */
export const DB_SCRIPT = {
  cmdExportDb: {
    de: 'Datenbank als ein SQL Script für eine (auch ältere) SQL Server Version schreiben: Schema, Daten als mehrzeilige INSERTs, Schlüssel, Indizes, Sichten, Prozeduren, Funktionen, Trigger',
    en: 'write a database as one SQL script for a (possibly older) SQL Server version: schema, data as multi-row INSERTs, keys, indexes, views, procedures, functions, triggers',
  },
  optExportServer: {
    de: 'Quell-Server: Name oder Verbindungszeichenfolge',
    en: 'source server: a name or a connection string',
  },
  optExportDatabase: { de: 'die zu exportierende Datenbank', en: 'the database to export' },
  optExportTarget: {
    de: 'Ziel-Version: 2014, 2016, 2017, 2019 oder 2022',
    en: 'target version: 2014, 2016, 2017, 2019 or 2022',
  },
  optExportOut: {
    de: 'die Script-Datei (erst nach vollständigem Schreiben an ihrem Platz)',
    en: 'the script file (in place only once completely written)',
  },
  optExportTargetServer: {
    de: 'Ziel-Server, um vorab FILESTREAM und die Express-Grenze zu prüfen',
    en: 'target server, to check FILESTREAM and the Express limit beforehand',
  },
  exportRows: { de: '{rows} Zeilen', en: '{rows} rows' },
  exportDone: {
    de: 'Script {file} für SQL Server {target}: {tables} Tabellen, {rows} Zeilen in {inserts} INSERTs, {batches} Batches, {bytes} Bytes.',
    en: 'Script {file} for SQL Server {target}: {tables} tables, {rows} rows in {inserts} INSERTs, {batches} batches, {bytes} bytes.',
  },
  cmdImportDb: {
    de: 'SQL Script importieren wie SQLCMD (GO [n], :setvar, $(var), :r, :on error), Batch für Batch, fortsetzbar',
    en: 'import a SQL script like SQLCMD (GO [n], :setvar, $(var), :r, :on error), batch by batch, resumable',
  },
  optImportInput: {
    de: 'das Script (UTF-8, UTF-16 oder Windows-1252; siehe --encoding)',
    en: 'the script (UTF-8, UTF-16 or Windows-1252; see --encoding)',
  },
  optImportServer: {
    de: 'Ziel-Server: Name (SQLSRV\\SQL2016) oder Verbindungszeichenfolge',
    en: 'target server: a name (SQLSRV\\SQL2016) or a connection string',
  },
  optImportVar: {
    de: 'Script-Variable setzen, mehrfach möglich; gilt vor :setvar im Script (z.B. DataPath=D:\\Data\\)',
    en: "set a script variable, repeatable; wins over the script's :setvar (e.g. DataPath=D:\\Data\\)",
  },
  importFolders: {
    de: 'Dateien der Datenbank in die Standardordner des Ziels: DataPath={data}, LogPath={log} (--var DataPath=… LogPath=… wählt andere)',
    en: "The database's files go to the target's default folders: DataPath={data}, LogPath={log} (--var DataPath=… LogPath=… chooses others)",
  },
  optImportEncoding: {
    de: 'Zeichenkodierung aller Scriptdateien (wie sqlcmd -f); sonst erkannt: BOM, UTF-16 ohne BOM, UTF-8, sonst Windows-1252 („ANSI“ in SSMS)',
    en: 'character encoding of every script file (like sqlcmd -f); else detected: BOM, UTF-16 without BOM, UTF-8, else Windows-1252 ("ANSI" in SSMS)',
  },
  optImportIncludeDir: {
    de: 'Ordner, ab dem relative :r-Dateien gelesen werden (sqlcmd: der Ordner, in dem es gestartet wurde; Vorgabe: der aktuelle)',
    en: 'folder relative :r files are read from (sqlcmd: the folder it was started in; default: the current one)',
  },
  optImportDryRun: {
    de: 'nur die Batches auflisten, ohne Verbindung (mit --json: batches[] mit startLine und repeat)',
    en: 'only list the batches, without connecting (with --json: batches[] with startLine and repeat)',
  },
  optImportRestart: {
    de: 'den Stand vergessen und beim ersten Batch beginnen',
    en: 'forget the checkpoint and begin at the first batch',
  },
  optImportResolve: {
    de: 'ein unterbrochener Batch außerhalb einer Transaktion: rerun (erneut senden) oder skip (gilt als erledigt)',
    en: 'an interrupted batch outside a transaction: rerun (send it again) or skip (count it as done)',
  },
  importDryRunSummary: {
    de: '{batches} Batches, {units} Ausführungen, {bytes} Bytes SQL',
    en: '{batches} batches, {units} executions, {bytes} bytes of SQL',
  },
  importProgress: {
    de: '  Batch {batch} ({units} ausgeführt), {mb} von {total} MB, {percent} %',
    en: '  batch {batch} ({units} run), {mb} of {total} MB, {percent} %',
  },
  importAlreadyDone: {
    de: '{file} ist auf diesem Server bereits vollständig importiert; nichts zu tun (--restart beginnt von vorn).',
    en: '{file} is already fully imported on this server; nothing to do (--restart begins again).',
  },
  importResumed: {
    de: 'Fortgesetzt: {units} Ausführungen waren bereits erledigt und wurden nicht wiederholt.',
    en: 'Resumed: {units} executions were already done and were not repeated.',
  },
  importSettled: {
    de: 'Der unterbrochene Batch: {how} (marked = laut Server übernommen, rolled-back = vom Server zurückgerollt und erneut gesendet).',
    en: 'The interrupted batch: {how} (marked = committed per the server, rolled-back = rolled back by the server and sent again).',
  },
  importIgnored: {
    de: '{file}:{line} Batch {batch}: {number} {message}',
    en: '{file}:{line} batch {batch}: {number} {message}',
  },
  importTempdbMarks: {
    de: 'In {databases} darf diese Anmeldung keine Tabelle anlegen: die Batch-Markierungen lagen in tempdb, die ein Neustart des SQL Servers leert (dann fragt ein Fortsetzen nach --resolve).',
    en: 'This login may not create a table in {databases}: the batch marks were kept in tempdb, which a restart of the SQL Server empties (a resume then asks for --resolve).',
  },
  importDone: {
    de: 'Import fertig: {batches} Batches, {units} Ausführungen aus {file}.',
    en: 'Import done: {batches} batches, {units} executions from {file}.',
  },
} as const satisfies Record<string, Text>;
