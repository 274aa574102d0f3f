import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { isXpmError, XpmError } from '../../errors/index.js';
import { say } from '../../i18n/index.js';
import { stateFile } from '../../service/index.js';
import { type CliContext, out } from '../context.js';
import { operatorName } from '../session.js';
import { T } from '../texts/index.js';

interface UiFlags {
  run?: string;
  state?: string;
  port: string;
  host: string;
  inspect?: string;
  by?: string;
}

/** How often the store is asked whether something changed (one pragma per tick). */
const POLL_MS = 40;

/** `xpmigrate ui`: the visualizer, until Ctrl+C. */
export function registerUi(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  program
    .command('ui')
    .description(say(T.cmdUi, lang))
    .option('--run <id>', say(T.optRun, lang))
    .option('--state <file>', say(T.optState, lang))
    .option('--port <n>', say(T.optUiPort, lang), '0')
    .option('--host <address>', say(T.optUiHost, lang), '127.0.0.1')
    .option('--inspect <url>', say(T.optUiInspect, lang))
    .option('--by <name>', say(T.optBy, lang))
    .action((o: UiFlags) => serve(ctx, o));
}

async function serve(ctx: CliContext, o: UiFlags): Promise<void> {
  const port = Number(o.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new XpmError('E_INPUT_CHOICE', { flag: '--port', value: o.port, allowed: '0–65535' });
  // Loaded here, not with every command: elkjs alone is 1.5 MB of JavaScript.
  const { chartOf, RunActions, RunFollower, startUi, streamToInspector } = await import(
    '../../inspect/index.js'
  );
  const file = stateFile(o.state, ctx.io.env);
  const follower = new RunFollower(file, o.run, ctx.lang);
  const model = follower.open();
  const root = fileURLToPath(new URL('../../../../', import.meta.url));
  const ui = await startUi({
    follower,
    model,
    chart: chartOf(model.machine),
    host: o.host,
    port,
    token: randomBytes(24).toString('base64url'),
    pageDir: `${root}visualizer`,
    scriptDir: `${root}dist/page`,
    actions: new RunActions(follower, `${operatorName(o.by)} (ui)`, ctx.lang, (error) =>
      // The page shows where the run stands; the console says why a drive stopped.
      ctx.io.stderr.write(
        `xpmigrate: ${isXpmError(error) ? `[${error.code}] ${error.text(ctx.lang)}` : String(error)}\n`,
      ),
    ),
  });
  follower.start(POLL_MS);
  const stopInspector = o.inspect ? streamToInspector(o.inspect, follower, model) : undefined;
  out(ctx, say(T.uiListening, ctx.lang, { run: model.row.id, url: ui.url }));
  if (o.host !== '127.0.0.1' && o.host !== 'localhost' && o.host !== '::1')
    out(ctx, say(T.uiNotLoopback, ctx.lang, { host: o.host }));
  if (o.inspect) out(ctx, say(T.uiInspecting, ctx.lang, { url: o.inspect }));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  stopInspector?.();
  await ui.close();
  follower.stop();
}
