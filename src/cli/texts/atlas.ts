import type { Text } from '../../i18n/index.js';

/** `atlas`. */
export const ATLAS = {
  cmdAtlas: {
    de: 'atlas.xml: Datenbank-Verbindungen anzeigen und gezielt ändern',
    en: 'atlas.xml: show the database connections and change them surgically',
  },
  cmdAtlasShow: { de: 'die Verbindungen in <Databases> anzeigen', en: 'show the connections in <Databases>' },
  cmdAtlasDiff: {
    de: 'zeigen, was eine Änderung ändern würde (unified diff), ohne zu schreiben',
    en: 'show what an edit would change (unified diff), without writing',
  },
  cmdAtlasApply: {
    de: 'die Änderung schreiben: Sicherungskopie, dann atomar ersetzen; nur bei beendeten Atlas-Diensten',
    en: 'write the edit: a backup copy, then an atomic replace; only while the Atlas services are stopped',
  },
  optAtlasFile: {
    de: 'die atlas.xml (sonst aus der Registry: InstallDir des XPhone Servers)',
    en: 'the atlas.xml (else from the registry: the XPhone Server InstallDir)',
  },
  optAtlasServer: {
    de: 'Datenbanken auf diesen SQL Server zeigen lassen: HOST[\\INSTANZ][,PORT] (Windows-Login)',
    en: 'point databases at this SQL Server: HOST[\\INSTANCE][,PORT] (Windows login)',
  },
  optAtlasDatabase: {
    de: 'nur diese Datenbank (Eintragsname oder Initial Catalog); mehrfach möglich',
    en: 'only this database (entry name or Initial Catalog); may be repeated',
  },
  optRenameInstance: {
    de: 'Instanz umbenennen, z.B. XPCONNECT=XPCONNECT2019',
    en: 'rename an instance, e.g. XPCONNECT=XPCONNECT2019',
  },
  optRenameDatabase: { de: 'Datenbanknamen ändern, ALT=NEU', en: 'change a database name, OLD=NEW' },
  optAtlasForce: {
    de: 'auch schreiben, wenn Atlas-Dienste laufen',
    en: 'write even while Atlas services run',
  },
  optAtlasSimulate: {
    de: 'die atlas.xml und Dienste des simulierten Servers neben --state',
    en: "the simulated server's atlas.xml and services beside --state",
  },
  atlasFound: {
    de: '{file} ({encoding}, Zeilenenden {eol}): {count} Verbindung(en) in <Databases> (Zeile {line})',
    en: '{file} ({encoding}, line endings {eol}): {count} connection(s) in <Databases> (line {line})',
  },
  atlasProblem: {
    de: '  ! Zeile {line}, Spalte {column} <{element}>: {detail}',
    en: '  ! line {line}, column {column} <{element}>: {detail}',
  },
  atlasNothing: {
    de: 'Nichts zu ändern: {file} enthält die neuen Werte schon.',
    en: 'Nothing to change: {file} already holds the new values.',
  },
  atlasApplied: {
    de: '{file} geändert ({count} Änderung(en)); Sicherungskopie: {backup}',
    en: '{file} changed ({count} change(s)); backup copy: {backup}',
  },
  atlasNoEdit: {
    de: 'Keine Änderung angegeben: --server, --rename-instance oder --rename-database.',
    en: 'No edit given: --server, --rename-instance or --rename-database.',
  },
  atlasBadPair: { de: '"{value}" hat nicht die Form ALT=NEU.', en: '"{value}" is not of the form OLD=NEW.' },
  atlasUseLoginFrom: {
    de: '{value} (von <{element}>, Zeile {line})',
    en: '{value} (from <{element}>, line {line})',
  },
  atlasUseLoginAdded: {
    de: 'useLogin="Windows" bei {entry} (Zeile {line}) gesetzt: {why}',
    en: 'useLogin="Windows" set on {entry} (line {line}): {why}',
  },
  atlasUseLoginMissing: {
    de: 'für diesen Eintrag galt kein useLogin (Anleitung, Zeile 8: „Bitte den Eintrag useLogin="Windows" nicht vergessen“).',
    en: 'no useLogin was in effect for this entry (guide, row 8: "Bitte den Eintrag useLogin="Windows" nicht vergessen").',
  },
  atlasUseLoginOwn: { de: 'er hatte useLogin="{value}".', en: 'it had useLogin="{value}".' },
  atlasUseLoginInherited: {
    de: 'für ihn galt useLogin="{value}" von <{element}> (Zeile {line}).',
    en: 'useLogin="{value}" of <{element}> (line {line}) was in effect for it.',
  },
} as const satisfies Record<string, Text>;
