import type { Command } from 'commander';
import { refuseSecrets } from '../../actors/sql-server/index.js';
import { type DoctorCheck, doctor } from '../../diagnose/index.js';
import { type Host, WindowsHost } from '../../host/index.js';
import { say } from '../../i18n/index.js';
import { buildPlan } from '../../plan/index.js';
import { markdownText } from '../../report/index.js';
import {
  commandHost,
  defaultTarget,
  SIMULATED_ANALYTICS_SQL,
  SIMULATED_SHARE,
  SIMULATED_SOURCE_SQL,
  sqliteDriver,
  stateFile,
} from '../../service/index.js';
import { choice } from '../choice.js';
import { type CliContext, out } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { addPlanOptions, addSqlOptions, listOption, planInputFrom } from '../plan-options.js';
import { T } from '../texts/index.js';
import { FORMATS } from './plan.js';

/** `xpmigrate doctor`: the plan's read-only checks, on Thursday instead of during the weekend. */
export function registerDoctor(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  const cmd = program.command('doctor').description(say(T.cmdDoctor, lang));
  addSqlOptions(addPlanOptions(cmd, lang), lang)
    .option('--simulate', say(T.optSqlSimulate, lang))
    .option('--state <file>', say(T.optState, lang))
    .option('--format <format>', say(T.optFormat, lang), 'text')
    .option('--role <role>', say(T.optDoctorRole, lang))
    .action(async (o: Record<string, unknown>) => {
      const format = choice(o.format, '--format', FORMATS);
      const role = o.role === undefined ? undefined : choice(o.role, '--role', ['old', 'new'] as const);
      const plan = buildPlan(planInputFrom(o));
      const simulate = o.simulate === true;
      const host: Host =
        commandHost(simulate, stateFile(o.state as string | undefined, ctx.io.env), {
          ...(plan.input.from ? { version: plan.input.from } : {}),
        }) ?? new WindowsHost({ env: ctx.io.env });
      const sim = (value: string) => (simulate ? value : undefined);
      // A password in a connection string would reach the output: refused, as start refuses it.
      const given = (flag: string, key: string) =>
        o[key] === undefined ? undefined : refuseSecrets(String(o[key]), flag);
      const sourceSql = given('--source-sql', 'sourceSql');
      try {
        const checks = await doctor(host, {
          plan,
          targetSql: given('--sql-server', 'sqlServer') ?? defaultTarget(plan.target?.plan, plan.route),
          ...optional('sourceSql', sourceSql ?? sim(SIMULATED_SOURCE_SQL)),
          // A rehearsal reads Analytics from its own instance, as its start does (unless a source is named).
          ...optional(
            'sourceAnalyticsSql',
            given('--source-analytics-sql', 'sourceAnalyticsSql') ??
              (sourceSql === undefined ? sim(SIMULATED_ANALYTICS_SQL) : undefined),
          ),
          ...optional('backupDir', (o.backupDir as string | undefined) ?? sim(SIMULATED_SHARE)),
          ...optional('serviceAccount', plan.input.serviceAccount),
          databases: listOption(o.databases),
          env: ctx.io.env,
          sqlite: () => sqliteDriver(ctx.io.env),
          ...(role ? { role } : {}),
        });
        ctx.exitCode = checks.some((c) => c.status === 'fail') ? ExitCode.failed : ExitCode.ok;
        out(ctx, render(checks, format, ctx.lang));
      } finally {
        await host.close?.();
      }
    });
}

const optional = <K extends string>(key: K, value: string | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;

function render(checks: DoctorCheck[], format: (typeof FORMATS)[number], lang: CliContext['lang']): string {
  const failed = checks.filter((c) => c.status === 'fail').length;
  const warned = checks.filter((c) => c.status === 'warn').length;
  const summary = say(T.doctorSummary, lang, { checks: checks.length, failed, warned });
  if (format === 'json')
    return JSON.stringify(
      {
        failed,
        warned,
        checks: checks.map((c) => ({
          id: c.id,
          subject: c.subject,
          status: c.status,
          message: c.message[lang],
          remedy: c.remedy?.[lang] ?? null,
        })),
      },
      null,
      2,
    );
  if (format === 'markdown') {
    const cell = markdownText;
    return [
      `| ${say(T.doctorColumns, lang).split('|').join(' | ')} |`,
      '|---|---|---|---|---|',
      ...checks.map(
        (c) =>
          `| ${c.status} | ${c.id} | ${cell(c.subject)} | ${cell(c.message[lang])} | ${cell(c.remedy?.[lang] ?? '')} |`,
      ),
      '',
      summary,
    ].join('\n');
  }
  const mark = { pass: '✓', warn: '!', fail: '✗' } as const;
  return [
    ...checks.flatMap((c) => [
      `${mark[c.status]} ${c.id.padEnd(22)} ${c.subject.padEnd(22)} ${c.message[lang]}`,
      ...(c.remedy ? [`      → ${c.remedy[lang]}`] : []),
    ]),
    summary,
  ].join('\n');
}
