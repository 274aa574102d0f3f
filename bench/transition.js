// Benchmark (1): one durable transition against a bare commit, on either SQLite driver.
// `node bench/transition.js node:sqlite` prints its figures as JSON (bench/run.js runs it under
// the bundle's Node.js, which has node:sqlite; better-sqlite3 runs in bench/run.js itself).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createActor } from 'xstate';
import { buildMachine, runStepsOf } from '../dist/src/machines/index.js';
import { openDb, Store } from '../dist/src/persistence/index.js';
import { buildPlan } from '../dist/src/plan/index.js';
import { createRun, transitionOf } from '../dist/src/runtime/index.js';

/** 2,400 commits: more than a 1,000-page WAL (the auto-checkpoint limit) holds, for either loop. */
const WARM_UP = 2_400;
const BLOCKS = 30;
export const BLOCK = 100;
const dirs = [];
/** A rehearsal run's settings, enough for the store and the machine (no effect runs). */
export const BENCH_SETTINGS = {
  serviceAccount: 'X\\svc',
  sqlServer: 'SQL',
  databases: ['XPDATA'],
  resumeCommand: [],
  healthTimeoutSeconds: 1,
};

/** A temporary folder, removed when the process exits. */
export const tmp = () => {
  dirs.push(mkdtempSync(join(tmpdir(), 'xpm-bench-')));
  return dirs.at(-1);
};
process.on('exit', () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The bare loop: the driver alone, same pragmas, one insert per BEGIN IMMEDIATE transaction. */
async function bareLoop(driver, file) {
  if (driver === 'node:sqlite') {
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(file);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    db.exec('CREATE TABLE s (id INTEGER PRIMARY KEY, snapshot TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO s (snapshot) VALUES (?)');
    return (s) => {
      db.exec('BEGIN IMMEDIATE');
      insert.run(s);
      db.exec('COMMIT');
    };
  }
  const Database = createRequire(import.meta.url)('better-sqlite3');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE s (id INTEGER PRIMARY KEY, snapshot TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO s (snapshot) VALUES (?)');
  const tx = db.transaction((s) => insert.run(s));
  return (s) => tx.immediate(s);
}

/**
 * (1) One durable transition as the driver makes it (send, then `transitionOf` and `Store.commit`:
 * the persisted snapshot, journal entries and the next intent in one commit), against a bare
 * loop committing the same snapshot bytes with the same pragmas. Each transition is followed by
 * the bare commit of its snapshot, each timed on its own: this disk's fsync time drifts by half
 * within seconds, and only pairs that close together see the same disk (rounds of 200 gave round
 * ratios from 0.95 to 1.68). The ratio is the runtime's total over the bare loop's total; the
 * blocks of 100 pairs show the spread.
 */
export async function runtimeTransitions(driver) {
  const plan = buildPlan({ from: '8', target: 'B' });
  const store = new Store(openDb(join(tmp(), 'state.db'), driver));
  const runId = createRun(store, plan, BENCH_SETTINGS, true);
  const { machine } = buildMachine(runId, runStepsOf(plan));
  const actor = createActor(machine).start();
  const stepId = 'v8v9.backup'; // an effect step: fail and retry it again and again

  const write = await bareLoop(driver, join(tmp(), 'bare.db'));

  let i = 0;
  /** One transition and one bare commit of its snapshot: their times in ns, the send and JSON apart. */
  const pair = () => {
    const event =
      i % 2 === 0 ? { type: 'EFFECT_FAILED', stepId, code: 'E', detail: 'bench' } : { type: 'RETRY', stepId };
    const t0 = process.hrtime.bigint();
    actor.send(event);
    const transition = transitionOf(
      actor,
      JSON.stringify(event),
      [{ kind: 'bench', stepId, attempt: i + 1, who: 'bench', detail: {} }],
      i % 2 === 1 ? { intent: { stepId, attempt: i + 1, input: {} } } : {},
    );
    const tMachine = process.hrtime.bigint();
    store.commit(runId, transition);
    const t1 = process.hrtime.bigint();
    write(transition.snapshot);
    const t2 = process.hrtime.bigint();
    i++;
    return { machine: Number(tMachine - t0), runtime: Number(t1 - t0), bare: Number(t2 - t1) };
  };

  // Warm-up: JIT, page cache, and both WAL files filled and wrapped once, so that both
  // loops then write into allocated WAL space; a WAL that is still growing costs more per fsync.
  for (let k = 0; k < WARM_UP; k++) pair();
  let sendAndJson = 0;
  let runtime = 0;
  let bare = 0;
  const blocks = Array.from({ length: BLOCKS }, () => {
    let r = 0;
    let b = 0;
    for (let k = 0; k < BLOCK; k++) {
      const times = pair();
      sendAndJson += times.machine;
      r += times.runtime;
      b += times.bare;
    }
    runtime += r;
    bare += b;
    return r / b;
  });
  const n = BLOCKS * BLOCK;
  return {
    runtime: runtime / n / 1e6,
    machine: sendAndJson / n / 1e6,
    bare: bare / n / 1e6,
    ratio: runtime / bare,
    low: Math.min(...blocks),
    high: Math.max(...blocks),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await runtimeTransitions(process.argv[2] ?? 'node:sqlite')));
}
