// Turns SQLite failures into StoreErrors that name the database file and say what a user can do.
import { PipeError, StoreError } from '../errors.js';

// Hints by SQLite primary result code (https://www.sqlite.org/rescode.html).
const HINTS: Readonly<Record<string, string>> = {
  SQLITE_NOTADB: 'The file is not a pipe database. Move it aside; pipe creates a new one (its run history is lost).',
  SQLITE_CORRUPT: 'The database is damaged. Move it aside; pipe creates a new one (its run history is lost).',
  SQLITE_FULL: 'The disk is full. Free some space and resume the run.',
  SQLITE_IOERR: 'The file system reported an I/O error. Check the disk, or launch from a local directory.',
  SQLITE_BUSY: 'Another process holds the database. Is another pipe running in this launch directory?',
  SQLITE_LOCKED: 'Another process holds the database. Is another pipe running in this launch directory?',
  SQLITE_READONLY: 'The database or its directory is read-only. Check the permissions of the launch directory.',
  SQLITE_CANTOPEN: 'Check that the launch directory exists and is writable.',
  SQLITE_PERM: 'Check the permissions of the launch directory.',
};

// The SQLite result code of an error (e.g. "SQLITE_IOERR_WRITE" → "SQLITE_IOERR"), if it has one.
export function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  return code.split('_', 2).join('_');
}

// A StoreError for `error` raised while doing `what` on the database at `path`; PipeErrors pass through.
export function toStoreError(error: unknown, what: string, path: string): PipeError {
  if (error instanceof PipeError) return error;
  const code = sqliteCode(error);
  const message = error instanceof Error ? error.message : String(error);
  // A full disk is named by its errno code too, as every other file pipe writes names it.
  const detail = code === 'SQLITE_FULL' ? `${message} (ENOSPC)` : code === undefined ? message : `${message} (${code})`;
  const hint = code === undefined ? undefined : HINTS[code];
  const options = hint === undefined ? { cause: error } : { cause: error, hint };
  return new StoreError(`Cannot ${what} in ${path}: ${detail}`, options);
}

// Runs `fn`, converting whatever it throws with toStoreError.
export function guarded<T>(what: string, path: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw toStoreError(error, what, path);
  }
}
