// Benchmarks (6) and (7): the import splitter on a generated 1 GB script, and the size of
// export-db's script against a one-INSERT-per-row script of the same data.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportDatabase } from '../dist/src/actors/sql-script/index.js';
import { SqlConnection } from '../dist/src/actors/sql-server/index.js';
import { defaultModel, SqlServerSimulator, xphoneDatabase } from '../dist/src/simulation/index.js';
import { catalogColumn, primaryKeyIndex } from '../dist/src/simulation/simulated-catalog.js';

/** A script like a big export: multi-row INSERT batches, comments, a string with a GO line. */
function generate(file, bytes) {
  const fd = openSync(file, 'w');
  const rows = [];
  for (let i = 0; i < 1000; i++)
    rows.push(
      `(${i}, N'Müller, Anna ${i}', N'first line' + NCHAR(10) + N'GO', '2024-01-01T10:00:00', 0x0A0B0C)`,
    );
  const batch = `-- table [dbo].[t]\nINSERT INTO [dbo].[t] ([id], [name], [note], [at], [b]) VALUES\n${rows.join(',\n')};\n/* a comment\nGO\n*/\nSELECT N'multi\nGO\nline';\nGO\n`;
  const chunk = Buffer.from(batch.repeat(Math.max(1, Math.floor((8 << 20) / batch.length))));
  let written = 0;
  writeSync(fd, ':setvar DatabaseName "BENCH"\nUSE [$(DatabaseName)];\nGO\n');
  while (written < bytes) written += writeSync(fd, chunk);
  closeSync(fd);
  return statSync(file).size;
}

/** (6) Runs the splitter over the file in its own process: wall time and peak RSS. */
export function splitterFigures() {
  const dir = mkdtempSync(join(tmpdir(), 'xpm-bench-split-'));
  const file = join(dir, 'big.sql');
  try {
    const size = generate(file, 1 << 30);
    const code = `
      const { splitScript } = await import(${JSON.stringify(new URL('../dist/src/actors/sql-script/index.js', import.meta.url).href)});
      const start = performance.now();
      let batches = 0, units = 0;
      for (const b of splitScript(${JSON.stringify(file)})) { batches++; units += b.repeat; }
      const ms = performance.now() - start;
      console.log(JSON.stringify({ ms, batches, units, peak: process.resourceUsage().maxRSS * 1024 }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const out = JSON.parse(r.stdout);
    return { mb: size / 1048576, seconds: out.ms / 1000, batches: out.batches, peakMb: out.peak / 1048576 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** (7) Exports a 100,000-row table through the simulator and writes the same data SSMS-style. */
export async function exportSizeFigures(rows = 100_000) {
  const dir = mkdtempSync(join(tmpdir(), 'xpm-bench-export-'));
  const col = (id, name, type, more = {}) => catalogColumn(1, id, name, type, more);
  const data = Array.from({ length: rows }, (_, i) => [
    String(i + 1),
    `Müller, Anna ${i}`,
    `+49 731 ${100000 + i}`,
    '2024-05-01T08:00:00.000',
    i % 2 ? '1' : '0',
  ]);
  const model = defaultModel('BENCH', dir);
  model.databases.XPDATA = xphoneDatabase(model, 'XPDATA', 64);
  model.catalogs = {
    XPDATA: {
      queries: {
        database: [{ name: 'XPDATA', collation: 'Latin1_General_CI_AS', compatibilityLevel: 120 }],
        files: [
          {
            name: 'XPDATA',
            physicalName: 'C:\\DATA\\XPDATA.mdf',
            type: 'ROWS',
            size: 1024,
            growth: 8192,
            percentGrowth: false,
          },
        ],
        tables: [
          { id: 1, schemaName: 'dbo', name: 'Contacts', temporalType: 0, memoryOptimized: 0, rowCount: rows },
        ],
        columns: [
          col(1, 'id', 'int', { nullable: false, isIdentity: true, seed: '1', increment: '1' }),
          col(2, 'name', 'nvarchar'),
          col(3, 'phone', 'nvarchar'),
          col(4, 'changed', 'datetime'),
          col(5, 'active', 'bit'),
        ],
        indexes: [primaryKeyIndex(1, 'PK_Contacts')],
        indexColumns: [{ tableId: 1, indexId: 1, name: 'id', descending: false, included: false }],
        unscripted: [{ sequences: 0 }],
      },
      data: { '[dbo].[Contacts]': data },
    },
  };
  const sim = new SqlServerSimulator(join(dir, 'bench.json'), model);
  const port = await sim.start();
  try {
    const out = join(dir, 'ours.sql');
    const c = await SqlConnection.open(
      { connection: `Server=127.0.0.1,${port};User ID=sa;Password=Sa-Passw0rd!` },
      { database: 'XPDATA', longRunning: true },
    );
    const start = performance.now();
    const result = await exportDatabase(c, { target: 2016, out, server: 'BENCH' });
    const ms = performance.now() - start;
    await c.close();
    // What SSMS "Generate Scripts" writes for the same rows: one INSERT statement per row.
    const ssms = data
      .map(
        (r) =>
          `INSERT [dbo].[Contacts] ([id], [name], [phone], [changed], [active]) VALUES (${r[0]}, N'${r[1]}', N'${r[2]}', CAST(N'${r[3]}' AS DateTime), ${r[4]})\n`,
      )
      .join('');
    const ours = readFileSync(out);
    const insertsInOurs = (ours.toString('utf8').match(/^INSERT INTO/gm) ?? []).length;
    return {
      rows,
      ms,
      ourBytes: ours.length,
      ourInserts: insertsInOurs,
      batches: result.batches,
      ssmsBytes: Buffer.byteLength(ssms),
      ssmsInserts: rows,
    };
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
