import { SCRIPT_TARGET_VERSIONS, sqlServerYearForMajor } from '../../catalog/index.js';
import type { Text } from '../../i18n/index.js';
import type { Catalog } from './catalog.js';
import { codeOnly } from './lexer.js';
import { qualified, supportedType } from './literals.js';

export type TargetVersion = (typeof SCRIPT_TARGET_VERSIONS)[number];
export const SCRIPT_TARGETS: readonly number[] = SCRIPT_TARGET_VERSIONS;

/** The script version for a server (its major version): the newest one it runs; undefined below 2014. */
export function targetForServer(major: number): TargetVersion | undefined {
  const year = sqlServerYearForMajor(major) ?? (major > 16 ? 9999 : 0);
  return [...SCRIPT_TARGET_VERSIONS].reverse().find((v) => v <= year);
}

/** The highest compatibility level each version offers. */
export const MAX_COMPATIBILITY: Record<TargetVersion, number> = {
  2014: 120,
  2016: 130,
  2017: 140,
  2019: 150,
  2022: 160,
};

/**
 * The lowest compatibility level SQL Server 2014 and later accept: 100 (SQL Server 2008); a
 * lower one is refused with 15048 ("ALTER DATABASE Compatibility Level", Microsoft Learn).
 */
export const MIN_COMPATIBILITY = 100;

/** The level the script sets on the target: the source's, within what the target offers. */
export const compatibilityFor = (level: number, target: TargetVersion) =>
  Math.max(MIN_COMPATIBILITY, Math.min(level, MAX_COMPATIBILITY[target]));

/** Built-ins a module may call that older versions do not know: the import would fail there. */
const NEWER_SYNTAX: Array<[TargetVersion, RegExp]> = [
  [
    2016,
    /\b(?:STRING_SPLIT|OPENJSON|JSON_VALUE|JSON_QUERY|JSON_MODIFY|ISJSON|STRING_ESCAPE|COMPRESS|DECOMPRESS|SESSION_CONTEXT|DATEDIFF_BIG|AT\s+TIME\s+ZONE|CREATE\s+OR\s+ALTER|DROP\s+\w+\s+IF\s+EXISTS)\b/i,
  ],
  [2017, /\b(?:STRING_AGG|CONCAT_WS|TRANSLATE|TRIM)\s*\(/i],
  [2019, /\bAPPROX_COUNT_DISTINCT\s*\(/i],
  [
    2022,
    /\b(?:GREATEST|LEAST|DATE_BUCKET|GENERATE_SERIES|DATETRUNC|JSON_OBJECT|JSON_ARRAY)\s*\(|\bIS\s+(?:NOT\s+)?DISTINCT\s+FROM\b/i,
  ],
];

/** What the target server is known to offer (from --target-server), else undefined. */
export interface TargetFacts {
  filestreamLevel: number;
  /** 3 = Enterprise (columnstore before 2016 SP1), 4 = Express (10 GB per database). */
  engineEdition: number;
  /** ProductVersion, e.g. 13.0.4001.0 (2016 SP1). */
  version: string;
}

/** The facts the export needs from a server's own (`serverFacts`). */
export const targetFactsOf = (f: TargetFacts): TargetFacts => ({
  filestreamLevel: f.filestreamLevel,
  engineEdition: f.engineEdition,
  version: f.version,
});

/**
 * SQL Server 2016 SP1 (13.0.4001) opened columnstore indexes to every edition ("Editions and
 * supported features of SQL Server 2016"; before, Enterprise only) and brought CREATE OR ALTER.
 */
const SQL2016_SP1 = [13, 0, 4001];
function atLeast(version: string, wanted: number[]): boolean {
  const v = version.split('.').map(Number);
  for (let i = 0; i < wanted.length; i++) if ((v[i] ?? 0) !== wanted[i]) return (v[i] ?? 0) > wanted[i]!;
  return true;
}
const columnstoreAllowed = (facts: TargetFacts) =>
  facts.engineEdition === 3 || atLeast(facts.version, SQL2016_SP1);

export interface Finding {
  /** `block`: the export refuses; `warn`: the script is written and the finding printed. */
  severity: 'block' | 'warn';
  code: string;
  object: string;
  text: Text;
}

const EXPRESS_LIMIT_MB = 10 * 1024;

/** Everything the target cannot hold, or the script does not carry, before anything is written. */
export function targetFindings(
  catalog: Catalog,
  target: TargetVersion,
  facts: TargetFacts | undefined,
): Finding[] {
  const found: Finding[] = [];
  const add = (severity: Finding['severity'], code: string, object: string, de: string, en: string) =>
    found.push({ severity, code, object, text: { de, en } });

  const max = MAX_COMPATIBILITY[target];
  if (catalog.database.compatibilityLevel > max)
    add(
      'warn',
      'compatibility',
      catalog.database.name,
      `Kompatibilitätsgrad ${catalog.database.compatibilityLevel} gibt es auf SQL Server ${target} nicht; das Script setzt ${max}.`,
      `Compatibility level ${catalog.database.compatibilityLevel} does not exist on SQL Server ${target}; the script sets ${max}.`,
    );
  if (catalog.database.compatibilityLevel < MIN_COMPATIBILITY)
    add(
      'warn',
      'compatibility',
      catalog.database.name,
      `Kompatibilitätsgrad ${catalog.database.compatibilityLevel} nimmt SQL Server ${target} nicht an (mindestens ${MIN_COMPATIBILITY}); das Script setzt ${MIN_COMPATIBILITY}. Alte Syntax (z.B. *= Joins) prüfen.`,
      `SQL Server ${target} refuses compatibility level ${catalog.database.compatibilityLevel} (at least ${MIN_COMPATIBILITY}); the script sets ${MIN_COMPATIBILITY}. Check for old syntax (e.g. *= joins).`,
    );
  const utf8 = (collation: string | null) => collation !== null && /_UTF8$/i.test(collation);
  if (target < 2019 && utf8(catalog.database.collation))
    add(
      'block',
      'utf8-collation',
      catalog.database.name,
      `UTF-8 Sortierung ${catalog.database.collation} gibt es erst ab SQL Server 2019.`,
      `The UTF-8 collation ${catalog.database.collation} needs SQL Server 2019 or later.`,
    );

  // The version-140 collations (Japanese_XJIS_140_…, "Collation and Unicode support") came with 2017.
  const v140 = (collation: string | null) => collation !== null && /_140_/i.test(collation);
  if (target < 2017) {
    const at = [
      ...(v140(catalog.database.collation) ? [catalog.database.name] : []),
      ...catalog.tables.flatMap((t) =>
        t.columns.filter((c) => v140(c.collation)).map((c) => `${qualified(t.schemaName, t.name)}.${c.name}`),
      ),
    ];
    for (const object of at)
      add(
        'block',
        'collation-140',
        object,
        `Sortierungen der Version 140 (…_140_…) gibt es erst ab SQL Server 2017.`,
        `Version-140 collations (…_140_…) need SQL Server 2017 or later.`,
      );
  }

  for (const t of catalog.tables) {
    const name = qualified(t.schemaName, t.name);
    if (t.temporalType !== 0)
      add(
        'block',
        'temporal-table',
        name,
        'Systemversionierte (temporale) Tabellen schreibt xpmigrate nicht als Script.',
        'xpmigrate does not script system-versioned (temporal) tables.',
      );
    if (t.memoryOptimized !== 0)
      add(
        'block',
        'memory-optimized',
        name,
        'Speicheroptimierte Tabellen schreibt xpmigrate nicht als Script.',
        'xpmigrate does not script memory-optimized tables.',
      );
    for (const c of t.columns) {
      const col = `${name}.${c.name}`;
      if (!supportedType(c.type))
        add(
          'block',
          'type',
          col,
          `Typ ${c.type} kann nicht als Literal geschrieben werden.`,
          `The type ${c.type} cannot be written as a literal.`,
        );
      if (c.filestream)
        add(
          'block',
          'filestream',
          col,
          facts && facts.filestreamLevel < 2
            ? 'FILESTREAM-Spalte, aber FILESTREAM ist auf dem Ziel-Server nicht aktiviert.'
            : 'FILESTREAM-Daten schreibt xpmigrate nicht als Script.',
          facts && facts.filestreamLevel < 2
            ? 'A FILESTREAM column, but FILESTREAM is not enabled on the target server.'
            : 'xpmigrate does not script FILESTREAM data.',
        );
      if (target < 2019 && utf8(c.collation))
        add(
          'block',
          'utf8-collation',
          col,
          `UTF-8 Sortierung ${c.collation} gibt es erst ab SQL Server 2019.`,
          `The UTF-8 collation ${c.collation} needs SQL Server 2019 or later.`,
        );
    }
    for (const i of t.indexes.filter((x) => x.type.includes('COLUMNSTORE'))) {
      const allowed = facts ? columnstoreAllowed(facts) : target >= 2017;
      if (!allowed)
        add(
          facts ? 'block' : 'warn',
          'columnstore',
          `${name}.${i.name}`,
          facts
            ? `Columnstore-Index: SQL Server ${facts.version} in dieser Edition kann ihn nicht anlegen (vor 2016 SP1 nur Enterprise).`
            : `Columnstore-Index: vor SQL Server 2016 SP1 nur in der Enterprise-Edition; mit --target-server wird das geprüft.`,
          facts
            ? `Columnstore index: SQL Server ${facts.version} in this edition cannot create it (Enterprise only before 2016 SP1).`
            : 'Columnstore index: Enterprise Edition only before SQL Server 2016 SP1; --target-server checks it.',
        );
    }
    for (const text of [
      ...t.columns.flatMap((c) => [c.computed, c.defaultDefinition]),
      ...t.checks.map((k) => k.definition),
    ])
      if (text) newerSyntax(text, name);
    // SQLCMD would substitute $(…) in a name; a name cannot be split like a string literal.
    for (const n of [t.schemaName, t.name, ...t.columns.map((c) => c.name)])
      if (n.includes('$('))
        add(
          'block',
          'sqlcmd-variable',
          name,
          `Der Name „${n}“ enthält $( – SQLCMD würde dort eine Variable einsetzen.`,
          `The name "${n}" holds $( where SQLCMD would substitute a variable.`,
        );
  }
  for (const m of catalog.modules) newerSyntax(m.definition, qualified(m.schemaName, m.name));

  for (const [kind, count] of Object.entries(catalog.unscripted))
    if (count > 0)
      add(
        'block',
        `unscripted-${kind}`,
        catalog.database.name,
        `${count} Objekt(e) der Art ${kind} schreibt xpmigrate nicht als Script.`,
        `xpmigrate does not script ${kind} (${count} found).`,
      );

  // What stays behind: said, never silently dropped (the script still carries the data).
  const { principals, permissions, extendedProperties } = catalog.notCarried;
  if (principals > 0 || permissions > 0)
    add(
      'warn',
      'not-carried-security',
      catalog.database.name,
      `${principals} Benutzer/Rollen und ${permissions} Berechtigungen der Datenbank überträgt das Script nicht: auf dem Ziel anlegen (den XPhone-Dienste-Account macht Schritt 2a zum db_owner).`,
      `The script does not carry the database's ${principals} users/roles and ${permissions} permissions: create them on the target (step 2a makes the XPhone service account db_owner).`,
    );
  if (extendedProperties > 0)
    add(
      'warn',
      'not-carried-extended-properties',
      catalog.database.name,
      `${extendedProperties} erweiterte Eigenschaften (Beschreibungen) überträgt das Script nicht.`,
      `The script does not carry ${extendedProperties} extended properties (descriptions).`,
    );
  for (const t of catalog.tables)
    if (t.columns.some((c) => c.type === 'timestamp'))
      add(
        'warn',
        'not-carried-rowversion',
        qualified(t.schemaName, t.name),
        'rowversion-Werte vergibt der Ziel-Server neu: Anwendungen, die alte Werte gespeichert haben, sehen jede Zeile als geändert.',
        'The target server assigns new rowversion values: an application that stored old ones sees every row as changed.',
      );

  if (facts?.engineEdition === 4) {
    const mb = catalog.files
      .filter((f) => f.type === 'ROWS')
      .reduce((sum, f) => sum + (f.size * 8) / 1024, 0);
    if (mb > EXPRESS_LIMIT_MB)
      add(
        'block',
        'express-size',
        catalog.database.name,
        `Die Daten (${Math.round(mb)} MB) überschreiten die 10 GB, die SQL Server Express je Datenbank hält.`,
        `The data (${Math.round(mb)} MB) exceeds the 10 GB SQL Server Express holds per database.`,
      );
  }
  return found;

  function newerSyntax(text: string, object: string) {
    const code = codeOnly(text);
    // CREATE OR ALTER came with 2016 SP1, not 2016 itself: an RTM target refuses it.
    const sp1 = facts ? atLeast(facts.version, SQL2016_SP1) : target > 2016;
    if (target >= 2016 && !sp1 && /\bCREATE\s+OR\s+ALTER\b/i.test(code))
      add(
        facts ? 'block' : 'warn',
        'newer-syntax',
        object,
        `CREATE OR ALTER gibt es erst ab SQL Server 2016 SP1${facts ? ` (Ziel: ${facts.version})` : ''}.`,
        `CREATE OR ALTER needs SQL Server 2016 SP1 or later${facts ? ` (target: ${facts.version})` : ''}.`,
      );
    for (const [since, pattern] of NEWER_SYNTAX) {
      const hit = since > target ? pattern.exec(code) : null;
      if (hit)
        add(
          'block',
          'newer-syntax',
          object,
          `${hit[0].trim()} gibt es erst ab SQL Server ${since}.`,
          `${hit[0].trim()} needs SQL Server ${since} or later.`,
        );
    }
  }
}
