export { asList, errorText, type PowerShellOptions, runPowerShell } from './powershell.js';
export { type PsScript, ps, psQuote, raw, script, windowsArg } from './script.js';
export { SERVICE_PASSWORD_VARIABLE, WindowsHost, type WindowsHostOptions } from './windows-host.js';
