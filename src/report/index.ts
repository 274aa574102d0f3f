export { collectReport, type ReportStep, type RunReport } from './collect.js';
export { reportHtml, reportMarkdown } from './render.js';
