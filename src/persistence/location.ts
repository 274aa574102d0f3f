import { homedir } from 'node:os';
import { join } from 'node:path';

/** --state FILE, else XPMIGRATE_STATE, else the per-OS default. */
export function stateFile(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return explicit;
  if (env.XPMIGRATE_STATE) return env.XPMIGRATE_STATE;
  if (process.platform === 'win32') {
    return join(env.ProgramData ?? 'C:\\ProgramData', 'xpmigrate', 'state.db');
  }
  return join(env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'xpmigrate', 'state.db');
}
