import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Writable } from 'node:stream';
import type { Io } from './context.js';

/**
 * `--log FILE`: what a command writes (output and errors) also goes into FILE, each line with
 * its time. The startup task after a reboot runs with nobody watching: its log is what the
 * operator reads later (appended, never truncated).
 */
export function teeToLog(io: Io, file: string): Io {
  mkdirSync(dirname(file), { recursive: true });
  const tee = (target: NodeJS.WritableStream) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        target.write(chunk);
        const stamp = new Date().toISOString();
        const lines = String(chunk).replace(/\n$/, '').split('\n');
        try {
          appendFileSync(file, lines.map((l) => `${stamp} ${l}\n`).join(''));
        } catch {
          // A log that cannot be written must not stop the run it reports on.
        }
        done();
      },
    });
  return { ...io, stdout: tee(io.stdout), stderr: tee(io.stderr) };
}
