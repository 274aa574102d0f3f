import { describe, expect, test } from 'vitest';
import {
  backupDatabase,
  backupFile,
  backupUsable,
  restoreDatabase,
  restoredFrom,
  serverFacts,
  withSql,
} from '../../../src/actors/sql-server/index.js';
import { SHARE, serversPerTest, xphoneDatabase } from '../../support/sql.js';

const server = serversPerTest();

/**
 * A rollback runs a step again under the same run and step, so its backup file has the same name
 * as the first pass's. What the first pass left must not pass for what the second pass made.
 */
describe('a backup step run a second time after a rollback', () => {
  test('the probe accepts only the backup set its own attempt wrote; the restore probe only a restore of it', async () => {
    const source = await server('OLDXPHONE\\XPCONNECT', (m) => {
      m.databases.XPDATA = { ...xphoneDatabase(m, 'XPDATA', 20), content: 'before the first cut-over' };
    });
    const target = await server('SQLSRV01', () => {}, source.dir);
    const file = backupFile(SHARE, 'XPDATA', 'run-1/v8v9.cutover-backup');
    const first = 'xpmigrate v8v9.cutover-backup first-pass';
    const second = 'xpmigrate v8v9.cutover-backup second-pass';
    await withSql(source.access(), (c) => backupDatabase(c, 'XPDATA', file, first), { longRunning: true });
    await withSql(
      target.access(),
      async (c) => restoreDatabase(c, await serverFacts(c), 'XPDATA', file, { replace: false }),
      { longRunning: true },
    );

    // The second pass's backup was killed before it wrote its file: the first pass's file is there.
    await withSql(source.access(), async (c) => {
      expect(await backupUsable(c, file, first)).toBe(true);
      expect(await backupUsable(c, file, second)).toBe(false);
    });
    await withSql(target.access(), async (c) => {
      expect(await restoredFrom(c, 'XPDATA', file, first)).toBe(true);
      expect(await restoredFrom(c, 'XPDATA', file, second)).toBe(false);
    });

    // Written by the second pass (INIT over the same name): now it is the second pass's, and the
    // database restored from the first pass's is not restored from it.
    source.sim.update((m) => {
      m.databases.XPDATA!.content = 'after the second cut-over';
    });
    await withSql(source.access(), (c) => backupDatabase(c, 'XPDATA', file, second), { longRunning: true });
    await withSql(source.access(), async (c) => {
      expect(await backupUsable(c, file, second)).toBe(true);
      expect(await backupUsable(c, file, first)).toBe(false);
    });
    await withSql(target.access(), async (c) => {
      expect(await restoredFrom(c, 'XPDATA', file, second)).toBe(false);
      await restoreDatabase(c, await serverFacts(c), 'XPDATA', file, { replace: true });
      expect(await restoredFrom(c, 'XPDATA', file, second)).toBe(true);
    });
    expect(target.sim.model.databases.XPDATA?.content).toBe('after the second cut-over');
  });
});
