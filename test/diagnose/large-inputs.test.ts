import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkUsersCsv, diagnose } from '../../src/diagnose/index.js';
import { runCli } from '../support/cli.js';

// Issue 23, items 13 and 14: the users CSV and the logs are streamed, so their size and the
// length of their lines cost no memory; these tests check that what is found stays exact.
// The figures (peak RSS on 500 MB and 1 GB) are printed by `npm run bench`.
const dir = mkdtempSync(join(tmpdir(), 'xpm-large-'));

describe('users-csv on a large file', () => {
  it('finds every duplicate ID and account with the line it repeats, across 200,000 rows', () => {
    const rows = ['ID;firstname;name;account'];
    for (let i = 0; i < 200_000; i++) rows.push(`${i};Anna;Müller;XPHONE\\u${i}`);
    rows[150_001] = '7;Max;Maier;XPHONE\\max'; // ID 7 again (first at line 9)
    rows[199_000] = '199999;Eva;Ernst;xphone\\U42'; // account again, other case (first at line 44)
    rows.push('77;Tom;Tal;XPHONE\\u77', '77;Tom;Tal;XPHONE\\u77'); // both again, twice
    const file = join(dir, 'users.csv');
    writeFileSync(file, `${rows.join('\r\n')}\r\n`);
    const report = checkUsersCsv(file, file);
    expect(report.rows).toBe(200_002);
    expect(report.problems.map((p) => [p.line, p.params])).toEqual([
      [150_002, { column: 'ID', value: '7', first: 9 }],
      [199_001, { column: 'account', value: 'xphone\\u42', first: 44 }],
      [200_001, { column: 'ID', value: '199999', first: 199_001 }],
      [200_002, { column: 'ID', value: '77', first: 79 }],
      [200_002, { column: 'account', value: 'xphone\\u77', first: 79 }],
      [200_003, { column: 'ID', value: '77', first: 79 }],
      [200_003, { column: 'account', value: 'xphone\\u77', first: 79 }],
    ]);
  });

  it('lists the first 1,000 problems and counts the rest; a runaway line is one problem, not a crash', () => {
    const lines = ['ID;firstname;name;account'];
    for (let i = 0; i < 3000; i++) lines.push(`${i};;x;a${i}`);
    lines.push(`1;${'y'.repeat(200_000)};z;b`);
    const file = join(dir, 'broken.csv');
    writeFileSync(file, lines.join('\n'));
    const report = checkUsersCsv(file, file);
    expect(report.problems).toHaveLength(1000);
    expect(report.problemCount).toBe(3001);
    const cli = runCli(['users-csv', file, '--lang', 'de']);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('… und 2001 weitere Probleme');
    const json = JSON.parse(runCli(['users-csv', file, '--json']).stdout) as { problemCount: number };
    expect(json.problemCount).toBe(3001);
    const tail = join(dir, 'tail.csv');
    writeFileSync(tail, `ID;firstname;name;account\n1;${'y'.repeat(200_000)};z;b\n`);
    expect(checkUsersCsv(tail, tail).problems).toEqual([
      expect.objectContaining({ line: 2, code: 'CSV_LINE_TOO_LONG' }),
    ]);
  });
});

describe('diagnose on long lines', () => {
  it('a 20 MB line without a break costs nothing and the lines after it keep their numbers', async () => {
    const file = join(dir, 'long.log');
    writeFileSync(
      file,
      [
        '23.01.2021 22:39:40 INF start',
        `23.01.2021 22:39:41 INF ${'x'.repeat(20 * 1024 * 1024)}`,
        '23.01.2021 22:39:49 ERR SQLHelper.SaveDatabase Cannot open backup device',
        "'\\\\sqlserver\\backupshare\\XPHONE_UC'. Operating system error 5(Zugriff verweigert).",
      ].join('\r\n'),
    );
    const { files, findings } = await diagnose(file, 'en');
    expect(files[0]).toMatchObject({ lines: 4, entries: 3 });
    expect(findings.map((f) => [f.code, f.lines])).toEqual([[expect.any(String), [3, 4]]]);
  });
});
