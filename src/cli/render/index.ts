export { bar } from './bar.js';
export { planToJson } from './plan-json.js';
export { planToMarkdown, planToText } from './plan-table.js';
