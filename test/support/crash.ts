import { cpSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { armFaults } from '../../src/runtime/index.js';
import { type CliResult, cleanEnv, runCli } from './cli.js';
import { startArgs } from './runs.js';

/**
 * The crash matrix's ways to die at a fault point (`<stepId>@<point>`), each leaving the
 * rehearsal's folder (store, simulated servers, scripts) as it was on disk at that moment:
 * - `killBySignal`: the CLI in its own process, killed there with a real SIGKILL;
 * - `killDuring`: the CLI's `main(argv, io)` in this process; the fault point copies the folder
 *   aside (the store's file and WAL at a point between transactions: what a kill leaves) and ends
 *   the command; whatever the dying command still does afterwards is thrown away with the
 *   folder, and the copy takes its place;
 * - `imagesAlongRun`: one whole run in this process that keeps such a copy at each point.
 * The state file is then ready for `resume`.
 */
class Killed extends Error {}

export async function killBySignal(flags: string[], state: string, label: string): Promise<CliResult> {
  const env = cleanEnv({ XPMIGRATE_FAULT: label });
  // Steps after a reboot run in a later process: carry the fault until it fires.
  let run = runCli(startArgs(flags, state), { env });
  for (let i = 0; i < 10 && run.code === 4; i++) {
    run = runCli(['resume', '--auto-confirm', '--state', state, '--lang', 'en'], { env });
  }
  return run;
}

/**
 * Runs `drive` in this process with the fault point `label` armed; when it fires, the folder of
 * `state` is left as the kill left it. `drive` is told whether it fired, to stop there.
 */
export async function killDuring(
  state: string,
  label: string,
  drive: (fired: () => boolean) => Promise<CliResult>,
): Promise<CliResult & { fired: boolean }> {
  const folder = dirname(state);
  const image = `${folder}.killed`;
  let fired = false;
  armFaults({
    spec: label,
    strike(): never {
      if (!fired) {
        fired = true;
        // The -shm index is rebuilt from the WAL by the next opener, as after a real kill.
        cpSync(folder, image, { recursive: true, filter: (src) => !src.endsWith('-shm') });
      }
      throw new Killed(label);
    },
  });
  let run: CliResult;
  try {
    run = await drive(() => fired);
  } finally {
    armFaults(undefined);
  }
  if (fired) restoreImage(state, image);
  return { ...run, fired };
}

/**
 * One uninterrupted run (`drive`) that keeps what is on disk at the first pass of each of `labels`:
 * the folder as a kill there would have left it, for `restoreImage` to put back. A killed run is
 * the same run up to its kill, so one run gives every kill point's image instead of one run each.
 */
export async function imagesAlongRun<T>(
  state: string,
  labels: readonly string[],
  drive: () => Promise<T>,
): Promise<{ outcome: T; images: Map<string, string> }> {
  const folder = dirname(state);
  const wanted = new Set(labels);
  const images = new Map<string, string>();
  armFaults({
    spec: (name) => wanted.has(name) && !images.has(name),
    strike(name) {
      const image = `${folder}.at-${images.size}`;
      // The -shm index is rebuilt from the WAL by the next opener, as after a real kill.
      cpSync(folder, image, { recursive: true, filter: (src) => !src.endsWith('-shm') });
      images.set(name, image);
    },
  });
  try {
    return { outcome: await drive(), images };
  } finally {
    armFaults(undefined);
  }
}

/** Puts a kept image in the place of `state`'s folder (the store names its folder absolutely). */
export function restoreImage(state: string, image: string): void {
  const folder = dirname(state);
  rmSync(folder, { recursive: true, force: true });
  renameSync(image, folder);
}
