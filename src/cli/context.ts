import type { Lang } from '../i18n/index.js';
import { ExitCode } from './exit-codes.js';

/** Where a command reads and writes; tests pass their own streams. */
export interface Io {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export interface CliContext {
  lang: Lang;
  debug: boolean;
  io: Io;
  exitCode: ExitCode;
}

export function processIo(): Io {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}

export function newContext(lang: Lang, debug: boolean, io: Io): CliContext {
  return { lang, debug, io, exitCode: ExitCode.ok };
}

export function out(ctx: CliContext, text: string): void {
  ctx.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
