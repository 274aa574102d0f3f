export { simulatedOperator } from './operator.js';
export { EXPRESS_DATA_LIMIT_MB, type SimSeed } from './seed.js';
export {
  currentMachine,
  type SimMachine,
  type SimOptions,
  type SimState,
  SimulatedHost,
} from './simulated-host.js';
export {
  readSqlModels,
  SIMULATED_ANALYTICS_SQL,
  SIMULATED_NEW_HOST,
  SIMULATED_OLD_HOST,
  SIMULATED_SERVICE_ACCOUNT,
  SIMULATED_SHARE,
  SIMULATED_SOURCE_SQL,
  simulatedServerName,
} from './simulated-sql.js';
export {
  type CatalogRow,
  defaultModel,
  loadModel,
  type Received,
  restartServer,
  type SqlCatalog,
  type SqlFault,
  type SqlModel,
  type SqlScripts,
  SqlServerSimulator,
  startBrowser,
  xphoneDatabase,
} from './sql-server/index.js';
