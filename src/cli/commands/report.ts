import type { Command } from 'commander';
import { writeAtomic } from '../../host/index.js';
import { say } from '../../i18n/index.js';
import { reportHtml, reportMarkdown } from '../../report/index.js';
import { choice } from '../choice.js';
import { type CliContext, out } from '../context.js';
import { openService } from '../session.js';
import { T } from '../texts/index.js';

const FORMATS = ['html', 'markdown', 'json'] as const;

/** `xpmigrate report`: a self-contained record of a run for the customer. */
export function registerReport(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  program
    .command('report')
    .description(say(T.cmdReport, lang))
    .option('--run <id>', say(T.optRun, lang))
    .option('--state <file>', say(T.optState, lang))
    .option('--format <format>', say(T.optReportFormat, lang), 'html')
    .option('--out <file>', say(T.optReportOut, lang))
    .action((o: { run?: string; state?: string; format: string; out?: string }) => {
      const format = choice(o.format, '--format', FORMATS);
      const service = openService(ctx, o.state);
      try {
        const report = service.report(o.run, lang);
        const text =
          format === 'html'
            ? reportHtml(report, lang)
            : format === 'markdown'
              ? reportMarkdown(report, lang)
              : `${JSON.stringify(report, null, 2)}\n`;
        if (o.out) {
          writeAtomic(o.out, text);
          out(ctx, say(T.reportWritten, lang, { file: o.out }));
        } else ctx.io.stdout.write(text);
      } finally {
        service.close();
      }
    });
}
