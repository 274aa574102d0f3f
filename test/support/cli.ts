import { spawn, spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';

/** The built CLI (npm test builds first), run as users run it. */
export const CLI = fileURLToPath(new URL('../../bin/xpmigrate.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment without the developer's locale, so tests choose the language explicitly. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['LANG', 'LC_ALL', 'LC_MESSAGES', 'XPMIGRATE_LANG', 'XPMIGRATE_STATE']) delete env[key];
  return { ...env, LANG: 'C.UTF-8', ...extra };
}

export function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {},
): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    env: options.env ?? cleanEnv(),
    input: options.input ?? '',
    encoding: 'utf8',
    cwd: options.cwd,
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Like runCli, but leaves this process's event loop free: for a server the test itself runs. */
export function runCliAsync(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<CliResult & { signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: options.env ?? cleanEnv(),
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * The CLI in this process (`main(argv, io)`): the same commands and output as `runCli`, without a
 * process of its own. For what is about the command, not about the process boundary.
 */
export async function cliInProcess(
  args: string[],
  env: NodeJS.ProcessEnv = cleanEnv(),
  { input = '' }: { input?: string } = {},
): Promise<CliResult> {
  const { main } = await import('../../src/cli/index.js');
  const collect = () => {
    const chunks: string[] = [];
    const stream = new PassThrough();
    stream.setEncoding('utf8').on('data', (d: string) => chunks.push(d));
    return { stream, text: () => chunks.join('') };
  };
  const stdout = collect();
  const stderr = collect();
  const stdin = Object.assign(new PassThrough(), { isTTY: false });
  stdin.end(input);
  const code = await main(args, { stdin, stdout: stdout.stream, stderr: stderr.stream, env });
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
