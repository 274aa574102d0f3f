import { execFile } from 'node:child_process';
import { XpmError } from '../../errors/index.js';
import type { PsScript } from './script.js';

export interface PowerShellOptions {
  /** The executable: XPMIGRATE_POWERSHELL, else powershell.exe on Windows, pwsh elsewhere. */
  exe?: string;
  /** Extra environment for the child: how secrets reach a script without being in its text. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export function powerShellExe(env: NodeJS.ProcessEnv = process.env): string {
  return env.XPMIGRATE_POWERSHELL || (process.platform === 'win32' ? 'powershell.exe' : 'pwsh');
}

/**
 * Runs a script and returns its JSON output. The script travels as -EncodedCommand (UTF-16LE,
 * base64), so no command-line quoting of Windows or of PowerShell's own parser can touch it;
 * values inside it were quoted by the `ps` template. Errors come back as the script's message.
 */
export function runPowerShell(script: PsScript, options: PowerShellOptions = {}): Promise<unknown> {
  const exe = options.exe ?? powerShellExe(options.env ?? process.env);
  const encoded = Buffer.from(wrap(script.text), 'utf16le').toString('base64');
  return new Promise((resolve, reject) => {
    execFile(
      exe,
      ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encoded],
      {
        windowsHide: true,
        maxBuffer: 64 * 1024 * 1024,
        timeout: options.timeoutMs ?? 10 * 60_000,
        env: { ...process.env, ...options.env },
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          return reject(new XpmError('E_POWERSHELL_MISSING', { exe }, { exitCode: 1 }));
        }
        if (error) {
          const detail = stderr.trim() || error.message;
          return reject(
            new XpmError(
              'E_POWERSHELL_FAILED',
              { task: script.task, detail: firstLines(detail) },
              { exitCode: 1 },
            ),
          );
        }
        const text = stdout.replace(/^\uFEFF/, '').trim();
        try {
          resolve(text === '' ? null : JSON.parse(text));
        } catch {
          reject(
            new XpmError(
              'E_POWERSHELL_FAILED',
              { task: script.task, detail: `not JSON: ${text.slice(0, 200)}` },
              { exitCode: 1 },
            ),
          );
        }
      },
    );
  });
}

/** UTF-8 output (Windows PowerShell writes the OEM code page otherwise); any error ends it with 1. */
function wrap(body: string): string {
  return [
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    '[Console]::OutputEncoding = [System.Text.UTF8Encoding]::new($false)',
    'try {',
    body,
    '} catch { [Console]::Error.WriteLine($_.Exception.Message); exit 1 }',
  ].join('\n');
}

function firstLines(text: string): string {
  return text.split(/\r?\n/).slice(0, 5).join(' ').slice(0, 600);
}

/** A JSON answer that should be a list: PowerShell gives one object, a list, or nothing. */
export function asList(json: unknown): Record<string, unknown>[] {
  if (json === null || json === undefined) return [];
  return (Array.isArray(json) ? json : [json]) as Record<string, unknown>[];
}
