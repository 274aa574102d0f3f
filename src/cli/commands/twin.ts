import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { XpmError } from '../../errors/index.js';
import { durationText } from '../../forecast/index.js';
import { type Host, WindowsHost } from '../../host/index.js';
import { say } from '../../i18n/index.js';
import { commandHost, previousRunOf, RunService, sqliteDriver, stateFile } from '../../service/index.js';
import { collectTwin, writeTwin } from '../../twin/index.js';
import { type CliContext, out } from '../context.js';
import { T } from '../texts/index.js';
import { packageVersion } from '../version.js';

interface CollectFlags {
  out: string;
  backupDir?: string;
  backupManagerLog?: string;
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
    .option('--backup-manager-log <path>', say(T.optTwinBackupManagerLog, lang))
    .option('--simulate', say(T.optTwinSimulate, lang))
    .option('--sim-version <version>', say(T.optSimVersion, lang))
    .option('--state <file>', say(T.optState, lang))
    .action(async (o: CollectFlags) => {
      if (o.simVersion && !o.simulate) throw new XpmError('E_SIMULATE_ONLY', { flag: '--sim-version' });
      // In the rehearsal, as on the customer's server: it runs on the old server.
      const host: Host =
        commandHost(o.simulate === true, stateFile(o.state, ctx.io.env), {
          ...(o.simVersion ? { version: o.simVersion } : {}),
        }) ?? new WindowsHost({ env: ctx.io.env });
      try {
        const store = stateFile(o.state, ctx.io.env);
        const collected = await collectTwin(host, {
          // The last real run on this server, from its store: the next forecast's measure.
          previousRun: () => {
            if (!existsSync(store)) return null;
            const service = RunService.open(store, { driver: sqliteDriver(ctx.io.env) });
            try {
              return previousRunOf(service);
            } finally {
              service.close();
            }
          },
          ...(o.backupDir ? { backupDir: o.backupDir } : {}),
          ...(o.backupManagerLog ? { backupManagerLog: o.backupManagerLog } : {}),
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
        for (const d of f.previousRun?.downtimes ?? [])
          out(
            ctx,
            say(T.twinPrevious, lang, {
              run: f.previousRun!.runId.slice(0, 8),
              first: d.firstStep,
              last: d.lastStep,
              forecast: durationText(d.forecastSeconds, lang),
              actual: d.actualSeconds === null ? '–' : durationText(d.actualSeconds, lang),
              error: d.errorPercent === null ? '–' : `${d.errorPercent > 0 ? '+' : ''}${d.errorPercent} %`,
            }),
          );
        for (const u of collected.unread)
          out(ctx, `  ${say(T.twinUnread, lang, { fact: u.fact, reason: say(u.reason, lang) })}`);
        if (collected.unread.some((u) => u.fact === 'backupManager'))
          out(ctx, `  ${say(T.twinBackupManagerHint, lang)}`);
        out(ctx, say(T.twinNoSecrets, lang));
      } finally {
        await host.close?.();
      }
    });
}
