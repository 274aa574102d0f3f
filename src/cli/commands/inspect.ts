import type { Command } from 'commander';
import { XpmError } from '../../errors/index.js';
import { say } from '../../i18n/index.js';
import { machineText, routeTitle, runStatusText } from '../../plan/index.js';
import { rehearsalSqlServers, rehearsalWorld, stateFile, walkTo } from '../../service/index.js';
import { type CliContext, out } from '../context.js';
import { openService, sayWhichRun, stepTitle } from '../session.js';
import { T } from '../texts/index.js';

interface Common {
  run?: string;
  state?: string;
  json?: boolean;
  do?: boolean;
}

export function registerInspect(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  const common = (cmd: Command) =>
    cmd.option('--state <file>', say(T.optState, lang)).option('--json', say(T.optJson, lang));

  common(program.command('status').description(say(T.cmdStatus, lang)))
    .option('--run <id>', say(T.optRun, lang))
    .action((o: Common) => status(ctx, o));
  common(program.command('history').description(say(T.cmdHistory, lang)))
    .option('--run <id>', say(T.optRun, lang))
    .action((o: Common) => history(ctx, o));
  common(program.command('runs').description(say(T.cmdRuns, lang))).action((o: Common) => runs(ctx, o));
  common(program.command('sim').description(say(T.cmdSim, lang)))
    .option('--run <id>', say(T.optRun, lang))
    .option('--do', say(T.optSimDo, lang))
    .option('--machine <name>', say(T.optSimMachine, lang))
    .action((o: Common & { machine?: string }) => (o.do ? simDo(ctx, o) : sim(ctx, o)));
}

function status(ctx: CliContext, o: Common): void {
  const service = openService(ctx, o.state);
  sayWhichRun(ctx, service, o.run);
  try {
    const s = service.status(o.run);
    const { row, plan } = s.record;
    const step = s.currentStep
      ? plan.phases.flatMap((p) => p.steps).find((x) => x.def.id === s.currentStep)
      : undefined;
    const report = {
      runId: row.id,
      state: s.state,
      route: row.route,
      plan: plan.target?.plan ?? null,
      simulate: row.simulate,
      currentStep: s.currentStep,
      stepsDone: s.stepsDone,
      stepsTotal: s.stepsTotal,
      skipped: s.skipped,
      waitingFor:
        step && s.waitingForOperator
          ? {
              stepId: step.def.id,
              title: step.def.title[ctx.lang],
              help: step.def.help[ctx.lang],
              evidence: (step.def.evidence ?? []).map((f) => ({
                key: f.key,
                label: f.label[ctx.lang],
                hint: f.hint?.[ctx.lang] ?? null,
              })),
            }
          : null,
      lockedBy: s.lockedBy,
      snapshots: s.snapshots,
      // The XPhone servers by role, and the one the current step is driven on (after a hand-over: the new).
      machines: s.machines,
      where: s.current ? { ...s.current, text: machineText(s.current, ctx.lang, s.machines) } : null,
      drivenOn: s.current?.drivenOnName ?? null,
      updatedAt: row.updatedAt,
    };
    if (o.json) {
      out(ctx, JSON.stringify(report, null, 2));
      return;
    }
    out(
      ctx,
      `${row.id}  ${runStatusText(report.state, ctx.lang)}  ${report.stepsDone}/${report.stepsTotal}  (${routeTitle(row.route, ctx.lang)}${report.plan ? `, ${say(T.headPlan, ctx.lang)} ${report.plan}` : ''}${row.simulate ? `, ${say(T.rehearsalWord, ctx.lang)}` : ''})`,
    );
    if (s.currentStep) out(ctx, `  → ${s.currentStep}: ${stepTitle(plan, s.currentStep, ctx.lang)}`);
    if (report.where) out(ctx, `    ${say(T.statusWhere, ctx.lang, { where: report.where.text })}`);
    if (report.waitingFor) out(ctx, `    ${report.waitingFor.help}`);
    if (report.state === 'paused') out(ctx, `  ${say(T.statusPaused, ctx.lang)}`);
    const holder = s.lockedBy;
    if (holder)
      out(ctx, `  ${say(T.lockHeld, ctx.lang, { pid: holder.pid, host: holder.host, since: holder.since })}`);
  } finally {
    service.close();
  }
}

function history(ctx: CliContext, o: Common): void {
  const service = openService(ctx, o.state);
  sayWhichRun(ctx, service, o.run);
  try {
    const { record, journal: rows } = service.history(o.run);
    if (o.json) {
      out(ctx, JSON.stringify({ runId: record.row.id, journal: rows }, null, 2));
      return;
    }
    for (const r of rows) {
      const attempt = r.attempt ? ` #${r.attempt}` : '';
      out(
        ctx,
        `${r.at}  ${printable(r.kind).padEnd(18)} ${printable(r.stepId ?? '').padEnd(36)}${attempt}  ${printable(r.who)}  ${JSON.stringify(r.detail)}`,
      );
    }
  } finally {
    service.close();
  }
}

/** Control characters shown as escapes: a name given with --by cannot forge lines or colours. */
function printable(text: string): string {
  return text.replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function runs(ctx: CliContext, o: Common): void {
  const service = openService(ctx, o.state);
  try {
    const list = service.runs().map(({ row: r }) => ({
      runId: r.id,
      state: r.status,
      route: r.route,
      simulate: r.simulate,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    }));
    if (o.json) {
      out(ctx, JSON.stringify({ runs: list }, null, 2));
      return;
    }
    for (const r of list)
      out(
        ctx,
        `${r.runId}  ${runStatusText(r.state, ctx.lang).padEnd(24)} ${routeTitle(r.route, ctx.lang).padEnd(36)} ${r.updatedAt}${r.simulate ? `  ${say(T.rehearsalWord, ctx.lang)}` : ''}`,
      );
  } finally {
    service.close();
  }
}

/** The operator's action at the waiting manual step, done on the rehearsal's server; the confirm stays theirs. */
async function simDo(ctx: CliContext, o: Common): Promise<void> {
  const service = openService(ctx, o.state);
  try {
    const done = await service.actAsOperator(o.run);
    const { plan } = service.status(o.run).record;
    if (o.json) {
      out(ctx, JSON.stringify(done, null, 2));
      return;
    }
    const evidence = Object.entries(done.evidence)
      .map(([k, v]) => ` --evidence ${k}=${/\s/.test(v) ? `"${v}"` : v}`)
      .join('');
    out(ctx, say(T.simDid, ctx.lang, { step: stepTitle(plan, done.stepId, ctx.lang) }));
    if (done.version) out(ctx, say(T.simInstalled, ctx.lang, { version: done.version }));
    out(ctx, say(T.simNext, ctx.lang, { command: `xpmigrate confirm ${done.stepId}${evidence}` }));
  } finally {
    service.close();
  }
}

function sim(ctx: CliContext, o: Common & { machine?: string }): void {
  const file = stateFile(o.state, ctx.io.env);
  openService(ctx, o.state).close();
  if (o.machine) walkTo(file, o.machine);
  const world = rehearsalWorld(file);
  if (!world) throw new XpmError('E_NO_RUNS', { file });
  const sqlServers = rehearsalSqlServers(file);
  if (o.json) {
    out(ctx, JSON.stringify({ ...world, sqlServers }, null, 2));
    return;
  }
  // Each machine of the rehearsal, the one xpmigrate runs on marked.
  for (const [name, m] of Object.entries(world.machines)) {
    const here = name === world.here ? ` ← ${say(T.simHere, ctx.lang)}` : '';
    out(ctx, `${name}${here}`);
    const services = Object.entries(m.services).map(([n, r]) => `${n}=${r ? 'running' : 'stopped'}`);
    out(ctx, `  XPhone ${m.version || '–'}, boot ${m.bootId}, services ${services.join(' ') || '–'}`);
    out(ctx, `  instances ${m.instances.join(', ') || '–'}; install folder ${m.installDir}`);
    out(ctx, `  backups ${Object.keys(m.backups).length}`);
  }
  out(ctx, `snapshots ${world.snapshots.map((x) => `${x.name} (${x.machine})`).join(', ') || '0'}`);
  out(ctx, 'effects:');
  for (const [name, count] of Object.entries(world.effects)) out(ctx, `  ${name.padEnd(44)} ${count}`);
  for (const [name, m] of Object.entries(sqlServers)) {
    const dbs = Object.entries(m.databases).map(([db, d]) => `${db} (${d.sizeMb} MB, ${d.content})`);
    out(ctx, `sql ${name}: ${m.version} ${m.edition}; ${dbs.join(', ') || '–'}`);
    out(
      ctx,
      `  ${
        Object.entries(m.counts)
          .map(([k, n]) => `${k}=${n}`)
          .join(' ') || '–'
      }`,
    );
  }
}
