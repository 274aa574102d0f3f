import { describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import { chartOf, edgeLabel, layoutChart, nodeLabel } from '../../src/inspect/index.js';
import { buildMachine, runStepsOf } from '../../src/machines/index.js';
import { buildPlan } from '../../src/plan/index.js';

/** Nested states, a guarded and a plain `always`, onDone, a final state, tags and meta. */
const sample = createMachine({
  id: 'm',
  initial: 'idle',
  states: {
    idle: {
      always: [{ target: 'work', guard: 'ready' }],
      on: { GO: { target: 'work', guard: { type: 'allowed', params: { x: 1 } } } },
    },
    work: {
      initial: 'first',
      states: {
        first: { always: 'second', tags: ['busy'] },
        second: { on: { NEXT: 'end' }, meta: { stepId: 'step.two' } },
        end: { type: 'final' },
      },
      onDone: 'finished',
    },
    finished: { type: 'final' },
  },
});

describe('graph conversion', () => {
  it('keeps nesting, tags, meta and every transition, including `always` (which toJSON() omits)', () => {
    const json = JSON.stringify(sample.toJSON());
    expect(json).not.toContain('always'); // why the conversion exists
    const chart = chartOf(sample);
    expect(chart.machineId).toBe('m');
    expect(chart.nodes.map((n) => [n.id, n.parent, n.type, n.initial])).toEqual([
      ['m', null, 'compound', true],
      ['m.idle', 'm', 'atomic', true],
      ['m.work', 'm', 'compound', false],
      ['m.work.first', 'm.work', 'atomic', true],
      ['m.work.second', 'm.work', 'atomic', false],
      ['m.work.end', 'm.work', 'final', false],
      ['m.finished', 'm', 'final', false],
    ]);
    expect(chart.nodes.find((n) => n.id === 'm.work.first')?.tags).toEqual(['busy']);
    expect(chart.nodes.find((n) => n.id === 'm.work.second')?.stepId).toBe('step.two');
    const edges = chart.edges.map((e) => [e.source, e.target, e.kind, e.event, e.guard]);
    expect(edges).toHaveLength(5);
    expect(edges).toEqual(
      expect.arrayContaining([
        ['m.idle', 'm.work', 'event', 'GO', 'allowed'],
        ['m.idle', 'm.work', 'always', '', 'ready'],
        ['m.work', 'm.finished', 'done', '', null],
        ['m.work.first', 'm.work.second', 'always', '', null],
        ['m.work.second', 'm.work.end', 'event', 'NEXT', null],
      ]),
    );
    expect(new Set(chart.edges.map((e) => e.id)).size).toBe(chart.edges.length);
  });

  it('covers every step of the V5 → V9 machine, with edges between known nodes only', () => {
    const steps = runStepsOf(buildPlan({ from: '5', target: 'A' }));
    const chart = chartOf(buildMachine('r', steps).machine);
    const ids = new Set(chart.nodes.map((n) => n.id));
    for (const step of steps) expect(chart.nodes.some((n) => n.stepId === step.id)).toBe(true);
    for (const e of chart.edges) {
      expect(ids.has(e.source)).toBe(true);
      expect(ids.has(e.target)).toBe(true);
    }
    // A failed state accepts retry, skip, confirm and abort: four edges out of each.
    const failed = chart.nodes.filter((n) => n.key.endsWith('__failed'));
    expect(failed.length).toBeGreaterThan(5);
    for (const f of failed)
      expect(new Set(chart.edges.filter((e) => e.source === f.id).map((e) => e.event))).toEqual(
        new Set(['RETRY', 'SKIP', 'CONFIRM', 'ABORT']),
      );
  });

  it('labels nodes without their parent prefix and edges with event and guard', () => {
    expect(nodeLabel('hop_v5v6_update__failed', 'hop_v5v6')).toBe('update · failed');
    expect(nodeLabel('done', 'xpmigrate')).toBe('done');
    expect(edgeLabel({ id: '', source: '', target: '', kind: 'always', event: '', guard: 'ready' })).toBe(
      'always [ready]',
    );
  });
});

describe('layout', () => {
  it('is deterministic and nests children inside their parents without overlaps', async () => {
    const chart = chartOf(sample);
    const a = await layoutChart(chart);
    const b = await layoutChart(chartOf(sample));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));

    const byId = new Map(a.nodes.map((n) => [n.id, n]));
    for (const n of a.nodes) {
      const p = n.parent ? byId.get(n.parent)! : undefined;
      if (p) {
        expect(n.x).toBeGreaterThanOrEqual(p.x);
        expect(n.y).toBeGreaterThanOrEqual(p.y);
        expect(n.x + n.width).toBeLessThanOrEqual(p.x + p.width);
        expect(n.y + n.height).toBeLessThanOrEqual(p.y + p.height);
      }
      for (const o of a.nodes) {
        if (o === n || o.parent !== n.parent) continue;
        const apart =
          n.x + n.width <= o.x || o.x + o.width <= n.x || n.y + n.height <= o.y || o.y + o.height <= n.y;
        expect(apart, `${n.id} overlaps ${o.id}`).toBe(true);
      }
    }
    // Parents come before their children: the page draws in this order.
    const order = a.nodes.map((n) => n.id);
    for (const n of a.nodes) if (n.parent) expect(order.indexOf(n.parent)).toBeLessThan(order.indexOf(n.id));
  });

  it('routes every edge from its source to its target in absolute coordinates', async () => {
    const steps = runStepsOf(buildPlan({ from: '8', target: 'C' }));
    const laid = await layoutChart(chartOf(buildMachine('r', steps).machine));
    const byId = new Map(laid.nodes.map((n) => [n.id, n]));
    const near = (point: [number, number], id: string) => {
      const n = byId.get(id)!;
      const [x, y] = point;
      return x >= n.x - 2 && x <= n.x + n.width + 2 && y >= n.y - 2 && y <= n.y + n.height + 2;
    };
    expect(laid.edges.length).toBeGreaterThan(50);
    for (const e of laid.edges) {
      expect(e.points.length, e.id).toBeGreaterThanOrEqual(2);
      expect(near(e.points[0]!, e.source), `${e.id} starts at its source`).toBe(true);
      expect(near(e.points.at(-1)!, e.target), `${e.id} ends at its target`).toBe(true);
      expect(e.labelAt).not.toBeNull();
    }
  });
});
