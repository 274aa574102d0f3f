import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlConnection } from '../../src/actors/sql-server/index.js';
import * as S from '../../src/actors/sql-server/statements.js';
import { type SimulatedSql, startSql, xphoneDatabase } from '../support/sql.js';
import { prepare, TOOLS } from './tools.js';

interface Message {
  number: number;
  state: number;
  class: number;
  text: string;
}
interface Answer {
  id: string;
  infos: Message[];
  errors: Message[];
  resultSets: Array<{ columns: string[]; rows: Array<Array<string | null>> }>;
}
interface Statement {
  id: string;
  sql: string;
  params?: Record<string, string>;
}

/** Microsoft.Data.SqlClient logs in to the simulator and runs the statements (async: the simulator runs here). */
function sqlClient(dll: string, port: number, statements: Statement[], password = 'Sa-Passw0rd!') {
  return new Promise<{ code: number | null; answers: Answer[]; stderr: string }>((resolve, reject) => {
    const child = spawn('dotnet', [dll], {
      cwd: TOOLS,
      env: {
        ...process.env,
        TDS_CONNECTION: `Server=127.0.0.1,${port};User ID=sa;Password=${password};Encrypt=False;Pooling=False;Connect Timeout=15`,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, answers: code === 0 ? (JSON.parse(stdout) as Answer[]) : [], stderr }),
    );
    child.stdin.end(JSON.stringify(statements));
  });
}

describe('Microsoft.Data.SqlClient, a second TDS client, talks to the simulator', () => {
  let dll: string;
  let sql: SimulatedSql;
  const share = '\\\\FILESRV\\XPhoneBackup';
  const statements: Statement[] = [
    { id: 'facts', sql: S.SERVER_FACTS },
    { id: 'service account', sql: S.SERVICE_ACCOUNT },
    { id: 'databases', sql: S.DATABASES },
    { id: 'free space', sql: S.FREE_SPACE },
    { id: 'folder', sql: S.FOLDER_EXISTS, params: { path: share } },
    {
      id: 'owner',
      sql: S.isDbOwner('XPDATA'),
      params: { account: 'XPHONE\\svc-xphone', database: 'XPDATA' },
    },
    {
      id: 'backup',
      sql: S.BACKUP,
      params: { database: 'XPDATA', file: `${share}\\XPDATA.bak`, backupSet: 'xpmigrate a test' },
    },
    { id: 'verify', sql: S.VERIFY, params: { file: `${share}\\XPDATA.bak` } },
    { id: 'header', sql: S.HEADER, params: { file: `${share}\\XPDATA.bak` } },
    { id: 'file list', sql: S.FILE_LIST, params: { file: `${share}\\XPDATA.bak` } },
    { id: 'verify missing', sql: S.VERIFY, params: { file: `${share}\\missing.bak` } },
    { id: 'last restore', sql: S.LAST_RESTORE, params: { database: 'XPDATA' } },
    { id: 'state', sql: S.DATABASE_STATE, params: { database: 'XPDATA' } },
  ];

  beforeAll(async () => {
    dll = prepare('tds-client')!;
    sql = await startSql('SQLSRV01', (m) => {
      m.databases.XPDATA = xphoneDatabase(m, 'XPDATA', 640); // ten I/O rounds: ten STATS steps
    });
  });
  afterAll(() => sql.stop());

  it('answers our checks as SqlClient reads them, and as tedious reads them', async () => {
    const { code, answers, stderr } = await sqlClient(dll, sql.access().endpoint!.port, statements);
    expect(code, stderr).toBe(0);
    const by = new Map(answers.map((a) => [a.id, a]));
    // Errors only where a real server gives them, with its numbers, states and classes.
    const failed = answers.filter((a) => a.errors.length > 0).map((a) => a.id);
    expect(failed).toEqual(['verify missing']);
    expect(by.get('verify missing')!.errors.map((e) => [e.number, e.class])).toEqual([
      [3201, 16],
      [3013, 16],
    ]);
    // BACKUP's progress arrives as info messages 3211, in order, then 3014.
    const infos = by.get('backup')!.infos.map((i) => i.number);
    expect(infos.filter((n) => n === 3211).length).toBeGreaterThanOrEqual(4);
    expect(infos.at(-1)).toBe(3014);
    expect(by.get('backup')!.infos.find((i) => i.number === 3211)?.text).toMatch(/^\d+ percent processed\.$/);

    // The same statements through the product's own driver (mssql/tedious): the same columns and values.
    // Logged in as SqlClient is (a SQL login): SUSER_SNAME() and the like must agree.
    const tedious = await SqlConnection.open(
      sql.access({ credentials: { user: 'sa', password: 'Sa-Passw0rd!' } }),
      {},
    );
    try {
      for (const s of statements.filter((x) => !failed.includes(x.id) && !/BACKUP|VERIFYONLY/.test(x.sql))) {
        const rows = await tedious.query<Record<string, unknown>>(s.sql, s.params ?? {});
        const set = by.get(s.id)!.resultSets[0];
        expect(set?.columns ?? [], s.id).toEqual(rows[0] ? Object.keys(rows[0]) : (set?.columns ?? []));
        const values = rows.map((r) =>
          Object.values(r).map((v) =>
            v === null
              ? null
              : v instanceof Date
                ? v.toISOString()
                : String(v === true ? 1 : v === false ? 0 : v),
          ),
        );
        expect(set?.rows ?? [], s.id).toEqual(values);
      }
    } finally {
      await tedious.close();
    }
    console.log(
      `SqlClient judge: ${statements.length} statements, ${answers.reduce((n, a) => n + a.resultSets.length, 0)} result sets, ${failed.length} expected error`,
    );
  });

  it('notices a planted reply that breaks the protocol, and a failed login', async () => {
    sql.sim.update((m) => m.faults.push({ kind: 'bad-reply', match: '^SELECT state_desc', times: 1 }));
    const broken = await sqlClient(dll, sql.access().endpoint!.port, [
      { id: 'state', sql: S.DATABASE_STATE, params: { database: 'XPDATA' } },
    ]);
    expect(broken.code, broken.stderr).toBe(0);
    expect(broken.answers[0]?.errors[0]).toMatchObject({
      number: 0,
      text: 'Internal connection fatal error.',
    });
    const login = await sqlClient(dll, sql.access().endpoint!.port, [], 'wrong');
    expect(login.code).toBe(2);
    expect(login.stderr).toMatch(/^tds-client: login failed: \[18456\] Login failed for user 'sa'/);
  });
});
