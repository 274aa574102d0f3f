export * from './connection-string.js';
export { sqlServerEffects } from './effects.js';
