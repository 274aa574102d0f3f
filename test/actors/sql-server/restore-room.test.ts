import { describe, expect, test } from 'vitest';
import {
  checkRoom,
  restoreDatabase,
  type SqlConnection,
  serverFacts,
  withSql,
} from '../../../src/actors/sql-server/index.js';
import { failure } from '../../support/errors.js';
import { backedUp, serversPerTest, xphoneDatabase } from '../../support/sql.js';

// Issue 25, item 14: the room a restore needs comes from RESTORE FILELISTONLY, where a FILESTREAM
// container has its real size (sys.master_files shows it as 0), and is checked for every
// database before the first one is touched; Express's 10 GB count the data files only.
const startSql = serversPerTest();

const withFilestream = (streamMb: number) => (m: Parameters<Parameters<typeof backedUp>[1]>[0]) => {
  const db = m.databases.XPDATA!;
  db.files.push({ logical: 'XPDATA_fs', physical: `${m.dataPath}XPDATA_fs`, type: 'S', sizeMb: streamMb });
};

const facts = (c: SqlConnection) => serverFacts(c);

describe('room for a restore', () => {
  test('a FILESTREAM container counts with its real size: 6 GB that sys.master_files shows as 0', async () => {
    const { target, file } = await backedUp(startSql, withFilestream(6000), (m) => {
      m.freeMb = 4000;
    });
    const e = await failure(
      withSql(target.access(), async (c) => {
        const f = await facts(c);
        await checkRoom(c, f, [{ db: 'XPDATA', file }]);
      }),
    );
    expect(e.code).toBe('E_SQL_NO_SPACE');
    expect(e.params).toMatchObject({ needed: 6100, free: 4000 }); // 100 MB data + 6000 MB FILESTREAM
    expect(e.text('de')).toContain('Es wurde nichts wiederhergestellt');
    // With the room the check passes, and the server itself agrees: it restores.
    target.sim.update((m) => {
      m.freeMb = 7000;
    });
    await withSql(
      target.access(),
      async (c) => {
        const f = await facts(c);
        await checkRoom(c, f, [{ db: 'XPDATA', file }]);
        await restoreDatabase(c, f, 'XPDATA', file, { replace: false });
      },
      { longRunning: true },
    );
    expect(target.sim.model.databases.XPDATA!.content).toBe('the old data');
  });

  test('without the check the server refuses at the start of the restore (3257), diagnosed with the figures', async () => {
    const { target, file } = await backedUp(startSql, withFilestream(6000), (m) => {
      m.freeMb = 4000;
    });
    const e = await failure(
      withSql(
        target.access(),
        async (c) => restoreDatabase(c, await facts(c), 'XPDATA', file, { replace: false }),
        {
          longRunning: true,
        },
      ),
    );
    expect(e.code).toBe('E_SQL_NO_SPACE');
    expect(e.params).toMatchObject({ needed: 6100, free: 4000 });
  });

  test('an Express target refuses more than 10 GB of data, whatever the log and FILESTREAM hold', async () => {
    const express = (m: Parameters<Parameters<typeof backedUp>[2]>[0]) => {
      m.edition = 'Express Edition (64-bit)';
      m.engineEdition = 4;
    };
    // 9.5 GB of data, 3 GB of log, 4 GB of FILESTREAM: fits Express's limit.
    const fits = await backedUp(
      startSql,
      (m) => {
        m.databases.XPDATA = { ...xphoneDatabase(m, 'XPDATA', 9728), logMb: 3072, content: 'the old data' };
        withFilestream(4096)(m);
      },
      express,
    );
    await withSql(fits.target.access(), async (c) =>
      checkRoom(c, await facts(c), [{ db: 'XPDATA', file: fits.file }]),
    );
    const big = await backedUp(
      startSql,
      (m) => {
        m.databases.XPDATA = { ...xphoneDatabase(m, 'XPDATA', 11_000), content: 'the old data' };
      },
      express,
    );
    const e = await failure(
      withSql(big.target.access(), async (c) =>
        checkRoom(c, await facts(c), [{ db: 'XPDATA', file: big.file }]),
      ),
    );
    expect(e.code).toBe('E_SQL_EXPRESS_LIMIT');
    expect(e.params).toMatchObject({ database: 'XPDATA', mb: 11000 });
  });
});
