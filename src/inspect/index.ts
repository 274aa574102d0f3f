export { RunActions } from './actions.js';
export { RunFollower } from './follow.js';
export { chartOf } from './graph.js';
export { edgeLabel, layoutChart, nodeLabel } from './layout.js';
export { parseCommand, startUi, type UiServer } from './server.js';
export { streamToInspector } from './stately.js';
