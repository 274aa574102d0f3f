import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { backupDatabase, backupFile, type SqlAccess, withSql } from '../../src/actors/sql-server/index.js';
import {
  defaultModel,
  type SqlModel,
  SqlServerSimulator,
  xphoneDatabase,
} from '../../src/simulation/index.js';

export interface SimulatedSql {
  sim: SqlServerSimulator;
  dir: string;
  backupDir: string;
  access(overrides?: Partial<SqlAccess>): SqlAccess;
  stop(): Promise<void>;
}

/** A started simulator with a share `\\FILESRV\XPhoneBackup` → a real temporary folder. */
export async function startSql(
  name = 'SQLSRV01',
  change: (m: SqlModel) => void = () => {},
  dir?: string,
): Promise<SimulatedSql> {
  const root = dir ?? mkdtempSync(join(tmpdir(), 'xpm-sql-'));
  const backupDir = join(root, 'backup');
  mkdirSync(backupDir, { recursive: true });
  const model = defaultModel(name, backupDir);
  model.progressDelayMs = 1;
  change(model);
  const sim = new SqlServerSimulator(join(root, `${name.replace(/\W+/g, '_')}.json`), model);
  const port = await sim.start();
  return {
    sim,
    dir: root,
    backupDir,
    access: (o = {}) => ({
      connection: `Data Source=${name};Integrated Security=SSPI`,
      endpoint: { host: '127.0.0.1', port, credentials: { user: 'XPHONE\\admin', password: 'rehearsal' } },
      ...o,
    }),
    stop: () => sim.stop(),
  };
}

export { xphoneDatabase };

/** The rehearsal's backup share, as the simulated servers know it. */
export const SHARE = '\\\\FILESRV\\XPhoneBackup';

/** `startSql` for a test file whose simulators are all stopped after each test. */
export function serversPerTest(): typeof startSql {
  const open: SimulatedSql[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.stop()));
  });
  return async (...args) => {
    const s = await startSql(...args);
    open.push(s);
    return s;
  };
}

/**
 * The old server `OLDXPHONE\XPCONNECT` with XPDATA ("the old data"), the new one beside it, and
 * this run's backup of XPDATA on the share: the starting point of every restore test.
 */
export async function backedUp(
  start: typeof startSql,
  changeSource: (m: SqlModel) => void,
  changeTarget: (m: SqlModel) => void,
): Promise<{ source: SimulatedSql; target: SimulatedSql; file: string }> {
  const source = await start('OLDXPHONE\\XPCONNECT', (m) => {
    m.databases.XPDATA = { ...xphoneDatabase(m, 'XPDATA', 100), content: 'the old data' };
    changeSource(m);
  });
  const target = await start('NEWXPHONE\\XPCONNECT', changeTarget, source.dir);
  const file = backupFile(SHARE, 'XPDATA', 'run-1/v8v9.backup');
  await withSql(source.access(), (c) => backupDatabase(c, 'XPDATA', file, 'a test'), { longRunning: true });
  return { source, target, file };
}
