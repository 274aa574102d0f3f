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
