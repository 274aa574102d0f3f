import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDatabase } from '../../../src/actors/sql-script/index.js';
import { withSql } from '../../../src/actors/sql-server/index.js';
import { sampleCatalog } from '../../../src/simulation/simulated-catalog.js';
import { cleanEnv, runCliAsync } from '../../support/cli.js';
import { type SimulatedSql, startSql, xphoneDatabase } from '../../support/sql.js';

// Issue 25, item 3: the export's `:setvar DataPath` is the *source's* folder. A 2016 target has
// no MSSQL12.XPCONNECT folder, so CREATE DATABASE failed there (5133). import-db now puts the
// files into the target's default folders unless --var says otherwise.
const SOURCE_DATA = 'C:\\Program Files\\Microsoft SQL Server\\MSSQL12.XPCONNECT\\MSSQL\\DATA\\';
const TARGET_DATA = 'C:\\Program Files\\Microsoft SQL Server\\MSSQL13.SQL2016\\MSSQL\\DATA\\';
const TARGET_LOG = 'L:\\SQLLog\\';
let source: SimulatedSql;
let target: SimulatedSql;
const dir = mkdtempSync(join(tmpdir(), 'xpm-folders-'));
const script = join(dir, 'XPDATA.sql');

beforeAll(async () => {
  source = await startSql('OLDSQL', (m) => {
    m.version = '12.0.6024.0';
    m.dataPath = SOURCE_DATA;
    m.logPath = SOURCE_DATA;
    m.databases.XPDATA = xphoneDatabase(m, 'XPDATA', 64);
    m.catalogs = { XPDATA: sampleCatalog('XPDATA', m.dataPath)! };
  });
  target = await startSql('NEWSQL', (m) => {
    m.version = '13.0.5026.0';
    m.dataPath = TARGET_DATA;
    m.logPath = TARGET_LOG;
    m.scripts = { applied: [], marks: [], reject: [] };
  });
  await withSql(source.access(), (c) => exportDatabase(c, { target: 2016, out: script, server: 'OLDSQL' }), {
    database: 'XPDATA',
  });
}, 60_000);
afterAll(async () => {
  await source?.stop();
  await target?.stop();
});

const login = () => cleanEnv({ XPMIGRATE_SQL_USER: 'XPHONE\\admin', XPMIGRATE_SQL_PASSWORD: 'rehearsal' });
const importDb = (state: string, ...extra: string[]) =>
  runCliAsync(
    ['import-db', '--server', `127.0.0.1,${target.sim.port}`, '--input', script, '--state', state, ...extra],
    { env: login() },
  );

describe('import-db and the target’s folders', () => {
  it('the source’s folder is not on the target: CREATE DATABASE there is refused (5133), as a real server does', async () => {
    const r = await importDb(
      join(dir, 'a.db'),
      '--var',
      `DataPath=${SOURCE_DATA}`,
      '--var',
      `LogPath=${SOURCE_DATA}`,
      '--lang',
      'en',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('5133');
    expect(target.sim.model.databases.XPDATA).toBeUndefined();
  });

  it('without --var the files go to the target’s default folders, and it says so', async () => {
    const r = await importDb(join(dir, 'b.db'), '--lang', 'en');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`DataPath=${TARGET_DATA}, LogPath=${TARGET_LOG}`);
    const create = target.sim.model.scripts!.applied.find((a) => a.sql.includes('CREATE DATABASE'))!.sql;
    expect(create).toContain(`FILENAME = N'${TARGET_DATA}XPDATA.mdf'`);
    expect(create).toContain(`FILENAME = N'${TARGET_LOG}XPDATA_log.ldf'`);
  });
});
