export { defaultModel, type SqlFault, type SqlModel, type SqlShare, xphoneDatabase } from './model.js';
export { type Received, SqlServerSimulator, startBrowser } from './server.js';
