import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCRIPT_TARGETS, splitScript } from '../../src/actors/sql-script/index.js';
import { RunService, type StartRequest } from '../../src/service/index.js';
import { cleanEnv, runCli } from '../support/cli.js';
import { dotnet, prepare } from './tools.js';

interface Batch {
  id: string;
  version: number;
  sql: string;
}
interface Judged {
  id: string;
  version: number;
  errors: Array<{ line: number; column: number; number: number; message: string }>;
}

/** SQL Server's major version → its year, the parser's name for it. */
const YEARS: Record<number, number> = {
  10: 2008,
  11: 2012,
  12: 2014,
  13: 2016,
  14: 2017,
  15: 2019,
  16: 2022,
};

let dll: string;
const judge = (batches: Batch[]): Judged[] => {
  const r = dotnet([dll], { input: JSON.stringify(batches) });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Judged[];
};

/** A rehearsal of a route, in this process, to its end, its simulated servers logging what they receive. */
async function rehearse(plan: StartRequest['plan'], extra: Partial<StartRequest> = {}) {
  const state = join(mkdtempSync(join(tmpdir(), 'xpm-tsql-')), 'state.db');
  const service = RunService.open(state, { create: true });
  try {
    let outcome = await service.start(
      {
        plan,
        simulate: true,
        databases: ['XPDATA', 'XPVDIR', 'XPSTATS'],
        healthTimeoutSeconds: 60,
        reboot: 'auto',
        launcher: [],
        ...extra,
      },
      { who: 'judge', autoConfirm: true },
    );
    for (let i = 0; i < 10 && outcome.status === 'waiting-reboot'; i++)
      outcome = await service.resume(undefined, { who: 'judge', autoConfirm: true });
    expect(outcome.status).toBe('done');
  } finally {
    service.close();
  }
  return state;
}

describe("Microsoft's T-SQL parser (ScriptDom) judges the T-SQL the product sends and writes", () => {
  const log = join(mkdtempSync(join(tmpdir(), 'xpm-received-')), 'received.jsonl');
  beforeAll(() => {
    dll = prepare('tsql-check')!;
    writeFileSync(log, '');
    process.env.XPMIGRATE_SIM_RECEIVED = log;
  });

  it('every statement the SQL Server actors send parses for the version of the server it is sent to', async () => {
    // The routes that talk to SQL Server: backup/restore (plans A and C), the move with scripts.
    await rehearse(RunService.plan({ from: '8', target: 'A' }));
    await rehearse(RunService.plan({ from: '8', target: 'C' }), { sqlServer: 'SQLSRV01' });
    await rehearse(RunService.plan({ job: 'db-script', from: '9' }));
    // The read-only checks, as the CLI runs them.
    const env = cleanEnv({ XPMIGRATE_SIM_RECEIVED: log });
    const state = join(mkdtempSync(join(tmpdir(), 'xpm-tsql-')), 'state.db');
    for (const args of [
      ['sql', 'check', '--simulate', '--server', '(local)\\XPCONNECT', '--state', state],
      ['doctor', '--simulate', '--from', '8', '--target', 'C', '--sql-server', 'SQLSRV01', '--state', state],
      [
        'twin',
        'collect',
        '--simulate',
        '--backup-dir',
        '\\\\FILESRV\\XPhoneBackup',
        '--out',
        `${state}.twin.json`,
        '--state',
        state,
      ],
    ])
      runCli(args, { env });

    const received = readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { server: string; version: string; sql: string; declarations?: string });
    const unique = new Map<string, Batch>();
    for (const r of received) {
      const version = YEARS[Number(r.version.split('.')[0])] ?? 2014;
      // Parameters of sp_executesql become declared variables, so the statement parses as sent.
      const sql = r.declarations ? `DECLARE ${r.declarations};\n${r.sql}` : r.sql;
      const key = `${version}\u0000${sql}`;
      if (!unique.has(key)) unique.set(key, { id: `${r.server} #${unique.size + 1}`, version, sql });
    }
    const batches = [...unique.values()];
    const judged = judge(batches);
    const bad = judged
      .filter((j) => j.errors.length > 0)
      .map((j) => ({
        ...j,
        sql: unique.get([...unique.keys()].find((k) => unique.get(k)!.id === j.id)!)!.sql.slice(0, 300),
      }));
    console.log(
      `T-SQL judge: ${received.length} statements received, ${batches.length} distinct, versions ${[...new Set(batches.map((b) => b.version))].join('/')}, ${bad.length} rejected`,
    );
    expect(batches.length).toBeGreaterThan(30);
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
  });

  it('every script export-db writes parses for its target version', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xpm-export-'));
    const state = join(dir, 'state.db');
    const batches: Batch[] = [];
    for (const year of SCRIPT_TARGETS) {
      for (const database of ['XPDATA', 'XPVDIR', 'XPSTATS']) {
        const out = join(dir, `${database}-${year}.sql`);
        // Analytics' XPSTATS lives in its own instance on the old server.
        const server = database === 'XPSTATS' ? 'OLDXPHONE\\XPANALYTICS' : 'OLDXPHONE\\XPCONNECT';
        const r = runCli([
          'export-db',
          '--simulate',
          '--server',
          server,
          '--database',
          database,
          '--target-version',
          String(year),
          '--out',
          out,
          '--state',
          state,
          '--lang',
          'en',
        ]);
        expect(r.code, r.stderr).toBe(0);
        const vars = { DataPath: 'D:\\SQLData\\', LogPath: 'D:\\SQLData\\' };
        for (const b of splitScript(out, { vars }))
          batches.push({ id: `${database}-${year}:${b.startLine}`, version: year, sql: b.text });
      }
    }
    const bad = judge(batches).filter((j) => j.errors.length > 0);
    console.log(
      `T-SQL judge: ${batches.length} batches of exported scripts for ${SCRIPT_TARGETS.join('/')}, ${bad.length} rejected`,
    );
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
  });

  it('rejects a planted CREATE OR ALTER sent to SQL Server 2014, and says where', () => {
    const [planted, later] = judge([
      { id: 'planted', version: 2014, sql: '\nCREATE OR ALTER PROCEDURE dbo.p AS SELECT 1;' },
      { id: 'on 2016', version: 2016, sql: '\nCREATE OR ALTER PROCEDURE dbo.p AS SELECT 1;' },
    ]);
    expect(planted?.errors[0]).toMatchObject({ line: 2, column: 1 });
    expect(later?.errors).toEqual([]);
    const unknown = dotnet([dll], { input: '[{"id":"x","version":2005,"sql":"SELECT 1"}]' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^tsql-check: unknown SQL Server version 2005/);
    expect(unknown.stderr).not.toMatch(/ at |Exception/);
  });
});
