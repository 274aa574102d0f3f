import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** tools/: PowerShell 7 as a local .NET tool, Pester from NuGet, the C# judges. */
export const TOOLS = fileURLToPath(new URL('../../tools/', import.meta.url));

/** Fails loudly when the .NET SDK is missing: these tests exist to run the real tools. */
export function dotnet(args: string[], options: { cwd?: string; input?: string; timeoutMs?: number } = {}) {
  const r = spawnSync('dotnet', args, {
    cwd: options.cwd ?? TOOLS,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 300_000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
  });
  if (r.error) throw new Error(`dotnet ${args.join(' ')}: ${r.error.message} (is the .NET SDK installed?)`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Restores the tools once (PowerShell, Pester) and builds a C# judge once; later runs reuse them. */
export function prepare(project?: 'tsql-check' | 'tds-client'): string | undefined {
  if (!existsSync(join(TOOLS, '.packages', 'pester'))) {
    const restored = dotnet(['restore', 'pester/pester.csproj']);
    if (restored.code !== 0) throw new Error(restored.stdout + restored.stderr);
  }
  const tool = dotnet(['tool', 'restore']);
  if (tool.code !== 0) throw new Error(tool.stdout + tool.stderr);
  if (!project) return undefined;
  const dll = join(TOOLS, project, 'bin', 'Release', 'net10.0', `${project}.dll`);
  const built = dotnet(['build', join(project, `${project}.csproj`), '-c', 'Release', '--nologo', '-v', 'q']);
  if (built.code !== 0) throw new Error(built.stdout + built.stderr);
  return dll;
}

/** PowerShell 7 from tools/ (never a pwsh on PATH): the script's own arguments after -File. */
export function pwsh(args: string[], timeoutMs = 120_000) {
  return dotnet(['tool', 'run', 'pwsh', '--', '-NoProfile', '-NonInteractive', ...args], { timeoutMs });
}

/** tools/pwsh.sh: PowerShell 7 from tools/, to put where the product looks for its PowerShell. */
export const PWSH = join(TOOLS, 'pwsh.sh');
