// Benchmarks (13)–(15): hostile sizes in the file commands (issue 23). Each command runs in a
// process of its own through the CLI's `main`, so its peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { tmp } from './transition.js';

const MAIN = new URL('../dist/src/cli/index.js', import.meta.url).href;
const MB = 1024 * 1024;

/** Runs `xpmigrate args` in a child: exit code, wall seconds, peak RSS in MB, stderr's first line. */
function measure(args) {
  const code = `
    const { main } = await import(${JSON.stringify(MAIN)});
    const t = performance.now();
    const exit = await main(${JSON.stringify(args)});
    const seconds = (performance.now() - t) / 1000;
    process.stderr.write('\\n' + JSON.stringify({ exit, seconds, peak: process.resourceUsage().maxRSS / 1024 }) + '\\n');`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * MB,
  });
  const lines = r.stderr.trim().split('\n');
  const figures = JSON.parse(lines.at(-1));
  return { ...figures, message: lines.find((l) => l.trim() !== '') ?? '' };
}

/** Writes `piece` until the file has `bytes`, after `head`; returns its size in MB. */
function fill(file, head, piece, bytes) {
  const fd = openSync(file, 'w');
  writeSync(fd, head);
  const chunk = Buffer.from(piece.repeat(Math.max(1, Math.floor((4 * MB) / piece.length))));
  for (let written = 0; written < bytes; ) written += writeSync(fd, chunk);
  closeSync(fd);
  return statSync(file).size / MB;
}

/** (13) users-csv on a 500 MB users file (~5 M rows, a few duplicates): time, peak RSS. */
export function usersCsvFigures() {
  const file = join(tmp(), 'users.csv');
  const fd = openSync(file, 'w');
  writeSync(fd, 'ID;firstname;name;account;email\r\n');
  let i = 0;
  while (statSync(file).size < 500 * MB) {
    const rows = [];
    for (let k = 0; k < 50_000; k++, i++)
      rows.push(
        `${i % 2_000_003 === 7 ? 7 : i};Jürgen;Müller-Lüdenscheidt;XPHONE\\u${i};j.mueller${i}@example.com`,
      );
    writeSync(fd, `${rows.join('\r\n')}\r\n`);
  }
  closeSync(fd);
  const mb = statSync(file).size / MB;
  return { mb, rows: i, ...measure(['users-csv', file, '--json', '--lang', 'en']) };
}

/**
 * (14) diagnose on a log that is one line of 1 GB, against one of 256 MB: a linear reader
 * takes four times as long for four times the bytes (per-MB ratio ≈ 1; the old one was ~4×).
 */
export function diagnoseLongLineFigures() {
  const head = '23.01.2021 22:39:49 INF ';
  const small = join(tmp(), 'line-256.log');
  const large = join(tmp(), 'line-1024.log');
  const smallMb = fill(small, head, 'Sicherung läuft ', 256 * MB);
  const largeMb = fill(large, head, 'Sicherung läuft ', 1024 * MB);
  const s = measure(['diagnose', small, '--json', '--lang', 'en']);
  const l = measure(['diagnose', large, '--json', '--lang', 'en']);
  return { smallMb, largeMb, small: s, large: l, ratio: l.seconds / largeMb / (s.seconds / smallMb) };
}

/** (15) import-db --dry-run on a script that is one line of 1 GB: refused at the line limit. */
export function importLongLineFigures() {
  const file = join(tmp(), 'one-line.sql');
  const mb = fill(file, "INSERT INTO t VALUES (N'", 'Müller Straße ', 1024 * MB);
  return { mb, ...measure(['import-db', '--input', file, '--dry-run', '--lang', 'en']) };
}
