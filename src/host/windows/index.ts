export { atlasServices, psQuote, runPowerShell, xphoneInstallDir } from './powershell.js';
