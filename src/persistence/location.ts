import { homedir } from 'node:os';
import { join, posix, resolve, win32 } from 'node:path';
import { XpmError } from '../errors/index.js';

/**
 * A path as every later process needs it: absolute. The startup task after a reboot runs in
 * C:\Windows\System32, where a relative path names another file. A Windows path (drive or UNC)
 * counts as absolute on any platform, so rehearsals on Linux keep the customer's paths as given.
 */
export function absolutePath(path: string): string {
  return win32.isAbsolute(path) || posix.isAbsolute(path) ? path : resolve(path);
}

/** --state FILE, else XPMIGRATE_STATE, else the per-OS default; always absolute. */
export function stateFile(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  // An empty name is a mistake (an unset variable in a script), never "the default store".
  if (explicit !== undefined && explicit.trim() === '')
    throw new XpmError('E_INPUT_CHOICE', { flag: '--state', value: explicit, allowed: 'a file name' });
  if (explicit) return notOnTheNetwork(absolutePath(explicit));
  if (env.XPMIGRATE_STATE !== undefined && env.XPMIGRATE_STATE.trim() === '')
    throw new XpmError('E_INPUT_CHOICE', {
      flag: 'XPMIGRATE_STATE',
      value: '',
      allowed: 'a file name, or unset',
    });
  if (env.XPMIGRATE_STATE) return notOnTheNetwork(absolutePath(env.XPMIGRATE_STATE));
  if (process.platform === 'win32') {
    return join(env.ProgramData ?? 'C:\\ProgramData', 'xpmigrate', 'state.db');
  }
  return join(env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'xpmigrate', 'state.db');
}

/**
 * A store on a share (`\\server\share\…`) is refused: SQLite's WAL needs shared memory that
 * network file systems do not give, and a lost connection mid-commit would cost the run. A
 * mapped network drive letter is found on Windows by the start's preflight.
 */
function notOnTheNetwork(file: string): string {
  if (!/^(?:\\\\|\/\/)[^\\/]/.test(file)) return file;
  const [, server = '', share = ''] = file.split(/[\\/]+/);
  throw new XpmError('E_STORE_NETWORK', { file, drive: `\\\\${server}\\${share}` });
}
