import type { LaidOutChart, PlacedEdge, PlacedNode } from './protocol.js';

const SVG = 'http://www.w3.org/2000/svg';

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
  parent?: Element,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  parent?.appendChild(node);
  return node;
}

/**
 * The statechart as SVG, laid out by the server. Highlighting touches only the nodes whose state
 * changed, so a transition costs a few class changes, not a redraw.
 */
export class ChartView {
  private readonly svg: SVGSVGElement;
  private readonly nodes = new Map<string, SVGGElement>();
  private readonly edgesBySource = new Map<string, SVGGElement[]>();
  private active = new Set<string>();
  private scale = 1;

  constructor(
    private readonly host: HTMLElement,
    private readonly chart: LaidOutChart,
    /** What a screen reader hears for the chart: the checklist is its readable twin. */
    label: string,
  ) {
    const pad = 8;
    this.svg = el('svg', {
      viewBox: `${-pad} ${-pad} ${chart.width + 2 * pad} ${chart.height + 2 * pad}`,
      role: 'img',
      'aria-label': label,
    });
    const defs = el('defs', {}, this.svg);
    const marker = el(
      'marker',
      {
        id: 'arrow',
        viewBox: '0 0 10 10',
        refX: 9,
        refY: 5,
        markerWidth: 7,
        markerHeight: 7,
        orient: 'auto',
      },
      defs,
    );
    el('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' }, marker);
    const nodeLayer = el('g', { class: 'nodes' }, this.svg);
    const edgeLayer = el('g', { class: 'edges' }, this.svg);
    for (const node of chart.nodes) this.nodes.set(node.id, this.drawNode(node, nodeLayer));
    for (const edge of chart.edges) {
      const g = this.drawEdge(edge, edgeLayer);
      const list = this.edgesBySource.get(edge.source) ?? [];
      list.push(g);
      this.edgesBySource.set(edge.source, list);
    }
    host.replaceChildren(this.svg);
    this.fit();
  }

  private drawNode(node: PlacedNode, layer: SVGGElement): SVGGElement {
    const compound = this.chart.nodes.some((n) => n.parent === node.id);
    const g = el(
      'g',
      {
        class: [
          'node',
          compound ? 'compound' : 'leaf',
          node.type,
          ...node.tags.map((tag) => `tag-${tag}`),
        ].join(' '),
        'data-id': node.id,
        ...(node.stepId ? { 'data-step': node.stepId } : {}),
      },
      layer,
    );
    el('rect', { x: node.x, y: node.y, width: node.width, height: node.height, rx: compound ? 10 : 6 }, g);
    if (node.type === 'final')
      el(
        'rect',
        {
          x: node.x + 3,
          y: node.y + 3,
          width: node.width - 6,
          height: node.height - 6,
          rx: 4,
          class: 'inner',
        },
        g,
      );
    const label = el(
      'text',
      compound
        ? { x: node.x + 10, y: node.y + 17 }
        : { x: node.x + node.width / 2, y: node.y + node.height / 2 + 4, 'text-anchor': 'middle' },
      g,
    );
    label.textContent = node.label;
    const title = el('title', {}, g);
    title.textContent = node.hint;
    if (node.initial && node.parent)
      el('circle', { cx: node.x - 4, cy: node.y + node.height / 2, r: 3, class: 'initial' }, g);
    return g;
  }

  private drawEdge(edge: PlacedEdge, layer: SVGGElement): SVGGElement {
    const g = el(
      'g',
      { class: `edge ${edge.kind}`, 'data-source': edge.source, 'data-target': edge.target },
      layer,
    );
    if (edge.points.length >= 2) {
      el(
        'polyline',
        { points: edge.points.map(([x, y]) => `${x},${y}`).join(' '), 'marker-end': 'url(#arrow)' },
        g,
      );
    }
    if (edge.labelAt) {
      const text = el('text', { x: edge.labelAt[0], y: edge.labelAt[1], class: 'edge-label' }, g);
      text.textContent = edge.label;
    }
    return g;
  }

  /** Marks the active states; returns the deepest one, to scroll to. */
  highlight(ids: string[]): void {
    const next = new Set(ids);
    for (const id of this.active) {
      if (next.has(id)) continue;
      this.nodes.get(id)?.classList.remove('active');
      for (const e of this.edgesBySource.get(id) ?? []) e.classList.remove('live');
    }
    for (const id of next) {
      if (this.active.has(id)) continue;
      this.nodes.get(id)?.classList.add('active');
      for (const e of this.edgesBySource.get(id) ?? []) e.classList.add('live');
    }
    this.active = next;
  }

  /** Fits the chart's height to the pane; the (long) width scrolls. */
  fit(): void {
    const height = this.host.clientHeight || 500;
    this.zoom(Math.min(1, Math.max(0.2, (height - 16) / (this.chart.height + 16))));
  }

  zoom(scale: number): void {
    this.scale = Math.min(3, Math.max(0.1, scale));
    this.svg.setAttribute('width', String(Math.round((this.chart.width + 16) * this.scale)));
    this.svg.setAttribute('height', String(Math.round((this.chart.height + 16) * this.scale)));
  }

  zoomBy(factor: number): void {
    this.zoom(this.scale * factor);
  }

  /** Scrolls the deepest active state into the middle of the pane. */
  reveal(): void {
    const deepest = [...this.active].at(-1);
    const node = deepest ? this.chart.nodes.find((n) => n.id === deepest) : undefined;
    if (!node) return;
    this.host.scrollTo({
      left: Math.max(0, (node.x + node.width / 2) * this.scale - this.host.clientWidth / 2),
      top: Math.max(0, (node.y + node.height / 2) * this.scale - this.host.clientHeight / 2),
      behavior: 'auto',
    });
  }
}
