import type { Command } from 'commander';
import type { CliContext } from '../context.js';

type Register = (program: Command, ctx: CliContext) => void;

/**
 * Every command, by the names it adds to the program, and its module, loaded only when it is
 * needed: a command's module pulls in what it runs (the service, the SQL driver, the page's
 * layout), which an operator's `--version`, or another command, does not need to wait for.
 * In the order `--help` lists them.
 */
const COMMANDS: Array<[names: string[], load: () => Promise<Register>]> = [
  [['plan'], async () => (await import('./plan.js')).registerPlan],
  [['start'], async () => (await import('./start.js')).registerStart],
  [['resume'], async () => (await import('./resume.js')).registerResume],
  [
    ['confirm', 'skip', 'retry', 'abort'],
    async () => (await import('./operator.js')).registerOperatorCommands,
  ],
  [['unlock'], async () => (await import('./unlock.js')).registerUnlock],
  [['status', 'history', 'runs', 'sim'], async () => (await import('./inspect.js')).registerInspect],
  [['atlas'], async () => (await import('./atlas.js')).registerAtlas],
  [['sql'], async () => (await import('./sql.js')).registerSql],
  [['export-db', 'import-db'], async () => (await import('./db-script.js')).registerDbScript],
  [['snapshots', 'rollback'], async () => (await import('./snapshots.js')).registerSnapshots],
  [['diagnose'], async () => (await import('./diagnose.js')).registerDiagnose],
  [['doctor'], async () => (await import('./doctor.js')).registerDoctor],
  [['users-csv'], async () => (await import('./users-csv.js')).registerUsersCsv],
  [['v4-exports'], async () => (await import('./v4-exports.js')).registerV4Exports],
  [['report'], async () => (await import('./report.js')).registerReport],
  [['twin'], async () => (await import('./twin.js')).registerTwin],
  [['ui'], async () => (await import('./ui.js')).registerUi],
];

/**
 * Adds the commands `argv` needs: the one it names (also after `help`); none for a bare
 * `--version`; all of them for the overall help, or a name no command has (so that the error
 * can suggest the nearest one).
 */
export async function registerCommands(program: Command, ctx: CliContext, argv: string[]): Promise<void> {
  const words = commandWords(argv);
  const named = words[0] === 'help' ? words[1] : words[0];
  const asksVersionOnly =
    named === undefined &&
    argv.some((a) => a === '-V' || a === '--version') &&
    !argv.some((a) => a === '-h' || a === '--help');
  const its = COMMANDS.filter(([names]) => named !== undefined && names.includes(named));
  const chosen = asksVersionOnly ? [] : its.length > 0 ? its : COMMANDS;
  for (const register of await Promise.all(chosen.map(([, load]) => load()))) register(program, ctx);
}

/** The words that are no option: the program's own `--lang X` is skipped with its value. */
function commandWords(argv: string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === '--lang') i++;
    else if (!arg.startsWith('-')) words.push(arg);
  }
  return words;
}
