import type { Forecast, Span } from '../forecast/index.js';

/** A step's forecast beside what it took (wall clock, from the step before it to its outcome). */
export interface StepTiming {
  stepId: string;
  forecast: Span | null;
  actualSeconds: number | null;
  inDowntime: boolean;
}

/** The downtime as forecast and as it was; `errorPercent` how far the forecast was off. */
export interface DowntimeTiming {
  firstStep: string;
  lastStep: string;
  forecast: Span;
  /** Steps in the window the forecast did not know: its figure is then a lower bound. */
  unknown: string[];
  actualSeconds: number | null;
  errorPercent: number | null;
}

export interface RunTiming {
  /** A rehearsal's clock is the simulation's, not the night's: no error is computed for it. */
  rehearsal: boolean;
  steps: StepTiming[];
  /** Each stretch XPhone was down, as forecast and as it was. */
  downtimes: DowntimeTiming[];
}

/**
 * Sets the forecast the run was started with beside what happened: each settled step's wall
 * clock is the time from the previous settled step (or the run's start) to its own outcome, so
 * an operator's work and a reboot count as the customer lives them.
 */
export function runTiming(
  forecast: Forecast,
  startedAt: string,
  settled: Array<{ id: string; at: string | null }>,
  rehearsal = false,
): RunTiming {
  const at = new Map(settled.filter((s) => s.at).map((s) => [s.id, Date.parse(s.at!)]));
  const order = settled.filter((s) => s.at).map((s) => s.id);
  const beginOf = (id: string) => {
    const i = order.indexOf(id);
    return i > 0 ? at.get(order[i - 1]!)! : Date.parse(startedAt);
  };
  const steps = forecast.steps.map((f) => ({
    stepId: f.stepId,
    forecast: f.span,
    actualSeconds: at.has(f.stepId) ? (at.get(f.stepId)! - beginOf(f.stepId)) / 1000 : null,
    inDowntime: f.inDowntime,
  }));
  const downtimes = forecast.downtimes.map((d): DowntimeTiming => {
    const actualSeconds =
      at.has(d.firstStep) && at.has(d.lastStep) ? (at.get(d.lastStep)! - beginOf(d.firstStep)) / 1000 : null;
    const errorPercent =
      !rehearsal && actualSeconds !== null && d.unknown.length === 0 && d.span.expected > 0
        ? Math.round(((actualSeconds - d.span.expected) / d.span.expected) * 100)
        : null;
    return {
      firstStep: d.firstStep,
      lastStep: d.lastStep,
      forecast: d.span,
      unknown: d.unknown,
      actualSeconds,
      errorPercent,
    };
  });
  return { rehearsal, steps, downtimes };
}
