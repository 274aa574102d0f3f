import { HOPS_INTERMEDIATE_SERVER, SQL_EXPRESS_RENAMES } from '../catalog/index.js';
import type { RunStep } from '../machines/index.js';
import type { TwinFacts } from '../twin/index.js';
import { median, type Rate, rateOf } from './rate.js';
import type { Basis, Downtime, Forecast, Nature, Span, StepForecast } from './types.js';

const MIN = 60;

/**
 * Typical durations by the nature of a step, in seconds: what an operator's step takes when the
 * twin cannot measure it. Each is shown as "typical" and replaced by `--estimate STEP=MINUTES`.
 */
const TYPICAL: Partial<Record<Nature, Span>> = {
  update: { low: 20 * MIN, expected: 30 * MIN, high: 60 * MIN },
  manual: { low: 5 * MIN, expected: 10 * MIN, high: 30 * MIN },
  // The vendor allows snapshots only with the VM off: shut down, snapshot, boot.
  snapshot: { low: 3 * MIN, expected: 5 * MIN, high: 15 * MIN },
  reboot: { low: 3 * MIN, expected: 5 * MIN, high: 15 * MIN },
  check: { low: 5, expected: 15, high: MIN },
  'services-stop': { low: 30, expected: MIN, high: 5 * MIN },
  'services-start': { low: MIN, expected: 2 * MIN, high: 10 * MIN },
  auto: { low: 5, expected: 30, high: 2 * MIN },
};

/** What a step is, from what it does (its effect) or asks (its evidence). */
function natureOf(step: RunStep): Nature {
  if (step.kind === 'snapshot') return 'snapshot';
  if (step.kind === 'reboot') return 'reboot';
  switch (step.effect?.name) {
    case 'sql.backup-databases':
      return 'sql-backup';
    case 'sql.restore-databases':
      return 'sql-restore';
    case 'windows.run-sql-migration-script':
      return 'sql-express-upgrade';
    case 'sql-script.export':
      return 'script-export';
    case 'sql-script.import':
      return 'script-import';
    case 'windows.stop-services':
      return 'services-stop';
    case 'windows.start-services':
    case 'windows.restart-services':
      return 'services-start';
  }
  const bm = step.evidence.find((f) => f.backupManager)?.backupManager;
  if (step.kind === 'manual' && bm) return bm === 'backup' ? 'bm-backup' : 'bm-restore';
  if (step.evidence.some((f) => f.installedVersion)) return 'update';
  if (step.kind === 'manual') return 'manual';
  if (step.kind === 'check') return 'check';
  return 'auto';
}

/**
 * The XPhone databases' size in MB: each one's newest full backup, else its data files. `instance`:
 * only those on that SQL instance (the SQL Express upgrade migrates one instance at a time).
 */
function databaseMb(facts: TwinFacts | undefined, instance?: string): number | null {
  const servers = (facts?.sql ?? []).filter(
    (s) => !instance || s.server.toUpperCase().endsWith(`\\${instance.toUpperCase()}`),
  );
  const dbs = servers.flatMap((s) => s.databases);
  const sizes = dbs.map((d) => d.backupMb ?? d.dataMb);
  if (dbs.length === 0 || sizes.some((s) => s === null)) return null;
  return sizes.reduce<number>((a, b) => a + (b ?? 0), 0);
}

const scaled = (sizeMb: number, rate: Rate, factor: [number, number, number]): Span => ({
  low: (sizeMb / rate.fastest) * factor[0],
  expected: (sizeMb / rate.median) * factor[1],
  high: (sizeMb / rate.slowest) * factor[2],
});

/** A restore takes at least as long as the backup and up to twice: it writes the files and zeroes the log. */
const RESTORE_FACTOR: [number, number, number] = [1, 1.25, 2];

function fromDurations(seconds: number[]): Span {
  const sorted = [...seconds].sort((a, b) => a - b);
  return { low: sorted[0]!, expected: median(sorted), high: sorted.at(-1)! };
}

function estimate(
  step: RunStep,
  nature: Nature,
  facts: TwinFacts | undefined,
): { span: Span | null; basis: Basis } {
  // The vendor's script migrates one instance: only its databases count.
  const script =
    step.effect?.name === 'windows.run-sql-migration-script' ? step.effect.input.instance : undefined;
  const instance = script ? SQL_EXPRESS_RENAMES.find((r) => r.role === script)?.from : undefined;
  const sizeMb = databaseMb(facts, instance);
  const rate = rateOf(facts?.sql.flatMap((s) => s.backups) ?? []);
  const sized = (factor: [number, number, number], kind: 'sql-history' | 'restore-from-backup') => {
    if (sizeMb === null) return unknown('database-sizes');
    if (!rate) return unknown('backup-history');
    const r = { median: rate.median, samples: rate.samples };
    return {
      span: scaled(sizeMb, rate, factor),
      basis:
        kind === 'sql-history'
          ? ({ kind, sizeMb, rate: r, factor: factor[1] } as const)
          : ({ kind, sizeMb, rate: r } as const),
    };
  };
  const bmRuns = (operation: 'backup' | 'restore') =>
    (facts?.backupManager ?? []).filter((r) => r.operation === operation && !r.failed && r.seconds > 0);
  switch (nature) {
    // BACKUP, then RESTORE VERIFYONLY reads the file once more.
    case 'sql-backup':
      return sized([2, 2, 2], 'sql-history');
    case 'sql-restore':
      return sized(RESTORE_FACTOR, 'restore-from-backup');
    // The vendor's script backs each database up and restores it into the 2019 instance.
    case 'sql-express-upgrade':
      return sized([2, 2.25, 3], 'sql-history');
    case 'bm-backup':
    case 'bm-restore': {
      const operation = nature === 'bm-backup' ? 'backup' : 'restore';
      const runs = bmRuns(operation);
      if (runs.length > 0)
        return {
          span: fromDurations(runs.map((r) => r.seconds)),
          basis: { kind: 'bm-log', runs: runs.length, operation },
        };
      // Without logged runs: its SQL backup (and restore) of the databases at the SQL rate.
      return operation === 'backup'
        ? sized([1, 1, 1], 'sql-history')
        : sized(RESTORE_FACTOR, 'restore-from-backup');
    }
    case 'script-export':
    case 'script-import':
      return unknown('script-throughput');
    default:
      return { span: TYPICAL[nature]!, basis: { kind: 'typical' } };
  }
}

const unknown = (needs: Extract<Basis, { kind: 'unknown' }>['needs']) => ({
  span: null,
  basis: { kind: 'unknown', needs } as Basis,
});

/** Where XPhone goes down: the cut-over, else the first step that stops, updates or powers off the server. */
const GOES_DOWN: ReadonlySet<Nature> = new Set([
  'services-stop',
  'update',
  'snapshot',
  'reboot',
  'sql-express-upgrade',
  'bm-restore',
  'sql-restore',
  'script-import',
]);
/** Where it comes back: the last restore, start or reboot, with the checks right after it. */
const COMES_BACK: ReadonlySet<Nature> = new Set([
  'services-start',
  'reboot',
  'update',
  'bm-restore',
  'sql-restore',
  'sql-express-upgrade',
  'script-import',
]);

/**
 * The stretches XPhone is down: one per part of the path. The updates V5 → V8 are one (the
 * server is down from its first snapshot to the last hop's check, "e.g. a weekend") — unless
 * they run on a parallel intermediate server (`--little-downtime`: production keeps running, the
 * guide's "weitgehend unterbrechungsfrei"); the move to V9 another, from the cut-over (before it
 * the old server still runs while the new one is installed) to the restore and its log.
 */
function downtimeWindows(steps: RunStep[], natures: Nature[]): Array<[number, number]> {
  const groupOf = (s: RunStep) => (s.phaseId.startsWith('hop') ? 'hops' : s.phaseId);
  const parallel = steps.some((s) => s.id === HOPS_INTERMEDIATE_SERVER);
  const windows: Array<[number, number]> = [];
  let from = 0;
  while (from < steps.length) {
    let to = from;
    while (to < steps.length && groupOf(steps[to]!) === groupOf(steps[from]!)) to++;
    const cutover = steps.findIndex((s, i) => i >= from && i < to && /\.cutover$/.test(s.id));
    let first = cutover;
    if (first < 0) {
      first = natures.findIndex((n, i) => i >= from && i < to && GOES_DOWN.has(n));
    }
    let last = natures.findLastIndex((n, i) => i >= from && i < to && COMES_BACK.has(n));
    const production = !(parallel && groupOf(steps[from]!) === 'hops');
    if (production && first >= 0 && last >= first) {
      while (last + 1 < to && natures[last + 1] === 'check') last += 1;
      windows.push([first, last]);
    }
    from = to;
  }
  return windows;
}

const sum = (spans: Span[]): Span =>
  spans.reduce((a, b) => ({ low: a.low + b.low, expected: a.expected + b.expected, high: a.high + b.high }), {
    low: 0,
    expected: 0,
    high: 0,
  });

/**
 * The run's forecast: each step's expected duration with a range and its basis, and the
 * downtime window. `estimates`: the operator's own minutes for a step, which win; then what the
 * step took in the last real run on the server (the twin's `previousRun`); then the estimate.
 */
export function forecastRun(
  steps: RunStep[],
  facts: TwinFacts | undefined,
  estimates: Record<string, number> = {},
): Forecast {
  const natures = steps.map(natureOf);
  const windows = downtimeWindows(steps, natures);
  const forecasts: StepForecast[] = steps.map((step, i) => {
    const minutes = estimates[step.id];
    const measured = facts?.previousRun?.steps.find((s) => s.stepId === step.id);
    const { span, basis } =
      minutes !== undefined
        ? {
            span: { low: minutes * MIN, expected: minutes * MIN, high: minutes * MIN },
            basis: { kind: 'operator', minutes } as Basis,
          }
        : measured && facts?.previousRun
          ? {
              span: { low: measured.seconds, expected: measured.seconds, high: measured.seconds },
              basis: {
                kind: 'previous-run',
                seconds: measured.seconds,
                runId: facts.previousRun.runId,
              } as Basis,
            }
          : estimate(step, natures[i]!, facts);
    return {
      stepId: step.id,
      nature: natures[i]!,
      span,
      basis,
      inDowntime: windows.some(([first, last]) => i >= first && i <= last),
    };
  });
  const known = (list: StepForecast[]) => list.flatMap((f) => (f.span ? [f.span] : []));
  const downtimes: Downtime[] = windows.map(([first, last]) => {
    const inWindow = forecasts.slice(first, last + 1);
    return {
      firstStep: steps[first]!.id,
      lastStep: steps[last]!.id,
      span: sum(known(inWindow)),
      unknown: inWindow.filter((f) => !f.span).map((f) => f.stepId),
    };
  });
  return { steps: forecasts, total: sum(known(forecasts)), downtimes };
}
