import { describe, expect, it } from 'vitest';
import { downtimeText, forecastRun, rateOf, spanText } from '../../src/forecast/index.js';
import { runStepsOf } from '../../src/machines/index.js';
import { buildPlan } from '../../src/plan/index.js';
import { runTiming } from '../../src/report/timing.js';
import type { TwinFacts } from '../../src/twin/index.js';

/** A twin with a known backup history: three full backups of 1000 MB at 10, 20 and 40 MB/s. */
function facts(more: Partial<TwinFacts> = {}): TwinFacts {
  return {
    machine: {
      name: 'XPSRV01',
      os: 'Windows Server 2019',
      hardware: 'VMware, Inc. VMware7,1',
      virtual: 'vmware',
    },
    xphone: { version: '8.0.100', installDir: 'C:\\XPhone' },
    services: [],
    appPools: [],
    volumes: [],
    atlas: [],
    share: null,
    backupManager: [],
    previousRun: null,
    sql: [
      {
        server: '(local)\\XPCONNECT',
        version: '12.0.6024.0',
        edition: 'Express Edition (64-bit)',
        engineEdition: 4,
        language: 'Deutsch',
        dataPath: 'C:\\SQL\\',
        logPath: 'C:\\SQL\\',
        freeMb: 50_000,
        databases: [
          { name: 'XPDATA', state: 'ONLINE', dataMb: 1800, logMb: 200, backupMb: 1500 },
          { name: 'XPVDIR', state: 'ONLINE', dataMb: 500, logMb: 50, backupMb: null },
        ],
        backups: [
          { database: 'XPDATA', sizeMb: 1000, seconds: 50, finishedAt: '2026-11-27T22:00:00', device: 'a' },
          { database: 'XPDATA', sizeMb: 1000, seconds: 25, finishedAt: '2026-11-26T22:00:00', device: 'b' },
          { database: 'XPDATA', sizeMb: 1000, seconds: 100, finishedAt: '2026-11-25T22:00:00', device: 'c' },
          // Under a second says nothing about the rate (msdb keeps whole seconds).
          { database: 'XPVDIR', sizeMb: 5, seconds: 0, finishedAt: '2026-11-25T22:00:00', device: 'd' },
        ],
      },
    ],
    ...more,
  };
}

const planA = buildPlan({ from: '8', target: 'A', virtual: true });
const stepsA = runStepsOf(planA);
const of = (f: ReturnType<typeof forecastRun>, id: string) => f.steps.find((s) => s.stepId === id)!;

describe('the forecast from a synthetic backup history', () => {
  it('measures the rate: slowest, median and fastest, leaving out backups under a second', () => {
    expect(rateOf(facts().sql[0]!.backups)).toEqual({ slowest: 10, median: 20, fastest: 40, samples: 3 });
    expect(rateOf([{ sizeMb: 10, seconds: 0 }])).toBeNull();
  });

  it('gives each SQL step its known duration: size (newest backup, else data files) at the measured rate', () => {
    const f = forecastRun(stepsA, facts());
    // 1500 MB (XPDATA's newest backup) + 500 MB (XPVDIR's data files, no backup) = 2000 MB.
    // The safety copy backs up and verifies: 2 × 2000 MB at 40 / 20 / 10 MB/s.
    expect(of(f, 'v8v9.backup')).toMatchObject({
      nature: 'sql-backup',
      span: { low: 100, expected: 200, high: 400 },
      basis: { kind: 'sql-history', sizeMb: 2000, rate: { median: 20, samples: 3 }, factor: 2 },
    });
    // The Backup-Manager's restore without logged runs: from the backup rate, times 1, 1.25, 2.
    expect(of(f, 'v8v9.12.restore').span).toEqual({ low: 50, expected: 125, high: 400 });
    expect(of(f, 'v8v9.12.restore').basis.kind).toBe('restore-from-backup');
  });

  it("takes the Backup-Manager's own logged runs when it has them, failed runs left out", () => {
    const f = forecastRun(
      stepsA,
      facts({
        backupManager: [
          { operation: 'backup', startedAt: '2026-11-20T22:00:00', seconds: 900, failed: false },
          { operation: 'backup', startedAt: '2026-11-21T22:00:00', seconds: 300, failed: false },
          { operation: 'backup', startedAt: '2026-11-22T22:00:00', seconds: 600, failed: false },
          { operation: 'backup', startedAt: '2026-11-23T22:00:00', seconds: 5, failed: true },
        ],
      }),
    );
    expect(of(f, 'v8v9.backup-manager')).toMatchObject({
      nature: 'bm-backup',
      span: { low: 300, expected: 600, high: 900 },
      basis: { kind: 'bm-log', runs: 3, operation: 'backup' },
    });
  });

  it('names the downtime window by its first and last step, and sums the steps in it', () => {
    const f = forecastRun(stepsA, facts());
    expect(f.downtimes).toHaveLength(1);
    const [d] = f.downtimes;
    expect(d!.firstStep).toBe('v8v9.cutover');
    expect(d!.lastStep).toBe('v8v9.12.restore-log');
    const inside = f.steps.filter((s) => s.inDowntime);
    expect(inside.map((s) => s.stepId)).toEqual([
      'v8v9.cutover',
      'v8v9.cutover-log',
      'v8v9.cutover-stop',
      'v8v9.cutover-stopped',
      'v8v9.cutover-backup',
      'v8v9.12.restore',
      'v8v9.12.restore-log',
    ]);
    expect(d!.span.expected).toBeCloseTo(
      inside.reduce((n, s) => n + s.span!.expected, 0),
      6,
    );
    expect(d!.unknown).toEqual([]);
    expect(downtimeText(f, (id) => id, 'en')).toMatch(
      /^XPhone downtime: .+, from "v8v9\.cutover" to "v8v9\.12\.restore-log"$/,
    );
  });

  it('says "unknown" where a fact is missing, never a number, and the window becomes a lower bound', () => {
    const noHistory = facts();
    noHistory.sql[0]!.backups = [];
    const f = forecastRun(stepsA, noHistory);
    expect(of(f, 'v8v9.backup')).toMatchObject({
      span: null,
      basis: { kind: 'unknown', needs: 'backup-history' },
    });
    expect(spanText(of(f, 'v8v9.backup').span, 'de')).toBe('unbekannt');
    expect(f.downtimes[0]!.unknown).toContain('v8v9.12.restore');
    expect(downtimeText(f, (id) => id, 'en')).toContain('at least');
    const noSizes = facts();
    noSizes.sql[0]!.databases[1]!.dataMb = null;
    expect(of(forecastRun(stepsA, noSizes), 'v8v9.backup').basis).toEqual({
      kind: 'unknown',
      needs: 'database-sizes',
    });
    // Without a twin at all: sizes unknown; manual steps keep their typical durations.
    const none = forecastRun(stepsA, undefined);
    expect(of(none, 'v8v9.backup').span).toBeNull();
    expect(of(none, 'v8v9.3.mapi').basis.kind).toBe('typical');
  });

  it("sizes the SQL Express upgrade per instance: the vendor's script migrates one at a time", () => {
    const twin = facts();
    twin.sql.push({
      ...twin.sql[0]!,
      server: '(local)\\XPANALYTICS',
      databases: [{ name: 'XPSTATS', state: 'ONLINE', dataMb: 4000, logMb: 10, backupMb: null }],
      backups: [],
    });
    const f = forecastRun(runStepsOf(buildPlan({ job: 'sql-express', from: '9' })), twin);
    const scripts = f.steps.filter((s) => s.nature === 'sql-express-upgrade');
    // 2000 MB on XPCONNECT, 4000 MB on XPANALYTICS; at the median of 20 MB/s, times 2.25.
    expect(scripts.map((s) => s.span!.expected)).toEqual([225, 450]);
  });

  it('takes what a step took in the last real run on the server over its estimate', () => {
    const f = forecastRun(
      stepsA,
      facts({
        previousRun: {
          runId: 'a1b2c3d4-run',
          finishedAt: '2026-11-20T23:00:00Z',
          steps: [
            { stepId: 'v8v9.6.install-xphone', seconds: 2400 },
            { stepId: 'v8v9.12.restore', seconds: 333 },
          ],
          downtimes: [],
        },
      }),
      { 'v8v9.12.restore': 4 },
    );
    expect(of(f, 'v8v9.6.install-xphone')).toMatchObject({
      span: { low: 2400, expected: 2400, high: 2400 },
      basis: { kind: 'previous-run', seconds: 2400, runId: 'a1b2c3d4-run' },
    });
    // The operator's own estimate still wins.
    expect(of(f, 'v8v9.12.restore').basis).toEqual({ kind: 'operator', minutes: 4 });
  });

  it("takes the operator's estimate over everything else", () => {
    const f = forecastRun(stepsA, facts(), { 'v8v9.6.install-xphone': 45, 'v8v9.backup': 3 });
    expect(of(f, 'v8v9.6.install-xphone')).toMatchObject({
      span: { low: 2700, expected: 2700, high: 2700 },
      basis: { kind: 'operator', minutes: 45 },
    });
    expect(of(f, 'v8v9.backup').span?.expected).toBe(180);
  });

  it('gives the updates V5 → V8 a downtime of their own, before the move to V9', () => {
    const plan = buildPlan({ from: '5', target: 'A', virtual: true });
    const f = forecastRun(runStepsOf(plan), facts());
    expect(f.downtimes.map((d) => [d.firstStep, d.lastStep])).toEqual([
      [expect.stringMatching(/^hops\./), expect.stringMatching(/^hop\.v7v8\./)],
      ['v8v9.cutover', 'v8v9.12.restore-log'],
    ]);
    // The new server is installed while the old one runs: not downtime.
    expect(of(f, 'v8v9.6.install-xphone').inDowntime).toBe(false);
  });

  it('with a parallel intermediate server (--little-downtime) the updates are no downtime: only the cut-over is', () => {
    const plan = buildPlan({ from: '5', target: 'A', virtual: true, littleDowntime: true });
    const f = forecastRun(runStepsOf(plan), facts());
    expect(f.downtimes.map((d) => [d.firstStep, d.lastStep])).toEqual([
      ['v8v9.cutover', 'v8v9.12.restore-log'],
    ]);
    expect(of(f, 'hop.v5v6.update').inDowntime).toBe(false);
  });
});

describe('forecast beside actual, after a run', () => {
  it('times each settled step from the one before it, and prints how far the downtime forecast was off', () => {
    const f = forecastRun(stepsA, facts());
    const start = Date.parse('2026-11-28T20:00:00Z');
    const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
    // Every step settled one minute after the previous; the restore took 10 minutes.
    let minute = 0;
    const settled = stepsA.map((s) => {
      minute += s.id === 'v8v9.12.restore' ? 10 : 1;
      return { id: s.id, at: at(minute) };
    });
    const timing = runTiming(f, at(0), settled);
    expect(timing.steps.find((s) => s.stepId === 'v8v9.12.restore')!.actualSeconds).toBe(600);
    const [d] = timing.downtimes;
    // Seven steps in the window: 1 + 1 + 1 + 1 + 1 + 10 + 1 minutes.
    expect(d!.actualSeconds).toBe(16 * 60);
    const expected = f.downtimes[0]!.span.expected;
    expect(d!.errorPercent).toBe(Math.round(((960 - expected) / expected) * 100));
    // A rehearsal's clock is the simulation's: no error is made of it.
    expect(runTiming(f, at(0), settled, true).downtimes[0]).toMatchObject({
      actualSeconds: 960,
      errorPercent: null,
    });
    // The restore's log not checked yet: no actual, no error.
    const open = runTiming(
      f,
      at(0),
      settled.slice(
        0,
        settled.findIndex((s) => s.id === 'v8v9.12.restore-log'),
      ),
    );
    expect(open.downtimes[0]).toMatchObject({ actualSeconds: null, errorPercent: null });
  });
});
