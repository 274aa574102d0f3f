import { execFile } from 'node:child_process';

/**
 * Runs a PowerShell script and returns its JSON output. Scripts are constants; a value that goes
 * into one is quoted by psQuote, never pasted in as it is.
 */
export function runPowerShell(script: string, exe = 'powershell.exe'): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile(
      exe,
      ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', script],
      { windowsHide: true, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${exe}: ${stderr.trim() || error.message}`));
        const text = stdout.trim();
        try {
          resolve(text === '' ? null : JSON.parse(text));
        } catch {
          reject(new Error(`${exe}: not JSON: ${text.slice(0, 200)}`));
        }
      },
    );
  });
}

/** A PowerShell single-quoted string literal (a `'` is doubled). */
export function psQuote(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The `Atlas%` services with whether each runs. */
export async function atlasServices(exe?: string): Promise<Array<{ name: string; running: boolean }>> {
  const json = await runPowerShell(
    "@(Get-Service -Name 'Atlas*' -ErrorAction SilentlyContinue | ForEach-Object { [pscustomobject]@{ name = $_.Name; running = ($_.Status -eq 'Running') } }) | ConvertTo-Json -Compress",
    exe,
  );
  const list = Array.isArray(json) ? json : json ? [json] : [];
  return list.map((s) => ({
    name: String((s as { name: unknown }).name),
    running: (s as { running: unknown }).running === true,
  }));
}

/** HKLM\SOFTWARE\C4B\XPhoneServer\InstallDir, or undefined when XPhone is not installed. */
export async function xphoneInstallDir(exe?: string): Promise<string | undefined> {
  const json = await runPowerShell(
    `(Get-ItemProperty -Path ${psQuote('HKLM:\\SOFTWARE\\C4B\\XPhoneServer')} -Name InstallDir -ErrorAction SilentlyContinue).InstallDir | ConvertTo-Json -Compress`,
    exe,
  );
  return typeof json === 'string' && json !== '' ? json : undefined;
}
