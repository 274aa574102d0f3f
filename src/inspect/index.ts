export { RunFollower } from './follow.js';
export { type Chart, chartOf } from './graph.js';
export { edgeLabel, layoutChart, nodeLabel } from './layout.js';
export { REDACTED, redact } from './redact.js';
export { parseCommand, startUi, type UiOptions, type UiServer } from './server.js';
export { streamToInspector } from './stately.js';
export { activeIds, buildView, currentState, type RunModel, runModel, timelineOf } from './view.js';
