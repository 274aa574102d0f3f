import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { splitScript } from '../../src/actors/sql-script/index.js';
import { readSqlModels, type SimMachine, type SimState } from '../../src/simulation/index.js';
import { type CliResult, cleanEnv, cliInProcess } from './cli.js';

/** The rehearsal's world as a test reads it: the machine xpmigrate runs on, with the world's records. */
export interface Sim extends SimMachine {
  here: string;
  machines: SimState['machines'];
  effects: Record<string, number>;
  snapshots: SimState['snapshots'];
}

/** Plan C with xpmigrate's own restore (`--restore-with xpmigrate`): the SQL steps end to end. */
export const PLAN_C_SQL_RESTORE = [
  '--from',
  '8',
  '--target',
  'C',
  '--virtual',
  'no',
  '--restore-with',
  'xpmigrate',
];

export function tempState(): string {
  return join(mkdtempSync(join(tmpdir(), 'xpm-test-')), 'state.db');
}

/** The simulated operator installed an update by hand: the server now reports this version. */
export function operatorInstalled(state: string, version: string): void {
  editSim(state, (m) => {
    m.version = version;
  });
}

/** Changes the simulated machine xpmigrate runs on (a test's hand on the rehearsal's server). */
export function editSim(state: string, change: (machine: SimMachine, world: SimState) => void): void {
  const file = `${state}.host.json`;
  const world = JSON.parse(readFileSync(file, 'utf8')) as SimState;
  change(world.machines[world.here]!, world);
  writeFileSync(file, JSON.stringify(world));
}

/**
 * The operator's part of the waiting manual step in a rehearsal without --auto-confirm: done on
 * the simulated server (`sim --do`, e.g. the Backup-Manager's backup), then confirmed with what
 * it left. Returns the confirm's outcome.
 */
export async function operatorDoes(state: string): Promise<CliResult> {
  const did = await cliInProcess(['sim', '--do', '--json', '--state', state]);
  if (did.code !== 0) throw new Error(`sim --do failed: ${did.stdout}${did.stderr}`);
  const { stepId, evidence } = JSON.parse(did.stdout) as { stepId: string; evidence: Record<string, string> };
  const args = Object.entries(evidence).flatMap(([k, v]) => ['--evidence', `${k}=${v}`]);
  return cliInProcess(['confirm', stepId, ...args, '--state', state, '--lang', 'en']);
}

/**
 * The hand-over as the operator does it in a rehearsal without --auto-confirm: confirmed on the
 * old server, the store taken to the new one (`sim --machine`), resumed there. Returns the resume.
 */
export async function handOver(state: string): Promise<CliResult> {
  const confirmed = await cliInProcess([
    'confirm',
    'handover.to-new',
    '--evidence',
    'machine=NEWXPHONE',
    '--state',
    state,
  ]);
  if (confirmed.code !== 3)
    throw new Error(`hand-over: exit ${confirmed.code}: ${confirmed.stdout}${confirmed.stderr}`);
  await cliInProcess(['sim', '--machine', 'NEWXPHONE', '--state', state]);
  return cliInProcess(['resume', '--state', state, '--lang', 'en']);
}

/**
 * Drives a rehearsal without --auto-confirm as an operator would: each waiting manual step done on
 * the simulated server (`sim --do`) and confirmed, each reboot followed by `resume`, until the
 * run stands at `until` (a step id), or ends. A failure ends it too: the caller looks at it.
 */
export async function operateUntil(state: string, until?: string): Promise<RunStatusJson> {
  for (let i = 0; i < 80; i++) {
    const s = await status(state);
    if (s.currentStep === until || ['done', 'failed', 'aborted'].includes(s.state)) return s;
    // A hand-over: the operator takes the store to the machine that drives the run on.
    if (s.drivenOn && s.drivenOn !== readSim(state).here)
      await cliInProcess(['sim', '--machine', s.drivenOn, '--state', state]);
    const r =
      s.state === 'waiting-operator'
        ? await operatorDoes(state)
        : await cliInProcess(['resume', '--state', state, '--lang', 'en']);
    if (![0, 1, 3, 4].includes(r.code ?? -1)) throw new Error(`exit ${r.code}: ${r.stdout}${r.stderr}`);
  }
  throw new Error(`no end after 80 actions at ${(await status(state)).currentStep}`);
}

export function readSim(state: string): Sim {
  const world = JSON.parse(readFileSync(`${state}.host.json`, 'utf8')) as SimState;
  return { ...world.machines[world.here]!, ...world };
}

/** What `status --json` says of a run. */
export interface RunStatusJson {
  state: string;
  currentStep: string | null;
  stepsDone: number;
  stepsTotal: number;
  /** The machine the current step is driven on, by name (after a hand-over: the new server). */
  drivenOn: string | null;
}

export async function status(state: string): Promise<RunStatusJson> {
  const r = await cliInProcess(['status', '--json', '--state', state]);
  if (r.code !== 0) throw new Error(`status failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as RunStatusJson;
}

/** The journal's kinds and steps (`history --json`). */
export async function journalOf(state: string) {
  const r = await cliInProcess(['history', '--json', '--state', state]);
  return (JSON.parse(r.stdout) as { journal: Array<{ kind: string; stepId: string | null }> }).journal;
}

/**
 * Resumes until the run ends, playing the scheduled task after each reboot. A step that needs
 * an operator's decision (recovery policy `ask`) is decided by `decide`.
 */
export async function resumeToEnd(state: string, decide: (stepId: string) => string[]): Promise<number[]> {
  const codes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const r = await cliInProcess(['resume', '--auto-confirm', '--state', state, '--lang', 'en']);
    codes.push(r.code ?? -1);
    if (r.code === 0) return codes;
    if (r.code === 4) continue;
    if (r.code === 1) {
      const s = await status(state);
      if (s.state !== 'failed' || !s.currentStep)
        throw new Error(`resume exited 1 in ${s.state}: ${r.stderr}`);
      const d = await cliInProcess([...decide(s.currentStep), '--state', state, '--lang', 'en']);
      codes.push(d.code ?? -1);
      if (d.code === 0) return codes;
      continue;
    }
    throw new Error(`resume exited ${r.code}: ${r.stdout}\n${r.stderr}`);
  }
  throw new Error(`no end after 20 resumes: ${codes.join(',')}`);
}

/** `twin collect` on the rehearsal's simulated server beside `state`, as on a customer's server. */
export function twinCollect(state: string, out: string, ...more: string[]): Promise<CliResult> {
  return cliInProcess([
    'twin',
    'collect',
    '--simulate',
    '--state',
    state,
    '--out',
    out,
    ...more,
    '--lang',
    'en',
  ]);
}

export function startArgs(config: string[], state: string): string[] {
  return ['start', ...config, '--simulate', '--auto-confirm', '--state', state, '--lang', 'en'];
}

export function start(
  config: string[],
  state: string,
  env: NodeJS.ProcessEnv = cleanEnv(),
): Promise<CliResult> {
  return cliInProcess(startArgs(config, state), env);
}

/** The rehearsal's script move: what the target received, and the batches of the run's scripts. */
export function scriptMove(state: string) {
  const databases = ['XPDATA', 'XPVDIR', 'XPSTATS'];
  // What the simulated operator answers for the file locations.
  const vars = { DataPath: 'D:\\SQLData\\', LogPath: 'D:\\SQLData\\' };
  const scripts = databases.map((db) => join(dirname(state), 'scripts', `${db}.sql`));
  const models = readSqlModels(`${state}.sql`);
  return {
    scripts,
    source: models['OLDXPHONE\\XPCONNECT']!,
    /** The instance a database was read from: Analytics' own for XPSTATS. */
    sourceOf: (db: string) =>
      [models['OLDXPHONE\\XPCONNECT']!, models['OLDXPHONE\\XPANALYTICS']!].find((m) => m?.databases[db])!,
    target: models['NEWXPHONE\\XPCONNECT']!,
    /** Each batch of the scripts as often as it runs (GO n), in order. */
    expected: scripts.flatMap((file) =>
      [...splitScript(file, { vars })].flatMap((b) => Array<string>(b.repeat).fill(b.text)),
    ),
  };
}
