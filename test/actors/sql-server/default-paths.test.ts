import { describe, expect, test } from 'vitest';
import { restoreDatabase, serverFacts, withSql } from '../../../src/actors/sql-server/index.js';
import { failure } from '../../support/errors.js';
import { backedUp, serversPerTest } from '../../support/sql.js';

// Issue 25, item 2: SERVERPROPERTY('InstanceDefaultDataPath') is NULL on SQL Server 2014 before
// the updates of late 2015; the restore then moved files to a bare 'XPDATA.mdf'.
const startSql = serversPerTest();

const express2014Rtm = () =>
  backedUp(
    startSql,
    (m) => {
      m.version = '12.0.6024.0'; // SQL Server 2014 SP3: its backups restore on 2014 RTM
    },
    (m) => {
      m.version = '12.0.2000.8'; // SQL Server 2014 RTM
      m.dataPath = 'D:\\SQLData\\';
      m.logPath = 'L:\\SQLLog\\';
    },
  );

describe('a SQL Server 2014 without default paths', () => {
  test('the folders come from the model database, and the restore puts the files there', async () => {
    const { target, file } = await express2014Rtm();
    await withSql(
      target.access(),
      async (c) => {
        const facts = await serverFacts(c);
        expect(facts).toMatchObject({ dataPath: 'D:\\SQLData\\', logPath: 'L:\\SQLLog\\' });
        await restoreDatabase(c, facts, 'XPDATA', file, { replace: false });
      },
      { longRunning: true },
    );
    expect(target.sim.model.databases.XPDATA!.files.map((f) => f.physical)).toEqual([
      'D:\\SQLData\\XPDATA.mdf',
      'L:\\SQLLog\\XPDATA_log.ldf',
    ]);
  });

  test('the simulator is as strict as the server: a file name without a folder is refused (5133)', async () => {
    const { target, file } = await express2014Rtm();
    const e = await failure(
      withSql(target.access(), async (c) =>
        restoreDatabase(c, { ...(await serverFacts(c)), dataPath: '', logPath: '' }, 'XPDATA', file, {
          replace: false,
        }),
      ),
    );
    expect(String(e.params.detail)).toContain('"XPDATA.mdf"');
    expect(target.sim.model.databases.XPDATA).toBeUndefined();
  });
});
