import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { XpmError } from '../../errors/index.js';

/** A fault-injection hook between the write steps (crash tests only). */
export type WriteHook = (point: 'backup-written' | 'temp-written' | 'renamed') => void;

/** How the new file replaces the old one; a test stands in a rename that is refused for a while. */
export type Rename = (from: string, to: string) => void;

/**
 * Codes with which Windows refuses a rename while another program (an editor, a virus scanner,
 * the XPhone service reading its configuration) has the file open: worth a few more tries.
 */
const BUSY = new Set(['EPERM', 'EBUSY', 'EACCES']);
const RETRY_MS = [100, 200, 400, 800, 1600, 3200];

function renameRetrying(rename: Rename, from: string, to: string): void {
  for (let attempt = 0; ; attempt++) {
    try {
      rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      const wait = RETRY_MS[attempt];
      if (!BUSY.has(code) || wait === undefined) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
    }
  }
}

/**
 * Replaces a file so that it is always either the complete old or the complete new version:
 * a timestamped backup copy first, then a temporary file in the same folder (written, flushed),
 * renamed over the original, then the folder flushed. On any failure the original is untouched
 * and the temporary file removed.
 */
export function replaceFile(
  given: string,
  bytes: Buffer,
  now = new Date(),
  hook: WriteHook = () => {},
  rename: Rename = renameSync,
): { backup: string } {
  let mode: number;
  let file: string;
  try {
    // A link stays a link: its target is the file that is replaced.
    file = realpathSync(given);
    mode = statSync(file).mode;
  } catch (cause) {
    throw new XpmError('E_ATLAS_READ', { file: given, detail: (cause as Error).message }, { cause });
  }
  // Owner write bit: a read-only file is refused even where the folder would let us replace it.
  if ((mode & 0o200) === 0) throw new XpmError('E_ATLAS_READONLY', { file });
  const backup = freeName(`${file}.${stamp(now)}`, '.bak');
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    copyFileSync(file, backup, constants.COPYFILE_EXCL);
    flush(backup);
    hook('backup-written');
    const fd = openSync(temp, 'wx', mode & 0o777);
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    hook('temp-written');
    renameRetrying(rename, temp, file);
    flushFolder(dirname(file));
    hook('renamed');
    return { backup };
  } catch (cause) {
    try {
      unlinkSync(temp);
    } catch {
      // not created, or already renamed
    }
    const code = (cause as NodeJS.ErrnoException).code ?? '';
    throw new XpmError(
      code === 'ENOSPC' ? 'E_ATLAS_DISK_FULL' : BUSY.has(code) ? 'E_ATLAS_BUSY' : 'E_ATLAS_WRITE',
      { file, detail: (cause as Error).message },
      { cause },
    );
  }
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '-').replace('Z', '');
}

/** `base.bak`, or `base-2.bak`, … when an edit in the same millisecond already left one. */
function freeName(base: string, ext: string): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${base}${ext}` : `${base}-${n}${ext}`;
    if (!existsSync(name)) return name;
  }
}

function flush(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The rename itself is durable only once the folder is flushed (POSIX; Windows cannot open folders). */
function flushFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
