import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { XpmError } from '../../errors/index.js';
import { CODE, type LexMode, scanLine } from './lexer.js';
import { type ScriptEncoding, scriptLines } from './script-lines.js';

/** What `:on error` says: stop the import at a failed batch (`exit`) or go on (`ignore`). */
export type OnError = 'exit' | 'ignore';

/** A run of the batch's lines that came from one file. */
export interface Origin {
  file: string;
  /** Line in `file` of the segment's first line. */
  line: number;
  /** Line in the batch text where the segment starts (0-based). */
  at: number;
}

/** One batch as SQLCMD would send it. */
export interface Batch {
  /** 0-based position among the script's batches. */
  index: number;
  text: string;
  /** File and line of the batch's first non-blank line. */
  file: string;
  startLine: number;
  /** `GO n`: how often the batch runs. */
  repeat: number;
  /** UTF-8 bytes of the text. */
  bytes: number;
  /** Bytes of the top-level script read up to the batch's `GO` (progress). */
  offset: number;
  onError: OnError;
  origins: Origin[];
}

export interface SplitOptions {
  /** `--var NAME=VALUE`: win over the script's own `:setvar`, so defaults change without editing. */
  vars?: Record<string, string>;
  /** Called as the top-level script is read: bytes read, file size. */
  onRead?: (read: number, total: number) => void;
  /** `--encoding` (sqlcmd's `-f`), for the script and every `:r` file; else detected per file. */
  encoding?: ScriptEncoding;
  /**
   * The folder a relative `:r` name is read from: sqlcmd reads it "relative to the startup
   * directory in which sqlcmd was run" ("sqlcmd utility", :r), not from the including script's
   * folder. Default: this process's working folder, as for sqlcmd.
   */
  includeDir?: string;
}

const GO = /^\s*go(?:\s+(\d+))?\s*(?:--.*)?$/i;
const COMMAND = /^\s*(?::([a-z]+)\b|!!)\s*(.*)$/i;
const VARIABLE = /\$\(([A-Za-z_][\w-]*)\)/g;
/** SQLCMD accepts up to 2^31-1; anything above is surely a typo. */
const MAX_REPEAT = 1_000_000;
/**
 * SQL Server's largest batch: 65,536 × the network packet size (4 KB by default), see
 * "Maximum capacity specifications for SQL Server". A longer batch would fail there anyway.
 */
export const MAX_BATCH_CHARS = 65_536 * 4096;

const scriptError = (
  code:
    | 'E_SCRIPT_SYNTAX'
    | 'E_SCRIPT_INCLUDE'
    | 'E_SCRIPT_INCLUDE_DIR'
    | 'E_SCRIPT_INCLUDE_FOLDER'
    | 'E_SCRIPT_VARIABLE'
    | 'E_SCRIPT_COMMAND'
    | 'E_SCRIPT_UNTERMINATED'
    | 'E_SCRIPT_BATCH_TOO_LARGE',
  file: string,
  line: number,
  detail: string,
  more: Record<string, string> = {},
) => new XpmError(code, { file, line, detail, ...more });

/**
 * Splits a SQLCMD script into batches, streaming: only the batch being built is in memory.
 * Understands `GO [n]`, `:setvar`, `$(var)`, `:r` (relative to the including file), `:on error`
 * and `:quit`; anything else SQLCMD would do on its own (`:connect`, `!!`, `:out`) is refused
 * with its file and line rather than silently skipped.
 */
export function* splitScript(file: string, options: SplitOptions = {}): Generator<Batch> {
  const root = resolve(file);
  const includeDir = resolve(options.includeDir ?? process.cwd());
  const vars = new Map<string, string>();
  const fixed = new Map(Object.entries(options.vars ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  // Like `sqlcmd -b`: a failed batch stops the import, which can then be resumed there.
  let onError: OnError = 'exit';
  let index = 0;
  let mode: LexMode = CODE;
  let text: string[] = [];
  let textChars = 0;
  let origins: Origin[] = [];
  let first: { file: string; line: number } | undefined;
  /** Where the string or comment open at a line's end began. */
  let opened: { file: string; line: number } = { file: root, line: 0 };
  /** The next line that continues the current origin segment. */
  let next: { file: string; line: number } | undefined;
  let offset = 0;
  let quit = false;

  const take = (repeat: number): Batch | undefined => {
    // `first` is the batch's first non-blank line: without one there is nothing to send.
    const body = text.join('\n');
    const batch = first
      ? {
          index: index++,
          text: body,
          file: first.file,
          startLine: first.line,
          repeat,
          bytes: Buffer.byteLength(body),
          offset,
          onError,
          origins,
        }
      : undefined;
    text = [];
    textChars = 0;
    origins = [];
    first = undefined;
    return batch;
  };

  const substitute = (line: string, where: { file: string; line: number }) =>
    line.includes('$(')
      ? line.replace(VARIABLE, (_, name: string) => {
          const key = name.toLowerCase();
          const value = fixed.get(key) ?? vars.get(key);
          if (value === undefined) throw scriptError('E_SCRIPT_VARIABLE', where.file, where.line, name);
          return value;
        })
      : line;

  function* lines(path: string, stack: string[]): Generator<Batch> {
    const read = {
      ...(options.encoding ? { encoding: options.encoding } : {}),
      ...(path === root && options.onRead ? { onRead: options.onRead } : {}),
    };
    for (const { text: raw, no, bytes } of scriptLines(path, read)) {
      if (quit) return;
      const where = { file: path, line: no };
      if (path === root) offset = bytes;
      const line = substitute(raw, where);
      if (mode.kind === 'code') {
        const go = GO.exec(line);
        if (go) {
          const repeat = go[1] === undefined ? 1 : Number(go[1]);
          if (repeat < 1 || repeat > MAX_REPEAT)
            throw scriptError('E_SCRIPT_SYNTAX', path, no, `GO ${go[1]}`);
          const batch = take(repeat);
          if (batch) yield batch;
          continue;
        }
        const command = COMMAND.exec(line);
        if (command) {
          yield* run(command[1]?.toLowerCase() ?? '!!', command[2]!.trim(), where, stack);
          continue;
        }
      }
      if (!first && line.trim() !== '') first = where;
      if (first) {
        // A command line left out, or an include, starts a new segment of the line map.
        if (text.length === 0 || next?.file !== path || next.line !== no)
          origins.push({ file: path, line: no, at: text.length });
        next = { file: path, line: no + 1 };
        textChars += line.length + 1;
        if (textChars > MAX_BATCH_CHARS)
          throw scriptError('E_SCRIPT_BATCH_TOO_LARGE', first.file, first.line, String(MAX_BATCH_CHARS));
        text.push(line);
      }
      const before = mode.kind;
      mode = scanLine(line, mode, no);
      if (mode.kind !== 'code' && (before === 'code' || mode.line === no)) opened = where;
    }
  }

  function* run(
    command: string,
    rest: string,
    where: { file: string; line: number },
    stack: string[],
  ): Generator<Batch> {
    if (command === 'setvar') {
      const m = /^([A-Za-z_][\w-]*)(?:\s+(?:"((?:[^"]|"")*)"|(\S+)))?\s*$/.exec(rest);
      if (!m) throw scriptError('E_SCRIPT_SYNTAX', where.file, where.line, `:setvar ${rest}`);
      const value = m[2] !== undefined ? m[2].replace(/""/g, '"') : m[3];
      if (value === undefined) vars.delete(m[1]!.toLowerCase());
      else vars.set(m[1]!.toLowerCase(), value);
    } else if (command === 'on') {
      const m = /^error\s+(exit|ignore)\s*$/i.exec(rest);
      if (!m) throw scriptError('E_SCRIPT_SYNTAX', where.file, where.line, `:on ${rest}`);
      onError = m[1]!.toLowerCase() as OnError;
    } else if (command === 'r') {
      const name = /^"(.*)"$/.exec(rest)?.[1] ?? rest;
      if (!name) throw scriptError('E_SCRIPT_SYNTAX', where.file, where.line, ':r');
      const path = isAbsolute(name) ? name : resolve(includeDir, name);
      if (stack.includes(path))
        throw scriptError('E_SCRIPT_INCLUDE', where.file, where.line, `${name} (includes itself)`, {
          dir: includeDir,
        });
      let folder: boolean;
      try {
        folder = statSync(path).isDirectory();
      } catch {
        // Where a script written for "relative to me" has it: say so rather than guess.
        const beside = dirname(where.file);
        if (!isAbsolute(name) && existsSync(resolve(beside, name)))
          throw scriptError('E_SCRIPT_INCLUDE_DIR', where.file, where.line, name, {
            dir: includeDir,
            beside,
          });
        throw scriptError('E_SCRIPT_INCLUDE', where.file, where.line, name, { dir: includeDir });
      }
      // sqlcmd cannot include a folder either; say so instead of failing to read it.
      if (folder) throw scriptError('E_SCRIPT_INCLUDE_FOLDER', where.file, where.line, name);
      yield* lines(path, [...stack, path]);
    } else if (command === 'quit' || command === 'exit') {
      quit = true;
    } else
      throw scriptError('E_SCRIPT_COMMAND', where.file, where.line, command === '!!' ? '!!' : `:${command}`);
  }

  yield* lines(root, [root]);
  if (mode.kind !== 'code')
    throw scriptError(
      'E_SCRIPT_UNTERMINATED',
      opened.file,
      opened.line,
      mode.kind === 'comment' ? '/*' : mode.close === ']' ? '[' : mode.close,
    );
  const batch = take(1);
  if (batch) yield batch;
}

/** The file and line of a batch's line `n` (1-based, as SQL Server counts in its errors). */
export function locate(batch: Batch, n: number): { file: string; line: number } {
  const at = Math.max(0, n - 1);
  const origin = [...batch.origins].reverse().find((o) => o.at <= at) ?? batch.origins[0]!;
  return { file: origin.file, line: origin.line + (at - origin.at) };
}
