#!/usr/bin/env node
// The layer rules of DESIGN.md, checked on every `npm run lint` (see README, "Architecture").
// Reads the import specifiers of src/**/*.ts (static, `export … from` and `import()`), resolves
// the relative ones and reports: imports of test/, forbidden layer edges, deep imports into
// another layer's files, and import cycles between files. Exit 1 with one line per finding.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const src = join(root, 'src');

/** What each layer may import of ours (its own files are always allowed). */
const ALLOWED = {
  i18n: [],
  errors: ['i18n'],
  catalog: ['i18n', 'errors'],
  plan: ['catalog', 'i18n', 'errors'],
  machines: ['catalog', 'plan', 'i18n', 'errors'],
  host: ['i18n', 'errors'],
  persistence: ['i18n', 'errors'],
  formats: ['i18n', 'errors'],
  actors: ['catalog', 'formats', 'host', 'i18n', 'errors'],
  twin: ['actors', 'formats', 'catalog', 'host', 'i18n', 'errors'],
  forecast: ['twin', 'catalog', 'plan', 'machines', 'i18n', 'errors'],
  diagnose: ['actors', 'formats', 'catalog', 'plan', 'host', 'i18n', 'errors'],
  runtime: ['actors', 'forecast', 'catalog', 'plan', 'machines', 'persistence', 'host', 'i18n', 'errors'],
  report: ['forecast', 'runtime', 'catalog', 'plan', 'machines', 'persistence', 'i18n', 'errors'],
  simulation: ['runtime', 'actors', 'catalog', 'machines', 'host', 'i18n', 'errors'],
  service: [
    'twin',
    'forecast',
    'runtime',
    'report',
    'simulation',
    'actors',
    'catalog',
    'plan',
    'machines',
    'persistence',
    'host',
    'i18n',
    'errors',
  ],
  // The front ends reach runs only through the service: never runtime, persistence or simulation.
  inspect: ['service', 'machines', 'catalog', 'plan', 'i18n', 'errors'],
  cli: [
    'service',
    'twin',
    'forecast',
    'inspect',
    'actors',
    'diagnose',
    'report',
    'catalog',
    'plan',
    'host',
    'i18n',
    'errors',
  ],
};
/** The visualizer's protocol types are shared with the page (type-only imports). */
const SHARED = join(root, 'visualizer', 'src');

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const found = [];
  for (const m of text.matchAll(IMPORT)) found.push(m[1] ?? m[2]);
  return found;
}

const layerOf = (file) => relative(src, file).split(sep)[0];

const findings = [];
const graph = new Map();
for (const file of files(src)) {
  const from = layerOf(file);
  const edges = [];
  for (const spec of importsOf(file)) {
    if (!spec.startsWith('.')) continue;
    const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
    const shown = `${relative(root, file)} → ${spec}`;
    if (!target.startsWith(src + sep)) {
      if (target.startsWith(SHARED + sep)) continue;
      findings.push(`${shown}: src/ imports nothing outside src/ (test code never ships)`);
      continue;
    }
    edges.push(target);
    const to = layerOf(target);
    if (to === from) continue;
    const allowed = ALLOWED[from];
    if (!allowed) findings.push(`${shown}: the layer ${from} is not in the rules (scripts/check-layers.js)`);
    else if (!allowed.includes(to)) findings.push(`${shown}: ${from} may not import ${to}`);
    // Another layer is entered through its index.ts (or a sub-folder's index.ts).
    else if (!target.endsWith(`${sep}index.ts`)) findings.push(`${shown}: deep import; use ${to}'s index.ts`);
  }
  graph.set(file, edges);
}

// Cycles between files: a depth-first search that reports each back edge once.
const state = new Map();
const stack = [];
function visit(file) {
  state.set(file, 'open');
  stack.push(file);
  for (const next of graph.get(file) ?? []) {
    if (state.get(next) === 'open') {
      const cycle = stack.slice(stack.indexOf(next)).concat(next);
      findings.push(`import cycle: ${cycle.map((f) => relative(root, f)).join(' → ')}`);
    } else if (!state.has(next)) visit(next);
  }
  stack.pop();
  state.set(file, 'done');
}
for (const file of graph.keys()) if (!state.has(file)) visit(file);

if (findings.length > 0) {
  for (const f of findings) console.error(f);
  console.error(
    `${findings.length} layer rule(s) broken (DESIGN.md, "Layout"; rules in scripts/check-layers.js)`,
  );
  process.exit(1);
}
console.log(`layers: ${graph.size} files, no forbidden import, no cycle`);
