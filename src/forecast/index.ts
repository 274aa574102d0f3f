/** How long each step and the customer's downtime will take, from the twin's measurements. */

export { basisText, downtimeText, durationText, spanText, totalText } from './describe.js';
export { forecastRun } from './forecast.js';
export { rateOf } from './rate.js';
export type { Basis, Downtime, Forecast, Nature, Span, StepForecast } from './types.js';
