import type { Command } from 'commander';
import { diagnose } from '../../diagnose/index.js';
import { say } from '../../i18n/index.js';
import { type CliContext, out } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { T } from '../texts/index.js';

export function registerDiagnose(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  program
    .command('diagnose')
    .description(say(T.cmdDiagnose, lang))
    .argument('<path>', say(T.argDiagnosePath, lang))
    .option('--json', say(T.optJson, lang))
    .action(async (path: string, o: { json?: boolean }) => {
      const { files, findings } = await diagnose(path, lang);
      // Exit 1 when the logs show an error: scripts can tell a clean log from a broken one.
      if (findings.some((f) => f.severity === 'error')) ctx.exitCode = ExitCode.failed;
      if (o.json) {
        out(ctx, JSON.stringify({ files, findings }, null, 2));
        return;
      }
      for (const f of files) {
        const what =
          f.skipped ??
          say(T.diagFile, lang, { lines: f.lines, entries: f.entries, encoding: f.encoding ?? '?' });
        out(ctx, `${f.file}: ${what}`);
      }
      if (findings.length === 0) out(ctx, say(T.diagNothing, lang));
      findings.forEach((f, i) => {
        const lines = f.lines.length > 8 ? `${f.lines.slice(0, 8).join(', ')}, …` : f.lines.join(', ');
        out(
          ctx,
          `\n${i + 1}. [${f.severity}] ${f.code}  ${f.file}: ${say(T.diagLines, lang, { lines, count: f.count })}`,
        );
        out(ctx, `   ${f.excerpt.split('\n').join('\n   ')}`);
        out(ctx, `   ${say(T.diagCause, lang)}: ${f.cause}`);
        out(ctx, `   ${say(T.diagRemedy, lang)}: ${f.remedy}`);
      });
    });
}
