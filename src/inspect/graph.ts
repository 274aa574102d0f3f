import type { ChartEdge, ChartNode } from '../../visualizer/src/protocol.js';

/** The statechart as nodes and edges, before layout. */
export interface Chart {
  machineId: string;
  nodes: ChartNode[];
  edges: ChartEdge[];
}

/** The parts of `machine.toJSON()` we read (a StateNode definition, as plain JSON). */
interface NodeJson {
  id: string;
  key: string;
  type: ChartNode['type'];
  initial?: { target: string[] };
  states: Record<string, NodeJson>;
  transitions: TransitionJson[];
  tags?: string[];
  meta?: { stepId?: string };
}

interface TransitionJson {
  target?: string[];
  eventType: string;
  guard?: { type?: string } | string;
}

/** What we need from a live state node: its eventless transitions, which toJSON() leaves out. */
interface LiveNode {
  id: string;
  states: Record<string, LiveNode>;
  always?: Array<{ target?: Array<{ id: string }>; guard?: unknown }>;
}

/**
 * Converts a machine into the chart the visualizer draws: every state node (nested) and every
 * transition, including the `always` transitions that `machine.toJSON()` omits.
 */
export function chartOf(machine: { toJSON(): unknown; root: unknown }): Chart {
  const root = JSON.parse(JSON.stringify(machine.toJSON())) as NodeJson;
  const nodes: ChartNode[] = [];
  const edges: ChartEdge[] = [];
  const add = (json: NodeJson, live: LiveNode, parent: ChartNode | null, initial: boolean) => {
    const node: ChartNode = {
      id: json.id,
      key: json.key,
      parent: parent?.id ?? null,
      type: json.type,
      initial,
      tags: [...(json.tags ?? [])].sort(),
      stepId: json.meta?.stepId ?? null,
    };
    nodes.push(node);
    const initialTargets = new Set((json.initial?.target ?? []).map(strip));
    json.transitions.forEach((t, i) => {
      for (const target of t.target ?? []) edges.push(edgeOf(json.id, strip(target), t, `t${i}`));
    });
    (live.always ?? []).forEach((t, i) => {
      for (const target of t.target ?? []) {
        edges.push({
          id: `${json.id}→${target.id}#always${i}`,
          source: json.id,
          target: target.id,
          kind: 'always',
          event: '',
          guard: guardName(t.guard),
        });
      }
    });
    for (const [key, child] of Object.entries(json.states)) {
      const liveChild = live.states[key];
      if (!liveChild) throw new Error(`state ${child.id} has no live node`);
      add(child, liveChild, node, initialTargets.has(child.id));
    }
  };
  add(root, machine.root as unknown as LiveNode, null, true);
  return { machineId: root.id, nodes, edges };
}

function edgeOf(source: string, target: string, t: TransitionJson, suffix: string): ChartEdge {
  const done = t.eventType.startsWith('xstate.done.state.');
  return {
    id: `${source}→${target}#${suffix}`,
    source,
    target,
    kind: done ? 'done' : 'event',
    event: done ? '' : t.eventType,
    guard: guardName(t.guard),
  };
}

/** toJSON() writes targets as `#id`. */
const strip = (ref: string) => (ref.startsWith('#') ? ref.slice(1) : ref);

function guardName(guard: unknown): string | null {
  if (!guard) return null;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') return guard.name || 'guard';
  const type = (guard as { type?: unknown }).type;
  return typeof type === 'string' ? type : 'guard';
}
