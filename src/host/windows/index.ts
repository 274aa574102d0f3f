export { atlasServices, xphoneInstallDir } from './powershell.js';
