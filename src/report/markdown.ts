/**
 * Text as Markdown shows it literally, on one line (a table cell, a list item): `<Databases>`
 * would be read as an HTML tag and vanish, `*`, `_`, `|` and backticks as markup. CommonMark
 * lets a backslash escape any ASCII punctuation; a backslash that would escape the next character
 * by accident (`C:\*`) is doubled, one before a letter (`C:\SQLData`) stays as it is.
 */
export function markdownText(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\')
    .replace(/[`*_[\]<>|&]/g, (c) => `\\${c}`);
}
