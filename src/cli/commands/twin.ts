import type { Command } from 'commander';
import { XpmError } from '../../errors/index.js';
import { type Host, WindowsHost } from '../../host/index.js';
import { say } from '../../i18n/index.js';
import { commandHost, stateFile } from '../../service/index.js';
import { collectTwin, writeTwin } from '../../twin/index.js';
import { type CliContext, out } from '../context.js';
import { T } from '../texts/index.js';
import { packageVersion } from '../version.js';

interface CollectFlags {
  out: string;
  backupDir?: string;
  simulate?: boolean;
  simVersion?: string;
  state?: string;
}

/** `xpmigrate twin collect`: the customer's server as facts, read-only, for a rehearsal of it. */
export function registerTwin(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  const twin = program.command('twin').description(say(T.cmdTwin, lang));
  twin
    .command('collect')
    .description(say(T.cmdTwinCollect, lang))
    .requiredOption('--out <file>', say(T.optTwinOut, lang))
    .option('--backup-dir <path>', say(T.optBackupDir, lang))
    .option('--simulate', say(T.optTwinSimulate, lang))
    .option('--sim-version <version>', say(T.optSimVersion, lang))
    .option('--state <file>', say(T.optState, lang))
    .action(async (o: CollectFlags) => {
      if (o.simVersion && !o.simulate) throw new XpmError('E_SIMULATE_ONLY', { flag: '--sim-version' });
      // In the rehearsal, as on the customer's server: (local) is the old server.
      const host: Host =
        commandHost(o.simulate === true, stateFile(o.state, ctx.io.env), {
          localSql: 'old',
          ...(o.simVersion ? { version: o.simVersion } : {}),
        }) ?? new WindowsHost({ env: ctx.io.env });
      try {
        const collected = await collectTwin(host, {
          ...(o.backupDir ? { backupDir: o.backupDir } : {}),
          env: ctx.io.env,
          tool: packageVersion(),
        });
        writeTwin(o.out, collected);
        const f = collected.facts;
        out(
          ctx,
          say(T.twinWritten, lang, {
            file: o.out,
            servers: f.sql.length,
            databases: f.sql.reduce((n, s) => n + s.databases.length, 0),
            backups: f.sql.reduce((n, s) => n + s.backups.length, 0),
            runs: f.backupManager.length,
          }),
        );
        for (const u of collected.unread)
          out(ctx, `  ${say(T.twinUnread, lang, { fact: u.fact, reason: u.reason })}`);
        out(ctx, say(T.twinNoSecrets, lang));
      } finally {
        await host.close?.();
      }
    });
}
