import {
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readlinkSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { XpmError } from '../errors/index.js';

export interface WriteOptions {
  /** Create missing folders (the tool's own files); a user's `--out` never does. */
  makeFolder?: boolean;
}

/**
 * Where a file can be written: its folder exists (a typo in `--out` must not silently create
 * a tree elsewhere), the name is not a folder, and not a SQLite database or its WAL, shared
 * memory or journal (an output over the state store would replace every run). Throws the error
 * that says which.
 */
export function checkOutput(file: string): void {
  const folder = dirname(file);
  let info: ReturnType<typeof statSync> | undefined;
  try {
    info = statSync(folder);
  } catch {
    throw new XpmError('E_OUT_FOLDER_MISSING', { file, folder });
  }
  if (!info.isDirectory()) throw new XpmError('E_OUT_FOLDER_MISSING', { file, folder });
  try {
    if (statSync(file).isDirectory()) throw new XpmError('E_OUT_IS_FOLDER', { file });
  } catch (error) {
    if (error instanceof XpmError) throw error; // a missing file is what we expect
  }
  refuseDatabase(file);
}

/** Never over a SQLite database or its WAL, shared memory or journal: the store is written only by SQLite. */
function refuseDatabase(file: string): void {
  const database = [file, file.replace(/-(wal|shm|journal)$/i, '')].find(isSqliteDatabase);
  if (database) throw new XpmError('E_OUT_IS_DATABASE', { file, database });
}

/** The file begins with SQLite's header string ("Database File Format", 1.3.1). */
function isSqliteDatabase(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(16);
    return readSync(fd, head, 0, 16, 0) === 16 && head.toString('latin1') === 'SQLite format 3\0';
  } catch {
    return false; // missing or unreadable: not a database this write would replace
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes through a temporary file in the same folder, flushed and renamed: a kill leaves the
 * old or the new file, and a failure leaves neither a half file nor the temporary one.
 * `fill` gets a `write` for the content, piece by piece.
 */
export function writeAtomicWith<R>(
  named: string,
  fill: (write: (bytes: Uint8Array) => void) => R,
  o: WriteOptions = {},
): R {
  const file = linkTarget(named);
  if (o.makeFolder) {
    mkdirSync(dirname(file), { recursive: true });
    refuseDatabase(file);
  } else checkOutput(file);
  const tmp = `${file}.${process.pid}.tmp`;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w');
    const handle = fd;
    const result = fill((bytes) => {
      for (let at = 0; at < bytes.length; ) at += writeSync(handle, bytes, at);
    });
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
    return result;
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // never created, or already renamed
    }
    if (error instanceof XpmError) throw error;
    throw new XpmError('E_OUT_WRITE', {
      file,
      reason: (error as NodeJS.ErrnoException).code ?? String(error),
    });
  }
}

/**
 * A symbolic link is followed: the rename would otherwise replace the link itself with a file,
 * and what it pointed to (a share's report folder, a file kept elsewhere) would stay old.
 */
function linkTarget(file: string): string {
  try {
    if (!lstatSync(file).isSymbolicLink()) return file;
  } catch {
    return file; // nothing there yet
  }
  return resolve(dirname(file), readlinkSync(file));
}

/** `writeAtomicWith` for a content in memory. */
export function writeAtomic(file: string, content: string | Uint8Array, o: WriteOptions = {}): void {
  writeAtomicWith(file, (write) => write(typeof content === 'string' ? Buffer.from(content) : content), o);
}
