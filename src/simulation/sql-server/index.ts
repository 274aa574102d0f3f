export {
  type CatalogRow,
  defaultModel,
  restartServer,
  type SqlCatalog,
  type SqlFault,
  type SqlModel,
  type SqlScripts,
  xphoneDatabase,
} from './model.js';
export { loadModel } from './model-file.js';
export { type Received, SqlServerSimulator, startBrowser } from './server.js';
