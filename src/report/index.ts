export { collectReport, type ReportStep, type RunReport } from './collect.js';
export { markdownText } from './markdown.js';
export { reportHtml, reportMarkdown } from './render.js';
export { downtimeLines } from './timeline.js';
