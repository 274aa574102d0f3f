import { afterAll, beforeAll, expect, test } from 'vitest';
import { traceKey } from '../../../src/actors/effect.js';
import {
  backupDatabase,
  backupFile,
  sqlServerEffects,
  withSql,
} from '../../../src/actors/sql-server/index.js';
import { type SimulatedSql, startSql, xphoneDatabase } from '../../support/sql.js';

// Issue 25, item 11: a backup step's probe verifies the backup (RESTORE VERIFYONLY reads all of
// it). Under the request timeout of ordinary queries (Command Timeout, 60 s by default) a large
// backup's probe timed out and the step was taken as not done. Probes run as long as it takes.
const SHARE = '\\\\FILESRV\\XPhoneBackup';
let s: SimulatedSql;
beforeAll(async () => {
  s = await startSql('OLDSQL', (m) => {
    m.databases.XPDATA = xphoneDatabase(m, 'XPDATA', 10);
  });
});
afterAll(() => s.stop());

test('the backup probe waits for a VERIFYONLY longer than the command timeout', async () => {
  const runId = 'run-1';
  const stepId = 'v8v9.backup';
  const file = backupFile(SHARE, 'XPDATA', traceKey({ runId, stepId }));
  await withSql(s.access(), (c) => backupDatabase(c, 'XPDATA', file, 'a test'), { longRunning: true });
  s.sim.update((m) => {
    m.faults.push({ kind: 'delay', match: '^RESTORE VERIFYONLY', ms: 2500 });
  });
  const endpoint = s.access().endpoint!;
  const ctx = {
    runId,
    stepId,
    input: { backupSet: 'a test' },
    // One second for ordinary requests: the verify takes longer.
    options: {
      databases: ['XPDATA'],
      sourceSqlServer: 'Data Source=OLDSQL;Integrated Security=SSPI;Command Timeout=1',
      backupDir: SHARE,
    },
    host: { sqlEndpoint: async () => endpoint, odbcDrivers: async () => [] },
  } as unknown as Parameters<(typeof sqlServerEffects)['sql.backup-databases']['probe']>[0];
  await expect(sqlServerEffects['sql.backup-databases'].probe(ctx)).resolves.toBe('done');
});
