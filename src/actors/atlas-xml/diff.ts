/**
 * A unified diff of two texts with the same line structure (atlas.xml edits change values
 * inside lines, never line breaks), three lines of context, line endings not shown.
 */
export function unifiedDiff(before: string, after: string, name: string, context = 3): string {
  const a = before.split('\n').map((l) => l.replace(/\r$/, ''));
  const b = after.split('\n').map((l) => l.replace(/\r$/, ''));
  if (a.length !== b.length) throw new Error('line structure changed');
  const changed = a.flatMap((line, i) => (line !== b[i] ? [i] : []));
  if (changed.length === 0) return '';
  const out = [`--- ${name}`, `+++ ${name} (new)`];
  let k = 0;
  while (k < changed.length) {
    const first = Math.max(0, changed[k]! - context);
    let last = Math.min(a.length - 1, changed[k]! + context);
    while (k + 1 < changed.length && changed[k + 1]! - context <= last + 1) {
      k++;
      last = Math.min(a.length - 1, changed[k]! + context);
    }
    k++;
    const body: string[] = [];
    let count = 0;
    for (let i = first; i <= last; i++) {
      count++;
      if (a[i] === b[i]) body.push(` ${a[i]}`);
      else body.push(`-${a[i]}`, `+${b[i]}`);
    }
    out.push(`@@ -${first + 1},${count} +${first + 1},${count} @@`, ...body);
  }
  return `${out.join('\n')}\n`;
}
