/** XML character references and the five predefined entities; undefined for any other entity. */
export function unescapeXml(raw: string): string | undefined {
  let unknown = false;
  const codePoint = (n: number) => {
    if (n > 0 && n <= 0x10ffff) return String.fromCodePoint(n);
    unknown = true;
    return '';
  };
  const text = raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g, (_, ref: string) => {
    if (ref.startsWith('#x')) return codePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return codePoint(Number.parseInt(ref.slice(1), 10));
    const named = PREDEFINED[ref];
    if (named === undefined) unknown = true;
    return named ?? '';
  });
  return unknown ? undefined : text;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** An attribute value as written between the given quotes. */
export function escapeAttribute(value: string, quote: '"' | "'"): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll(quote, quote === '"' ? '&quot;' : '&apos;')
    .replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Text content as written outside CDATA. */
export function escapeText(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll(']]>', ']]&gt;');
}

/**
 * Where each character of `unescapeXml(raw)` starts in `raw`, plus `raw.length` at the end. The
 * two halves of a surrogate pair from one reference share a start: no edit may split them.
 */
function rawStarts(raw: string): number[] {
  const starts: number[] = [];
  const ref = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/y;
  for (let i = 0; i < raw.length; ) {
    ref.lastIndex = i;
    const m = raw[i] === '&' ? ref.exec(raw) : null;
    if (m) {
      const value = unescapeXml(m[0]) ?? '';
      for (let k = 0; k < value.length; k++) starts.push(i);
      i += m[0].length;
    } else {
      starts.push(i);
      i++;
    }
  }
  starts.push(raw.length);
  return starts;
}

/**
 * The smallest change to `raw` (whose unescaped text is `before`) that makes it `after`: the
 * common start and end are kept as written — `&gt;`, character references, the quoting inside
 * a connection string — and only the part between is written anew through `written`.
 */
export function minimalEdit(
  raw: string,
  before: string,
  after: string,
  written: (text: string) => string,
): { start: number; end: number; text: string } {
  const starts = rawStarts(raw);
  if (starts.length !== before.length + 1) return { start: 0, end: raw.length, text: written(after) };
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (
    tail < before.length - head &&
    tail < after.length - head &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  )
    tail++;
  // Back off to whole characters of the raw text (a reference is one unit).
  while (head > 0 && starts[head] === starts[head - 1]) head--;
  while (tail > 0 && starts[before.length - tail] === starts[before.length - tail + 1]) tail--;
  return {
    start: starts[head]!,
    end: starts[before.length - tail]!,
    text: written(after.slice(head, after.length - tail)),
  };
}

const SECRET =
  /(\b(?:password|pwd)\s*=\s*)("(?:[^"]|"")*"|'(?:[^']|'')*'|&quot;(?:(?!&quot;).)*&quot;|[^;"'<\r\n]*)/gi;

/** A text with the values of `Password=`/`Pwd=` masked: for what is printed, never for the file. */
export function maskSecrets(text: string): string {
  return text.replace(SECRET, (_, key: string, value: string) => (value === '' ? key : `${key}*****`));
}
