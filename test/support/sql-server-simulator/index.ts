export { defaultModel, type SqlFault, type SqlModel, xphoneDatabase } from './model.js';
export { type Received, SqlServerSimulator, startBrowser } from './server.js';
