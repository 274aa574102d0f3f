import type { Command } from 'commander';
import { refuseSecrets, runChecks, serverLabel, sqlAccess, withSql } from '../../actors/sql-server/index.js';
import { say } from '../../i18n/index.js';
import { commandHost, sqlHost, stateFile } from '../../service/index.js';
import { type CliContext, out } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { DEFAULT_DATABASES, listOption } from '../plan-options.js';
import { T } from '../texts/index.js';

interface CheckOptions {
  server: string;
  serviceAccount?: string;
  databases: string;
  backupDir?: string;
  external?: boolean;
  simulate?: boolean;
  state?: string;
  json?: boolean;
}

/** `xpmigrate sql check`: the read-only checks on one SQL Server, pass / warn / fail with remedies. */
export function registerSql(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  const sql = program.command('sql').description(say(T.cmdSql, lang));
  sql
    .command('check')
    .description(say(T.cmdSqlCheck, lang))
    .requiredOption('--server <server>', say(T.optSqlServer, lang))
    .option('--service-account <account>', say(T.optSqlCheckAccount, lang))
    .option('--databases <names>', say(T.optDatabases, lang), DEFAULT_DATABASES)
    .option('--backup-dir <path>', say(T.optBackupDir, lang))
    .option('--external', say(T.optSqlExternal, lang))
    .option('--simulate', say(T.optSqlSimulate, lang))
    .option('--state <file>', say(T.optState, lang))
    .option('--json', say(T.optJson, lang))
    .action((o: CheckOptions) => check(ctx, o));
}

async function check(ctx: CliContext, o: CheckOptions): Promise<void> {
  const host = commandHost(o.simulate === true, stateFile(o.state, ctx.io.env));
  try {
    const access = await sqlAccess(
      refuseSecrets(o.server, '--server'),
      sqlHost(host, ctx.io.env),
      ctx.io.env,
    );
    const { facts, checks } = await withSql(access, (c) =>
      runChecks(c, {
        ...(o.serviceAccount ? { serviceAccount: o.serviceAccount } : {}),
        databases: listOption(o.databases),
        ...(o.backupDir ? { backupDir: o.backupDir } : {}),
        external: o.external === true,
      }),
    );
    const failed = checks.some((c) => c.status === 'fail');
    if (o.json) {
      const text = (t: { de: string; en: string } | undefined) => (t ? t[ctx.lang] : undefined);
      out(
        ctx,
        JSON.stringify(
          {
            server: serverLabel(o.server),
            facts,
            checks: checks.map((c) => ({
              id: c.id,
              status: c.status,
              message: text(c.message),
              remedy: text(c.remedy),
            })),
          },
          null,
          2,
        ),
      );
    } else {
      out(ctx, `${serverLabel(o.server)}: SQL Server ${facts.version}, ${facts.edition}`);
      for (const c of checks) {
        out(
          ctx,
          `  ${c.status === 'pass' ? '✓' : c.status === 'warn' ? '!' : '✗'} ${c.id.padEnd(18)} ${c.message[ctx.lang]}`,
        );
        if (c.remedy) out(ctx, `      → ${c.remedy[ctx.lang]}`);
      }
    }
    ctx.exitCode = failed ? ExitCode.failed : ExitCode.ok;
  } finally {
    await host?.close();
  }
}
