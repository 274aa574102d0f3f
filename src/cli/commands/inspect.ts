import type { Command } from 'commander';
import { XpmError } from '../../errors/index.js';
import { SimulatedHost } from '../../host/index.js';
import { say } from '../../i18n/index.js';
import { lockHolder } from '../../persistence/index.js';
import { activeStep, findRun, openRun, statusOf } from '../../runtime/index.js';
import { type CliContext, out } from '../context.js';
import { openStore, stepTitle } from '../session.js';
import { T } from '../texts.js';

interface Common {
  run?: string;
  state?: string;
  json?: boolean;
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
  common(program.command('sim').description(say(T.cmdSim, lang))).action((o: Common) => sim(ctx, o));
}

function status(ctx: CliContext, o: Common): void {
  const session = openStore(ctx, o.state);
  try {
    const row = findRun(session.store, session.file, o.run);
    const run = openRun(session.store, row);
    const snapshot = run.actor.getSnapshot();
    run.actor.stop();
    const active = activeStep(snapshot);
    const step = active
      ? run.plan.phases.flatMap((p) => p.steps).find((s) => s.def.id === active.stepId)
      : undefined;
    const holder = lockHolder(session.store.db, row.id);
    const report = {
      runId: row.id,
      state: statusOf(snapshot),
      route: row.route,
      plan: run.plan.target?.plan ?? null,
      simulate: row.simulate,
      currentStep: active?.stepId ?? null,
      stepsDone: snapshot.context.done.length + snapshot.context.skipped.length,
      stepsTotal: run.steps.length,
      skipped: snapshot.context.skipped,
      waitingFor:
        step && snapshot.hasTag('waiting-for-operator')
          ? {
              stepId: step.def.id,
              title: step.def.title[ctx.lang],
              help: step.def.help[ctx.lang],
              evidence: (step.def.evidence ?? []).map((f) => ({
                key: f.key,
                label: f.label[ctx.lang],
                pattern: f.pattern ?? null,
              })),
            }
          : null,
      lockedBy: holder ?? null,
      snapshots: session.store
        .snapshots(row.id)
        .filter((s) => s.removedAt === null)
        .map((s) => ({ name: s.name, stepId: s.stepId, at: s.at })),
      updatedAt: row.updatedAt,
    };
    if (o.json) {
      out(ctx, JSON.stringify(report, null, 2));
      return;
    }
    out(
      ctx,
      `${row.id}  ${report.state}  ${report.stepsDone}/${report.stepsTotal}  (${row.route}${report.plan ? `, plan ${report.plan}` : ''}${row.simulate ? ', simulate' : ''})`,
    );
    if (active) out(ctx, `  → ${active.stepId}: ${stepTitle(run.plan, active.stepId, ctx.lang)}`);
    if (report.waitingFor) out(ctx, `    ${report.waitingFor.help}`);
    if (holder) out(ctx, `  lock: pid ${holder.pid} on ${holder.host} since ${holder.since}`);
  } finally {
    session.close();
  }
}

function history(ctx: CliContext, o: Common): void {
  const session = openStore(ctx, o.state);
  try {
    const row = findRun(session.store, session.file, o.run);
    const rows = session.store.journalRows(row.id);
    if (o.json) {
      out(ctx, JSON.stringify({ runId: row.id, journal: rows }, null, 2));
      return;
    }
    for (const r of rows) {
      const attempt = r.attempt ? ` #${r.attempt}` : '';
      out(
        ctx,
        `${r.at}  ${r.kind.padEnd(18)} ${(r.stepId ?? '').padEnd(36)}${attempt}  ${r.who}  ${JSON.stringify(r.detail)}`,
      );
    }
  } finally {
    session.close();
  }
}

function runs(ctx: CliContext, o: Common): void {
  const session = openStore(ctx, o.state);
  try {
    const list = session.store.runs().map((r) => ({
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
        `${r.runId}  ${r.state.padEnd(16)} ${r.route.padEnd(11)} ${r.updatedAt}${r.simulate ? '  simulate' : ''}`,
      );
  } finally {
    session.close();
  }
}

function sim(ctx: CliContext, o: Common): void {
  const session = openStore(ctx, o.state);
  const file = SimulatedHost.fileFor(session.file);
  session.close();
  const state = SimulatedHost.read(file);
  if (!state) throw new XpmError('E_NO_RUNS', { file: session.file });
  const sqlServers = SimulatedHost.readSqlServers(file);
  if (o.json) {
    out(ctx, JSON.stringify({ ...state, sqlServers }, null, 2));
    return;
  }
  out(
    ctx,
    `version ${state.version}, boot ${state.bootId}, services ${Object.entries(state.services)
      .map(([n, r]) => `${n}=${r ? 'running' : 'stopped'}`)
      .join(' ')}`,
  );
  out(ctx, `instances ${state.instances.join(', ')}; install folder ${state.installDir}`);
  out(ctx, `snapshots ${state.snapshots.length}, backups ${Object.keys(state.backups).length}`);
  out(ctx, 'effects:');
  for (const [name, count] of Object.entries(state.effects)) out(ctx, `  ${name.padEnd(44)} ${count}`);
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
