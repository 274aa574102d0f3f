import type { PreviousRun } from '../twin/index.js';
import type { RunService } from './run-service.js';

/**
 * The last real run this store recorded to its end, as the next forecast's measure: what each
 * step took and how far its downtime forecast was off. A rehearsal's clock is the simulation's,
 * so a rehearsal is never taken.
 */
export function previousRunOf(service: RunService): PreviousRun | null {
  const finished = service
    .runs()
    .filter((r) => r.row.status === 'done' && !r.row.simulate)
    .sort((a, b) => (a.row.updatedAt < b.row.updatedAt ? -1 : 1))
    .at(-1);
  const timing = finished ? service.report(finished.row.id, 'en').timing : null;
  if (!finished || !timing) return null;
  return {
    runId: finished.row.id,
    finishedAt: finished.row.updatedAt,
    steps: timing.steps.flatMap((s) =>
      s.actualSeconds === null ? [] : [{ stepId: s.stepId, seconds: s.actualSeconds }],
    ),
    downtimes: timing.downtimes.map((d) => ({
      firstStep: d.firstStep,
      lastStep: d.lastStep,
      forecastSeconds: d.forecast.expected,
      actualSeconds: d.actualSeconds,
      errorPercent: d.errorPercent,
    })),
  };
}
