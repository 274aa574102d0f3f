import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { checkUsersCsv, convertCsv } from '../../diagnose/index.js';
import { XpmError } from '../../errors/index.js';
import { writeAtomicWith } from '../../host/index.js';
import { say } from '../../i18n/index.js';
import { choice } from '../choice.js';
import { type CliContext, out } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { T } from '../texts/index.js';

const TARGETS = ['utf-8-bom', 'utf-16le', 'windows-1252'] as const;

/** The V4 Migrations-Manager's users export (item e), checked for the V9 Text-Connector. */
export function registerUsersCsv(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  program
    .command('users-csv')
    .description(say(T.cmdUsersCsv, lang))
    .argument('<file>', say(T.argUsersCsv, lang))
    .option('--json', say(T.optJson, lang))
    .option('--convert-to <encoding>', say(T.optConvertTo, lang))
    .option('--out <file>', say(T.optCsvOut, lang))
    .action((file: string, o: { json?: boolean; convertTo?: string; out?: string }) => {
      const target = o.convertTo === undefined ? undefined : choice(o.convertTo, '--convert-to', TARGETS);
      if (target && !o.out)
        throw new XpmError('E_USAGE', { detail: '--convert-to needs --out FILE', command: 'users-csv' });
      let size: number;
      try {
        const info = statSync(file);
        if (info.isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
        size = info.size;
      } catch (error) {
        throw new XpmError('E_DIAG_PATH', {
          path: file,
          detail: (error as NodeJS.ErrnoException).code ?? '',
        });
      }
      if (size === 0) throw new XpmError('E_DIAG_EMPTY', { file });
      // The file is streamed, never read whole: a users export can be hundreds of MB.
      const report = checkUsersCsv(file, file);
      let converted: { file: string; unmappable: number[] } | undefined;
      if (target && o.out) {
        const result = writeAtomicWith(o.out, (write) => convertCsv(file, target, write, file));
        converted = { file: o.out, unmappable: result.unmappable };
      }
      if (report.problems.length > 0 || (converted?.unmappable.length ?? 0) > 0)
        ctx.exitCode = ExitCode.failed;
      if (o.json) {
        out(ctx, JSON.stringify({ file, ...report, ...(converted ? { converted } : {}) }, null, 2));
        return;
      }
      out(
        ctx,
        say(T.csvSummary, lang, {
          file,
          rows: report.rows,
          encoding: report.encoding,
          separator: JSON.stringify(report.separator),
        }),
      );
      for (const p of report.problems)
        out(
          ctx,
          `  ${say(T.csvLine, lang, { line: p.line })}: ${say(T[p.code], lang, { detail: p.detail, ...p.params })}`,
        );
      if (report.problemCount > report.problems.length)
        out(
          ctx,
          `  ${say(T.csvMoreProblems, lang, { more: report.problemCount - report.problems.length, shown: report.problems.length })}`,
        );
      if (report.problems.length === 0) out(ctx, `  ${say(T.csvOk, lang)}`);
      if (converted) {
        out(ctx, say(T.csvConverted, lang, { file: converted.file, encoding: String(o.convertTo) }));
        if (converted.unmappable.length > 0)
          out(ctx, `  ${say(T.csvUnmappable, lang, { lines: converted.unmappable.join(', ') })}`);
      }
    });
}
