import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { restoreDatabase, restoredFrom, serverFacts, withSql } from '../../../src/actors/sql-server/index.js';
import { failure } from '../../support/errors.js';
import { backedUp, serversPerTest, xphoneDatabase } from '../../support/sql.js';

// Issue 25, item 1: at row 12 the XPhone services on the new server (started at step 9) hold
// the databases the restore overwrites. RESTORE needs exclusive access ("RESTORE Statements
// (Transact-SQL)"), so the simulator refuses it with 3101 while other sessions are there.
const startSql = serversPerTest();

const servers = () =>
  backedUp(
    startSql,
    () => {},
    (m) => {
      // Created empty by setup; the XPhone services use it.
      m.databases.XPDATA = { ...xphoneDatabase(m, 'XPDATA', 16), content: 'created', sessions: 4 };
    },
  );

describe('a restore over a database the XPhone services use', () => {
  test('takes it offline (ending their sessions), restores, and it is online with the old data', async () => {
    const { target, file } = await servers();
    await withSql(
      target.access(),
      async (c) => {
        await restoreDatabase(c, await serverFacts(c), 'XPDATA', file, { replace: true });
        expect(await restoredFrom(c, 'XPDATA', file)).toBe(true);
      },
      { longRunning: true },
    );
    const db = target.sim.model.databases.XPDATA!;
    expect(db).toMatchObject({ content: 'the old data', state: 'ONLINE' });
    const sent = target.sim.received.map((r) => r.sql);
    const offline = sent.findIndex((t) => t.includes('SET OFFLINE WITH ROLLBACK IMMEDIATE'));
    expect(offline).toBeGreaterThan(-1);
    expect(offline).toBeLessThan(sent.findIndex((t) => t.startsWith('RESTORE DATABASE')));
  });

  test('a restore that fails after it took the database offline brings it back online', async () => {
    const { target, file } = await servers();
    // The backup file damaged after it was verified: the server refuses the restore (3189).
    const stored = join(target.backupDir, 'XPDATA-run-1_v8v9.backup.bak');
    writeFileSync(stored, '{"format":"xpmigrate-simulated-backup","checksum":"wrong"}');
    await failure(
      withSql(target.access(), async (c) =>
        restoreDatabase(c, await serverFacts(c), 'XPDATA', file, { replace: true }),
      ),
    );
    expect(target.sim.model.databases.XPDATA).toMatchObject({ content: 'created', state: 'ONLINE' });
  });

  test('without exclusive access the server says 3101, which is a diagnosis, not "SQL error"', async () => {
    const { target, file } = await servers();
    const e = await failure(
      withSql(target.access(), (c) =>
        c.query(
          'RESTORE DATABASE @database FROM DISK = @file WITH MOVE @logical0 TO @physical0, MOVE @logical1 TO @physical1, CHECKSUM, STATS = 10, REPLACE',
          {
            database: 'XPDATA',
            file,
            logical0: 'XPDATA',
            physical0: 'C:\\SQLData\\XPDATA.mdf',
            logical1: 'XPDATA_log',
            physical1: 'C:\\SQLData\\XPDATA_log.ldf',
          },
        ),
      ),
    );
    expect(e.code).toBe('E_SQL_DATABASE_IN_USE');
    expect(e.remedy('de')).toContain('Atlas');
    expect(target.sim.model.databases.XPDATA!.content).toBe('created');
  });
});
