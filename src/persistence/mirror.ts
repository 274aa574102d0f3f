import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { XpmError } from '../errors/index.js';
import type { StoredEntry } from './journal.js';

/** One line of a run's mirror file. */
export type MirrorRecord =
  | { type: 'checkpoint'; seq: number; at: string; state: string; journal: StoredEntry[] }
  /** The store was rewound to `toSeq` (a reverted VM took it back): later records are history. */
  | { type: 'rewound'; toSeq: number; at: string };

export type MirroredCheckpoint = Extract<MirrorRecord, { type: 'checkpoint' }>;

/**
 * An append-only copy of a run's checkpoints in a folder outside the VM. A store that a VM
 * rollback reverted is behind its mirror: that is how the runtime notices it. Every line is
 * synced, since the VM may be switched off at any moment.
 */
export class JournalMirror {
  /** The first write error; the run goes on (the store is the truth) and reports it once. */
  error: string | undefined;

  constructor(
    readonly dir: string,
    readonly runId: string,
  ) {}

  get file(): string {
    return join(this.dir, `${this.runId}.jsonl`);
  }

  /** Fails with E_MIRROR when the folder cannot be written (checked when a run starts). */
  static check(dir: string): void {
    try {
      mkdirSync(dir, { recursive: true });
      const probe = join(dir, '.xpmigrate-write-test');
      closeSync(openSync(probe, 'w'));
      unlinkSync(probe);
    } catch (error) {
      throw new XpmError('E_MIRROR', { dir, detail: (error as Error).message });
    }
  }

  append(record: MirrorRecord): void {
    if (this.error) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      const fd = openSync(this.file, 'a');
      try {
        writeSync(fd, `${JSON.stringify(record)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  /**
   * The checkpoints as the mirror last knew them: a `rewound` record drops those after its
   * seq, since the run went on from there. A torn last line (power cut) is ignored.
   */
  checkpoints(): MirroredCheckpoint[] {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return [];
    }
    const live: MirroredCheckpoint[] = [];
    for (const line of text.split('\n')) {
      let record: MirrorRecord;
      try {
        record = JSON.parse(line) as MirrorRecord;
      } catch {
        continue;
      }
      if (record.type === 'rewound') {
        const toSeq = record.toSeq;
        live.splice(0, live.length, ...live.filter((r) => r.seq <= toSeq));
      } else {
        live.push(record);
      }
    }
    return live;
  }
}
