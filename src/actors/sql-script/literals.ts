/**
 * T-SQL text for names and values in an exported script. Every value is read from the server in
 * an exact text form (see `textForm`) and written back as a literal that means the same value
 * on any target version, under any SET LANGUAGE / DATEFORMAT, through SQLCMD or import-db.
 */

/** `[name]` with `]` doubled, as QUOTENAME does. */
export const quoteName = (name: string) => `[${name.replace(/]/g, ']]')}]`;
export const qualified = (schema: string, name: string) => `${quoteName(schema)}.${quoteName(name)}`;

/** Types read as text and written as N'…'. */
const STRINGS = new Set(['char', 'varchar', 'text', 'nchar', 'nvarchar', 'ntext', 'sysname', 'xml']);
const BINARIES = new Set(['binary', 'varbinary', 'image']);
/** CLR types: read through varbinary, written back with CAST. */
const CLR = new Set(['hierarchyid', 'geometry', 'geography']);
const EXACT_NUMBERS = new Set(['bit', 'tinyint', 'smallint', 'int', 'bigint', 'decimal', 'numeric']);
const QUOTED_TEXT = new Set([
  'date',
  'datetime',
  'datetime2',
  'smalldatetime',
  'datetimeoffset',
  'time',
  'uniqueidentifier',
]);

/** Types with no INSERT value: computed by the server. */
export const NOT_INSERTED = new Set(['timestamp', 'rowversion']);

export function supportedType(type: string): boolean {
  return (
    STRINGS.has(type) ||
    BINARIES.has(type) ||
    CLR.has(type) ||
    EXACT_NUMBERS.has(type) ||
    QUOTED_TEXT.has(type) ||
    NOT_INSERTED.has(type) ||
    ['float', 'real', 'money', 'smallmoney'].includes(type)
  );
}

/**
 * The expression the data query selects for a column: a text that holds the value exactly.
 * Floats travel as their IEEE bytes (style 3, the round-trip text form, needs SQL Server 2016).
 */
export function textForm(column: string, type: string): string {
  const c = quoteName(column);
  if (STRINGS.has(type)) return `CAST(${c} AS nvarchar(max))`;
  if (BINARIES.has(type) || CLR.has(type)) return `CONVERT(varchar(max), CAST(${c} AS varbinary(max)), 1)`;
  if (type === 'float') return `CONVERT(varchar(18), CAST(${c} AS binary(8)), 1)`;
  if (type === 'real') return `CONVERT(varchar(10), CAST(${c} AS binary(4)), 1)`;
  if (type === 'money' || type === 'smallmoney') return `CONVERT(varchar(30), ${c}, 2)`;
  if (type === 'date') return `CONVERT(varchar(10), ${c}, 23)`;
  // 126 keeps the offset; 127 would give the instant in UTC with Z (CAST and CONVERT, date styles).
  if (type === 'datetimeoffset') return `CONVERT(varchar(34), ${c}, 126)`;
  if (type === 'datetime' || type === 'datetime2' || type === 'smalldatetime')
    return `CONVERT(varchar(27), ${c}, 126)`;
  if (type === 'uniqueidentifier') return `CAST(${c} AS char(36))`;
  return `CAST(${c} AS varchar(48))`; // exact numbers, bit, time
}

/** Longer Unicode literals are nvarchar(max) by themselves; a concatenation is not, unless told. */
const NVARCHAR_LIMIT = 4000;

/**
 * `N'…'` with quotes doubled. Characters below U+0020 (NUL, CR, LF…) become NCHAR(n), so a
 * literal never spans lines (no editor or transfer changes line ends inside data, and no line
 * of data can look like `GO` or `:r`); `$(` is split so SQLCMD substitutes nothing.
 */
export function unicodeLiteral(value: string): string {
  const parts: string[] = [];
  let text = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 && code !== 0x09) {
      if (text) parts.push(`N'${text}'`);
      text = '';
      parts.push(`NCHAR(${code})`);
    } else if (value[i] === '$' && value[i + 1] === '(') {
      parts.push(`N'${text}$'`);
      text = '';
    } else text += value[i] === "'" ? "''" : value[i];
  }
  if (text || parts.length === 0) parts.push(`N'${text}'`);
  if (parts.length > 1 && value.length > NVARCHAR_LIMIT) parts[0] = `CAST(${parts[0]} AS nvarchar(max))`;
  return parts.join(' + ');
}

/** `0x3FF0000000000000` → `1E+0`: the shortest text that reads back as the same double. */
export function floatLiteral(hex: string, bytes: 4 | 8): string {
  const b = Buffer.from(hex.slice(2), 'hex');
  const value = bytes === 8 ? b.readDoubleBE(0) : b.readFloatBE(0);
  return value.toExponential().toUpperCase();
}

/** The literal for a value in its text form (`textForm`); null is NULL. */
export function literal(type: string, text: string | null): string {
  if (text === null) return 'NULL';
  if (STRINGS.has(type)) return unicodeLiteral(text);
  if (BINARIES.has(type)) return text;
  if (CLR.has(type)) return `CAST(${text} AS ${type})`;
  if (type === 'float') return floatLiteral(text, 8);
  if (type === 'real') return floatLiteral(text, 4);
  if (QUOTED_TEXT.has(type)) return `'${text}'`;
  // Numbers and money: digits, sign and point only; anything else would be a bug upstream.
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`not a ${type} value: ${text}`);
  return text;
}
