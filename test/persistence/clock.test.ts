import { describe, expect, it } from 'vitest';
import { isoAt, isoNow } from '../../src/persistence/clock.js';

describe('the store’s time stamps', () => {
  it('equal Date’s ISO text, across second, day and year boundaries', () => {
    const starts = [
      0,
      Date.UTC(2026, 10, 29, 23, 59, 59, 990),
      Date.UTC(2028, 1, 29, 12),
      Date.UTC(2026, 11, 31, 23, 59, 58),
    ];
    for (const start of starts) {
      for (let ms = start; ms < start + 2_500; ms += 7) expect(isoAt(ms)).toBe(new Date(ms).toISOString());
    }
    // Going back in time (a clock set back) formats the earlier second again.
    const later = Date.UTC(2026, 10, 29, 10, 0, 5, 1);
    expect(isoAt(later)).toBe('2026-11-29T10:00:05.001Z');
    expect(isoAt(later - 4_000)).toBe('2026-11-29T10:00:01.001Z');
  });

  it('reads the clock', () => {
    const before = Date.now();
    const stamp = Date.parse(isoNow());
    expect(stamp).toBeGreaterThanOrEqual(before);
    expect(stamp).toBeLessThanOrEqual(Date.now());
  });
});
