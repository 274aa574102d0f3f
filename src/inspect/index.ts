export { RunActions } from './actions.js';
export { chartWords, edgeLabel, nodeLabel } from './chart-words.js';
export { RunFollower } from './follow.js';
export { chartOf } from './graph.js';
export { layoutChart } from './layout.js';
export { parseCommand, startUi, type UiServer } from './server.js';
export { streamToInspector } from './stately.js';
