/**
 * What a front end asks before any run is opened — which SQLite driver this install uses — light
 * to load (no run machinery, no SQL driver), so that `xpmigrate --version` answers at once.
 */
export { sqliteDriver } from '../../persistence/index.js';
