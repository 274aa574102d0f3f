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
        const refused = /xpmigrate:(constrained-language|powershell-old):(\S*)/.exec(stdout);
        if (refused)
          return reject(
            new XpmError(
              refused[1] === 'constrained-language' ? 'E_POWERSHELL_CONSTRAINED' : 'E_POWERSHELL_OLD',
              { exe, found: refused[2] ?? '' },
              { exitCode: 1 },
            ),
          );
        if (error) {
          const detail = errorText(stderr) || error.message;
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

/**
 * The frame of every script. First what xpmigrate cannot work with: Constrained Language Mode
 * (AppLocker/WDAC lock-down; it refuses the .NET calls below) and PowerShell before 5.1, each
 * said on stdout with a marker and exit 3, using nothing those modes refuse. Then the body's
 * output, which is JSON, goes out with every non-ASCII character as a \uXXXX escape: stdout is
 * then the same bytes in any console code page, and `XPHONE\Müller` survives. Any error ends
 * it with 1 and its message on stderr.
 */
function wrap(body: string): string {
  return [
    "if ($ExecutionContext.SessionState.LanguageMode -ne 'FullLanguage') { 'xpmigrate:constrained-language:' + $ExecutionContext.SessionState.LanguageMode; exit 3 }",
    "if ($PSVersionTable.PSVersion.Major -lt 5 -or ($PSVersionTable.PSVersion.Major -eq 5 -and $PSVersionTable.PSVersion.Minor -lt 1)) { 'xpmigrate:powershell-old:' + $PSVersionTable.PSVersion; exit 3 }",
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    '[Console]::OutputEncoding = [System.Text.UTF8Encoding]::new($false)',
    'try {',
    '$xpmOut = @(& {',
    body,
    '})',
    "[regex]::Replace(($xpmOut -join \"`n\"), '[^\\x00-\\x7F]', { param($m) '\\u{0:x4}' -f [int][char]$m.Value })",
    '} catch { [Console]::Error.WriteLine($_.Exception.Message); exit 1 }',
  ].join('\n');
}

/**
 * What PowerShell wrote on stderr, as text. Started with -EncodedCommand and redirected streams,
 * PowerShell (5.1 and 7) writes its error stream as CLIXML: `#< CLIXML` and an `<Objs>` document
 * whose `<S S="Error">` strings carry the messages, with XML entities and `_xHHHH_` escapes for
 * control characters (and PowerShell 7's ANSI colours inside). Seen with PowerShell 7.6 here;
 * about_Pwsh / about_PowerShell_exe, "-OutputFormat": "Xml" is what a redirected host uses.
 */
export function errorText(stderr: string): string {
  const text = stderr.replace(/^\uFEFF/, '');
  const clixml = text.indexOf('#< CLIXML');
  if (clixml < 0) return plain(text);
  const before = plain(text.slice(0, clixml));
  const errors = [...text.slice(clixml).matchAll(/<S S="Error">([\s\S]*?)<\/S>/g)].map((m) =>
    plain(unescapeClixml(m[1] ?? '')),
  );
  return [before, errors.join(' ')].filter(Boolean).join(' ');
}

function unescapeClixml(text: string): string {
  return text
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Without ANSI colour sequences, one line. */
function plain(text: string): string {
  return text
    .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
    .replace(/\s*\r?\n\s*/g, ' ')
    .trim();
}

function firstLines(text: string): string {
  return text.split(/\r?\n/).slice(0, 5).join(' ').slice(0, 600);
}

/** A JSON answer that should be a list: PowerShell gives one object, a list, or nothing. */
export function asList(json: unknown): Record<string, unknown>[] {
  if (json === null || json === undefined) return [];
  return (Array.isArray(json) ? json : [json]) as Record<string, unknown>[];
}
