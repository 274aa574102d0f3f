import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Mark, PLANS, V8V9_MATRIX } from '../../src/catalog/index.js';

/** The guide's table, read from its own text: "#<TAB>A<TAB>B<TAB>C<TAB>D<TAB>Aktion". */
function guideMatrix(): Map<string, Record<string, string>> {
  const text = readFileSync(new URL('../fixtures/guide/matrix-table.txt', import.meta.url), 'utf8');
  const rows = new Map<string, Record<string, string>>();
  for (const line of text.split('\n')) {
    const cells = line.split('\t');
    if (!/^\d+a?$/.test(cells[0] ?? '')) continue;
    rows.set(cells[0]!, { A: cells[1]!, B: cells[2]!, C: cells[3]!, D: cells[4]! });
  }
  return rows;
}

describe('the V8 → V9 matrix', () => {
  const guide = guideMatrix();

  it('has exactly the guide rows, in the guide order', () => {
    expect([...guide.keys()]).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '7a',
      '8',
      '9',
      '10',
      '11',
      '12',
      '13',
    ]);
    expect(V8V9_MATRIX.map((r) => r.row)).toEqual([...guide.keys()]);
  });

  for (const [row, marks] of guideMatrix()) {
    for (const plan of PLANS) {
      it(`row ${row}, plan ${plan}: "${marks[plan]}"`, () => {
        const catalogRow = V8V9_MATRIX.find((r) => r.row === row);
        expect(catalogRow?.marks[plan]).toBe(marks[plan] as Mark);
      });
    }
  }

  it('gives every optional row the criteria that decide it', () => {
    for (const row of V8V9_MATRIX) {
      const optional = PLANS.some((p) => row.marks[p] === '(X)');
      if (optional) expect(row.criteria?.items.length, `row ${row.row}`).toBeGreaterThan(0);
    }
    const mapi = V8V9_MATRIX.find((r) => r.row === '3')!;
    expect(mapi.criteria?.rule).toBe('any');
    expect(mapi.criteria?.items.map((c) => c.id)).toEqual([
      'calendarSync',
      'exchangeContacts',
      'voicemailOutlook',
    ]);
  });

  it('keeps the step ids unique and stable-looking, with both languages filled', () => {
    const steps = V8V9_MATRIX.flatMap((r) => r.steps);
    const ids = steps.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const step of steps) {
      expect(step.id).toMatch(/^v8v9\.\d+[ab]?\.[a-z0-9-]+$/);
      expect(step.id.split('.')[1]!.replace(/[ab]$/, '')).toBe(step.row!.replace(/a$/, ''));
      for (const lang of ['de', 'en'] as const) {
        expect(step.title[lang].length).toBeGreaterThan(5);
        expect(step.help[lang].length).toBeGreaterThan(20);
      }
      expect(step.title.de).not.toBe(step.title.en);
    }
  });
});
