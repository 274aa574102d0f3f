import type { Command } from 'commander';
import { XpmError } from '../errors/index.js';
import { type Lang, say } from '../i18n/index.js';
import { FLAGS, type PlanInput, RESTORE_WITH } from '../plan/index.js';
import { choice } from './choice.js';
import { T } from './texts/index.js';
import { yesNoOrThrow } from './yes-no.js';

type YesNoKey =
  | 'teamdesk'
  | 'separateSqlServer'
  | 'onlyDatabases'
  | 'existingSqlServer'
  | 'analytics'
  | 'calendarSync'
  | 'exchangeContacts'
  | 'voicemailOutlook'
  | 'virtual'
  | 'littleDowntime';

const YES_NO: Array<[YesNoKey, keyof typeof T]> = [
  ['teamdesk', 'optTeamdesk'],
  ['separateSqlServer', 'optSeparate'],
  ['onlyDatabases', 'optOnlyDb'],
  ['existingSqlServer', 'optExisting'],
  ['analytics', 'optAnalytics'],
  ['calendarSync', 'optCalendar'],
  ['exchangeContacts', 'optContacts'],
  ['voicemailOutlook', 'optVoicemail'],
  ['virtual', 'optVirtual'],
  ['littleDowntime', 'optLittleDowntime'],
];

/** The inputs of `plan` (and of every command that builds a plan): one flag per answer. */
export function addPlanOptions(cmd: Command, lang: Lang): Command {
  cmd
    .option(`${FLAGS.job} <job>`, say(T.optJob, lang))
    .option(`${FLAGS.from} <version>`, say(T.optFrom, lang))
    .option(`${FLAGS.target} <plan>`, say(T.optTarget, lang))
    .option(`${FLAGS.users} <n>`, say(T.optUsers, lang), (value) => parseUsers(value))
    .option(`${FLAGS.sqlVersion} <version>`, say(T.optSqlVersion, lang))
    .option(`${FLAGS.serviceAccount} <account>`, say(T.optServiceAccount, lang))
    .option(`${FLAGS.restoreWith} <how>`, say(T.optRestoreWith, lang), (value: string) =>
      choice(value, FLAGS.restoreWith, RESTORE_WITH),
    );
  for (const [key, text] of YES_NO) {
    const flag = FLAGS[key];
    cmd.option(`${flag} [${say(T.yesNo, lang)}]`, say(T[text], lang), (value: string) =>
      yesNoOrThrow(flag, value),
    );
    cmd.option(`--no-${flag.slice(2)}`);
  }
  return cmd;
}

/** Commander's parsed options → PlanInput (only what was given). */
export function planInputFrom(options: Record<string, unknown>): PlanInput {
  const input: PlanInput = {};
  const str = (key: 'job' | 'from' | 'target' | 'sqlVersion' | 'serviceAccount' | 'restoreWith') => {
    const value = options[key];
    if (typeof value === 'string') (input as Record<string, unknown>)[key] = value;
  };
  str('job');
  str('from');
  str('target');
  str('sqlVersion');
  str('serviceAccount');
  str('restoreWith');
  if (typeof options.users === 'number') input.users = options.users;
  for (const [key] of YES_NO) {
    if (typeof options[key] === 'boolean') input[key] = options[key] as boolean;
  }
  return input;
}

function parseUsers(value: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000)
    throw new XpmError('E_INPUT_USERS', { flag: FLAGS.users, value });
  return n;
}

export const DEFAULT_DATABASES = 'XPDATA,XPVDIR,XPSTATS';

/** Where the databases come from and go: the same flags for start and doctor. */
export function addSqlOptions(cmd: Command, lang: Lang): Command {
  return cmd
    .option('--sql-server <server>', say(T.optSqlServer, lang))
    .option('--source-sql <server>', say(T.optSourceSql, lang))
    .option('--source-analytics-sql <server>', say(T.optSourceAnalyticsSql, lang))
    .option('--backup-dir <path>', say(T.optBackupDir, lang))
    .option('--databases <names>', say(T.optDatabases, lang), DEFAULT_DATABASES);
}

/** `A, B,,C` → `['A', 'B', 'C']`. */
export const listOption = (value: unknown): string[] =>
  String(value)
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
