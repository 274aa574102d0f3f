import ElkModule from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { LaidOutChart, PlacedEdge, PlacedNode } from '../../visualizer/src/protocol.js';
import { type ChartWords, MACHINE_WORDS } from './chart-words.js';
import type { Chart } from './graph.js';

// elkjs is CommonJS: its default export is the constructor under NodeNext.
const ELK = ElkModule as unknown as new () => { layout(graph: ElkNode): Promise<ElkNode> };

/** Layered, left to right, children laid out with their parents, orthogonal edges (DESIGN.md). */
const LAYOUT = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.spacing.nodeNodeBetweenLayers': '28',
  'elk.spacing.nodeNode': '18',
  'elk.spacing.edgeLabel': '2',
  'elk.randomSeed': '1',
};

const CHAR_WIDTH = 7;
const NODE_HEIGHT = 34;
const LABEL_HEIGHT = 14;
const COMPOUND_TITLE = 26;

const textWidth = (text: string) => Math.ceil(text.length * CHAR_WIDTH) + 24;

/**
 * Lays the chart out with elkjs. Sizes come from label lengths, not font metrics, so the same
 * machine always gives the same picture, on any server. `words` names the nodes and edges (the
 * page's language); by default the machine's own names.
 */
export async function layoutChart(chart: Chart, words: ChartWords = MACHINE_WORDS): Promise<LaidOutChart> {
  const byId = new Map(chart.nodes.map((n) => [n.id, n]));
  const elkNodes = new Map<string, ElkNode>();
  const labels = new Map<string, string>();
  for (const node of chart.nodes) {
    const label = words.node(node, node.parent ? (byId.get(node.parent) ?? null) : null);
    labels.set(node.id, label);
    const compound = chart.nodes.some((n) => n.parent === node.id);
    const elk: ElkNode = compound
      ? {
          id: node.id,
          children: [],
          layoutOptions: { 'elk.padding': `[top=${COMPOUND_TITLE},left=12,bottom=12,right=12]` },
        }
      : { id: node.id, width: Math.max(90, textWidth(label)), height: NODE_HEIGHT };
    elkNodes.set(node.id, elk);
    if (node.parent) elkNodes.get(node.parent)?.children?.push(elk);
  }
  const root = elkNodes.get(chart.nodes[0]!.id)!;
  root.layoutOptions = { ...LAYOUT, ...root.layoutOptions };
  root.edges = chart.edges.map(
    (e): ElkExtendedEdge => ({
      id: e.id,
      sources: [e.source],
      targets: [e.target],
      labels: [{ text: words.edge(e), width: textWidth(words.edge(e)) - 16, height: LABEL_HEIGHT }],
    }),
  );
  const out = await new ELK().layout(root);

  // Node coordinates are relative to the parent; edge coordinates to the edge's container.
  const placed: PlacedNode[] = [];
  const origin = new Map<string, [number, number]>();
  const visit = (elk: ElkNode, ox: number, oy: number) => {
    const x = ox + (elk.x ?? 0);
    const y = oy + (elk.y ?? 0);
    origin.set(elk.id, [x, y]);
    const node = byId.get(elk.id)!;
    placed.push({
      ...node,
      label: labels.get(elk.id)!,
      hint: words.hint(node),
      x: round(x),
      y: round(y),
      width: round(elk.width ?? 0),
      height: round(elk.height ?? 0),
    });
    for (const child of elk.children ?? []) visit(child, x, y);
  };
  visit(out, 0, 0);
  const edges: PlacedEdge[] = (out.edges ?? []).map((elk) => {
    const edge = chart.edges.find((e) => e.id === elk.id)!;
    const container = (elk as { container?: string }).container ?? out.id;
    const [cx, cy] = origin.get(container) ?? [0, 0];
    const points: Array<[number, number]> = [];
    for (const s of elk.sections ?? []) {
      points.push([round(cx + s.startPoint.x), round(cy + s.startPoint.y)]);
      for (const b of s.bendPoints ?? []) points.push([round(cx + b.x), round(cy + b.y)]);
      points.push([round(cx + s.endPoint.x), round(cy + s.endPoint.y)]);
    }
    const label = elk.labels?.[0];
    return {
      ...edge,
      label: words.edge(edge),
      points,
      labelAt: label ? [round(cx + (label.x ?? 0)), round(cy + (label.y ?? 0) + LABEL_HEIGHT - 3)] : null,
    };
  });
  // Children before parents would hide them: the page draws in this order.
  placed.sort((a, b) => depth(a, byId) - depth(b, byId));
  return {
    machineId: chart.machineId,
    width: round(out.width ?? 0),
    height: round(out.height ?? 0),
    nodes: placed,
    edges,
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

function depth(node: { parent: string | null }, byId: Map<string, { parent: string | null }>): number {
  let d = 0;
  for (let p = node.parent; p; p = byId.get(p)?.parent ?? null) d++;
  return d;
}
