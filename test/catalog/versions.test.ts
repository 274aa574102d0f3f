import { describe, expect, it } from 'vitest';
import { hopsToV8, isLatestV4, parseSqlServerVersion, parseVersion } from '../../src/catalog/index.js';

describe('parseVersion: real-world spellings', () => {
  const good: Array<[string, number, string]> = [
    ['4.5.35 SR5', 4, '4.5.35 SR5'],
    ['4.5.35SR5', 4, '4.5.35 SR5'],
    ['4.5.35 sr 5', 4, '4.5.35 SR5'],
    ['4.5.35 Service Release 5', 4, '4.5.35 SR5'],
    ['XPhone UC 2011', 4, '4'],
    ['UC2011 SR5', 4, '4 SR5'],
    ['V4', 4, '4'],
    ['V5', 5, '5'],
    ['v6', 6, '6'],
    ['V 7', 7, '7'],
    ['7.0', 7, '7.0'],
    ['8', 8, '8'],
    ['8.0.1234', 8, '8.0.1234'],
    ['XPhone Connect 8', 8, '8'],
    ['XPhone Connect V9', 9, '9'],
    ['9.0.330.1359', 9, '9.0.330.1359'],
    ['Version 9.8.69', 9, '9.8.69'],
    ['  9.0.330.1359  ', 9, '9.0.330.1359'],
    ['XPhone Connect Server 9.0', 9, '9.0'],
  ];
  for (const [input, major, normalized] of good) {
    it(`reads "${input}" as V${major}`, () => {
      const result = parseVersion(input);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.version.major).toBe(major);
      expect(result.version.normalized).toBe(normalized);
    });
  }

  const bad: Array<[string, string]> = [
    ['V3', 'tooOld'],
    ['3.2', 'tooOld'],
    ['10.1', 'tooNew'],
    ['V10', 'tooNew'],
    ['11', 'unknownMajor'],
    ['banana', 'unparsable'],
    ['', 'unparsable'],
    ['9.x', 'unparsable'],
    ['9 SR2', 'unparsable'],
    ['UC 2012', 'unparsable'],
    ['V9 beta', 'unparsable'],
  ];
  for (const [input, kind] of bad) {
    it(`rejects "${input}" (${kind})`, () => {
      const result = parseVersion(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problem.kind).toBe(kind);
    });
  }
});

describe('isLatestV4', () => {
  // 4.5.36 and SR6 are past the last release the guide names: not "already 4.5.35 SR5".
  const cases: Array<[string, string]> = [
    ['4.5.35 SR5', 'latest'],
    ['4.5.36', 'unknown'],
    ['4.5.35 SR6', 'unknown'],
    ['4.6', 'unknown'],
    ['4.5.35 SR4', 'older'],
    ['4.5.30', 'older'],
    ['4.4', 'older'],
    ['4.5.35', 'unclear'],
    ['V4', 'unclear'],
    ['UC 2011', 'unclear'],
  ];
  for (const [input, expected] of cases) {
    it(`${input} → ${expected}`, () => {
      const r = parseVersion(input);
      if (!r.ok) throw new Error('unparsable');
      expect(isLatestV4(r.version)).toBe(expected);
    });
  }
});

describe('hops and SQL Server versions', () => {
  it('walks every major version to V8', () => {
    expect(hopsToV8(5)).toEqual([
      { from: 5, to: 6 },
      { from: 6, to: 7 },
      { from: 7, to: 8 },
    ]);
    expect(hopsToV8(7)).toEqual([{ from: 7, to: 8 }]);
    expect(hopsToV8(8)).toEqual([]);
    expect(hopsToV8(9)).toEqual([]);
  });

  it('reads SQL Server years and product numbers', () => {
    expect(parseSqlServerVersion('2016')).toBe(2016);
    expect(parseSqlServerVersion('SQL Server 2019')).toBe(2019);
    expect(parseSqlServerVersion('2008 R2')).toBe(2008);
    expect(parseSqlServerVersion('15.0.2000.5')).toBe(2019);
    expect(parseSqlServerVersion('13')).toBe(2016);
    expect(parseSqlServerVersion('2015')).toBeUndefined();
    expect(parseSqlServerVersion('new')).toBeUndefined();
  });
});
