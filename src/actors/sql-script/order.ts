import type { Dependency, ModuleInfo, TableInfo } from './catalog.js';

/** What the script creates before the data, in one order. */
export type Creatable = { kind: 'table'; table: TableInfo } | { kind: 'module'; module: ModuleInfo };

const idOf = (c: Creatable) => (c.kind === 'table' ? c.table.id : c.module.id);
/** Among objects free to go: tables, functions, views, procedures; then by object_id. */
const RANK = { table: 0, FN: 1, TF: 1, IF: 2, V: 3, P: 4 } as const;
const rankOf = (c: Creatable) => (c.kind === 'table' ? RANK.table : RANK[c.module.type as keyof typeof RANK]);
/**
 * Bodies SQL Server resolves when they run, not when they are created (deferred name
 * resolution: procedures, scalar and multi-statement functions): where references go round
 * in a circle, these are created first. A view or an inline function needs its objects.
 */
const deferred = (c: Creatable) => c.kind === 'module' && ['P', 'FN', 'TF'].includes(c.module.type);

/**
 * Tables and modules (triggers apart: they come after the data) so that each comes after what
 * it refers to: a computed column, DEFAULT or CHECK calling a function, a view over a view that
 * has a higher object_id. Objects free to go keep the order tables, functions, views,
 * procedures; a circle is broken at a body resolved late.
 */
export function creationOrder(
  tables: TableInfo[],
  modules: ModuleInfo[],
  dependencies: Dependency[],
): Creatable[] {
  const all: Creatable[] = [
    ...tables.map((table) => ({ kind: 'table', table }) as const),
    ...modules.filter((m) => m.type !== 'TR').map((module) => ({ kind: 'module', module }) as const),
  ];
  const byId = new Map(all.map((c) => [idOf(c), c]));
  const needs = new Map(all.map((c) => [idOf(c), new Set<number>()]));
  for (const d of dependencies)
    if (d.referencingId !== d.referencedId && byId.has(d.referencedId))
      needs.get(d.referencingId)?.add(d.referencedId);
  const before = (a: Creatable, b: Creatable) => rankOf(a) - rankOf(b) || idOf(a) - idOf(b);
  const order: Creatable[] = [];
  const left = new Set(byId.keys());
  while (left.size) {
    const candidates = [...left].map((id) => byId.get(id)!);
    const free = candidates.filter((c) => [...needs.get(idOf(c))!].every((id) => !left.has(id)));
    const next =
      free.sort(before)[0] ??
      candidates.sort((a, b) => Number(deferred(b)) - Number(deferred(a)) || before(a, b))[0]!;
    order.push(next);
    left.delete(idOf(next));
  }
  return order;
}
