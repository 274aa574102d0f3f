import { codeOnly } from '../../actors/sql-script/index.js';

/**
 * Reserved keywords of Transact-SQL that no statement puts right after AS, so there they can
 * only be an unquoted column or table alias, which SQL Server refuses with error 156 ("Incorrect
 * syntax near the keyword 'file'."). From Microsoft's "Reserved Keywords (Transact-SQL)" list;
 * the keywords that may follow AS in some statement (AS SELECT, AS BEGIN, AS RETURN, CAST(… AS
 * DOUBLE PRECISION), …) are left out, so the check never refuses a valid batch.
 */
const NEVER_AFTER_AS = [
  'BACKUP',
  'BROWSE',
  'CHECKPOINT',
  'CLUSTERED',
  'COLUMN',
  'CURRENT',
  'DATABASE',
  'DENY',
  'DISK',
  'DUMP',
  'ERRLVL',
  'FILE',
  'FILLFACTOR',
  'FOREIGN',
  'HOLDLOCK',
  'IDENTITYCOL',
  'INDEX',
  'KEY',
  'KILL',
  'LINENO',
  'LOAD',
  'NATIONAL',
  'NOCHECK',
  'NONCLUSTERED',
  'OFFSETS',
  'PERCENT',
  'PLAN',
  'PUBLIC',
  'READTEXT',
  'RECONFIGURE',
  'REPLICATION',
  'RESTORE',
  'RESTRICT',
  'ROWCOUNT',
  'ROWGUIDCOL',
  'RULE',
  'SCHEMA',
  'SECURITYAUDIT',
  'SETUSER',
  'SHUTDOWN',
  'STATISTICS',
  'TEXTSIZE',
  'TSEQUAL',
  'UPDATETEXT',
  'USER',
  'VARYING',
  'WRITETEXT',
];
const ALIAS = new RegExp(`\\bAS\\s+(${NEVER_AFTER_AS.join('|')})\\b`, 'i');

/** The reserved keyword a statement uses as an unquoted alias, as SQL Server names it in error 156. */
export function reservedAlias(sql: string): string | undefined {
  return ALIAS.exec(codeOnly(sql))?.[1];
}
