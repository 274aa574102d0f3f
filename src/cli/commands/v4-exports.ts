import type { Command } from 'commander';
import { checkV4ExportFolder } from '../../diagnose/index.js';
import { XpmError } from '../../errors/index.js';
import { say } from '../../i18n/index.js';
import { type CliContext, out } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { T } from '../texts/index.js';

/** `xpmigrate v4-exports DIR`: the Migrations-Manager's export folder has items a–e, the users CSV is valid. */
export function registerV4Exports(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  program
    .command('v4-exports')
    .description(say(T.cmdV4Exports, lang))
    .argument('<dir>', say(T.argV4Exports, lang))
    .option('--item <key=regex>', say(T.optV4Item, lang), (v: string, all: string[] = []) => [...all, v])
    .option('--json', say(T.optJson, lang))
    .action((dir: string, o: { item?: string[]; json?: boolean }) => {
      const patterns: Record<string, RegExp> = {};
      for (const spec of o.item ?? []) {
        const at = spec.indexOf('=');
        try {
          if (at < 1) throw new Error('key=regex');
          patterns[spec.slice(0, at)] = new RegExp(spec.slice(at + 1), 'i');
        } catch (error) {
          throw new XpmError('E_USAGE', {
            detail: `--item ${spec}: ${(error as Error).message}`,
            command: 'v4-exports',
          });
        }
      }
      const report = checkV4ExportFolder(dir, patterns);
      const missing = report.items.filter((i) => i.found.length === 0);
      const csvProblems = report.users?.report.problems.length ?? 0;
      if (missing.length > 0 || csvProblems > 0) ctx.exitCode = ExitCode.failed;
      if (o.json) {
        out(
          ctx,
          JSON.stringify(
            {
              ...report,
              items: report.items.map((i) => ({ key: i.key, label: i.label[lang], found: i.found })),
            },
            null,
            2,
          ),
        );
        return;
      }
      for (const item of report.items)
        out(
          ctx,
          `${item.found.length > 0 ? '✓' : '✗'} ${item.label[lang]}${item.found.length ? `: ${item.found.slice(0, 3).join(', ')}` : ` – ${say(T.v4Missing, lang)}`}`,
        );
      if (report.users && csvProblems > 0)
        out(ctx, `  ${say(T.v4CsvProblems, lang, { file: report.users.file, count: csvProblems })}`);
    });
}
