export { bar } from './bar.js';
export { forecastToJson, forecastToText, titlesOf } from './forecast.js';
export { planToJson } from './plan-json.js';
export { planToMarkdown, planToText } from './plan-table.js';
