import { Command, CommanderError, Help, type Option } from 'commander';
import { isXpmError, XpmError } from '../errors/index.js';
import { detectLang, isLang, type Lang, say } from '../i18n/index.js';
import { registerCommands } from './commands/index.js';
import { type CliContext, type Io, newContext, processIo } from './context.js';
import { ExitCode } from './exit-codes.js';
import { T } from './texts/index.js';
import { packageVersion } from './version.js';

export { ExitCode } from './exit-codes.js';

/** Runs the command line; resolves to the process exit code. Never throws. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const debug = argv.includes('--debug');
  const langArg = scanLang(argv);
  const lang: Lang = langArg !== undefined && isLang(langArg) ? langArg : detectLang(io.env);
  const ctx = newContext(lang, debug, io);
  try {
    if (langArg !== undefined && !isLang(langArg)) {
      throw new XpmError('E_INPUT_CHOICE', { flag: '--lang', value: langArg, allowed: 'de, en' });
    }
    await (await buildProgram(ctx, argv)).parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    return report(error, ctx, argv);
  }
}

async function buildProgram(ctx: CliContext, argv: string[]): Promise<Command> {
  const { lang } = ctx;
  const program = new Command('xpmigrate');
  program
    .description(say(T.programDescription, lang))
    .version(await versionText(argv, ctx.io.env), '-V, --version', say(T.optVersion, lang))
    .helpOption('-h, --help', say(T.optHelp, lang))
    .helpCommand('help [command]', say(T.helpCommand, lang))
    .option('--lang <lang>', say(T.optLang, lang))
    .option('--debug', say(T.optDebug, lang))
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      // Commander's own error lines are replaced by ours (see report()).
      writeErr: (s) => {
        if (!s.startsWith('error:')) ctx.io.stderr.write(s);
      },
    })
    .configureHelp(helpConfig(lang));
  program.hook('preSubcommand', (_, sub) => {
    sub.exitOverride().configureHelp(helpConfig(lang));
    sub.helpOption('-h, --help', say(T.optHelp, lang));
  });
  await registerCommands(program, ctx, argv);
  return program;
}

function report(error: unknown, ctx: CliContext, argv: string[]): number {
  if (error instanceof CommanderError) {
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    ) {
      return ExitCode.ok;
    }
    error = usageError(error, ctx.lang, argv);
  }
  const { lang, io } = ctx;
  if (isXpmError(error)) {
    io.stderr.write(`xpmigrate: ${say(T.errorPrefix, lang)} [${error.code}]: ${error.text(lang)}\n`);
    const remedy = error.remedy(lang);
    if (remedy) io.stderr.write(`  ${say(T.remedyPrefix, lang)}: ${remedy}\n`);
    if (ctx.debug && error.cause instanceof Error) io.stderr.write(`${error.cause.stack}\n`);
    return error.exitCode;
  }
  const store = storeError(error);
  if (store) return report(store, ctx, argv);
  const detail = error instanceof Error ? error.message : String(error);
  const internal = new XpmError('E_INTERNAL', { detail }, { exitCode: ExitCode.failed });
  io.stderr.write(`xpmigrate: ${say(T.errorPrefix, lang)} [${internal.code}]: ${internal.text(lang)}\n`);
  if (ctx.debug && error instanceof Error) io.stderr.write(`${error.stack}\n`);
  else io.stderr.write(`  ${say(T.remedyPrefix, lang)}: ${internal.remedy(lang)}\n`);
  return internal.exitCode;
}

/**
 * SQLite's own failures while a store is in use (read-only file or folder, disk I/O error, disk
 * full, damaged pages): the store's condition, said as such, not an internal error.
 */
function storeError(error: unknown): XpmError | undefined {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  const detail = error instanceof Error ? error.message : String(error);
  const kind = code.replace(/^SQLITE_/, '').replace(/_.*$/, '');
  if (kind === 'CORRUPT' || kind === 'NOTADB')
    return new XpmError('E_STORE_CORRUPT', { file: '–', detail }, { cause: error });
  const condition = (['READONLY', 'IOERR', 'FULL', 'CANTOPEN', 'BUSY'] as const).find((k) => k === kind);
  if (!condition) return undefined;
  return new XpmError(`E_STORE_${condition}`, { code, detail }, { cause: error });
}

/** Commander's parse errors, in the user's language. */
function usageError(error: CommanderError, lang: Lang, argv: string[]): XpmError {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  const command = argv.find((a) => !a.startsWith('-')) ?? '';
  let detail: string;
  switch (error.code) {
    case 'commander.unknownOption':
      detail = say(T.usageUnknownOption, lang, { option: quoted });
      break;
    case 'commander.unknownCommand':
      detail = say(T.usageUnknownCommand, lang, { command: quoted });
      break;
    case 'commander.optionMissingArgument':
    case 'commander.missingArgument':
    case 'commander.missingMandatoryOptionValue':
      detail = say(T.usageMissingArgument, lang, { detail: quoted || error.message });
      break;
    case 'commander.excessArguments':
      detail = say(T.usageExcess, lang);
      break;
    default:
      detail = error.message.replace(/^error:\s*/, '');
  }
  return new XpmError('E_USAGE', { detail, command }, { exitCode: ExitCode.badInput });
}

const TITLES: Record<string, keyof typeof T> = {
  'Usage:': 'titleUsage',
  'Options:': 'titleOptions',
  'Commands:': 'titleCommands',
  'Arguments:': 'titleArguments',
};

/** Commander's help in the user's language: titles, and the `(default: …)` it appends. */
function helpConfig(lang: Lang) {
  const base = new Help();
  return {
    styleTitle: (title: string) => translateTitle(title, lang),
    optionDescription: (option: Option) =>
      base.optionDescription(option).replace(/\(default: /g, `(${say(T.defaultValue, lang)}: `),
  };
}

function translateTitle(title: string, lang: Lang): string {
  const key = TITLES[title];
  return key ? say(T[key], lang) : title;
}

/** `--lang X` / `--lang=X` is needed before commander runs, to build the help in that language. */
function scanLang(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === '--lang') return argv[i + 1] ?? '';
    if (arg.startsWith('--lang=')) return arg.slice('--lang='.length);
  }
  return undefined;
}

/** `0.1.0 (Node v24.11.1, SQLite: node:sqlite)`: which runtime and store driver this install uses. */
async function versionText(argv: string[], env: NodeJS.ProcessEnv): Promise<string> {
  if (!argv.includes('-V') && !argv.includes('--version')) return packageVersion(); // asked only when shown
  let sqlite: string;
  try {
    sqlite = (await import('../service/environment/index.js')).sqliteDriver(env);
  } catch (error) {
    sqlite = isXpmError(error) ? error.code : 'none'; // XPMIGRATE_SQLITE names what does not load
  }
  return `${packageVersion()} (Node ${process.version}, SQLite: ${sqlite})`;
}
