// Opens (creating if needed) the SQLite file of a launch directory, tuned and migrated.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { connectSqlite } from './sqlite-connection.js';
import type { Database as Connection } from 'better-sqlite3';
import { StoreError } from '../errors.js';
import { migrate } from './migrations.js';
import { toStoreError } from './sqlite-errors.js';

export const DATABASE_FILE = 'pipe.db';

// How long a statement waits for another connection's lock before failing with SQLITE_BUSY.
const BUSY_TIMEOUT_MS = 5000;
// While opening: many processes started at once on a new store (e.g. `pipe run` twice, or a job array in one
// directory) queue behind the one that switches it to WAL and migrates it; they wait longer, then the run lock
// decides which of them runs.
const OPEN_BUSY_TIMEOUT_MS = 60_000;

// Opens `<dir>/pipe.db` in WAL mode and brings its schema up to date.
export function openDatabase(dir: string): { db: Connection; path: string } {
  const path = join(dir, DATABASE_FILE);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new StoreError(`Cannot create the store directory ${dir}`, {
      cause: error,
      hint: 'Check that the launch directory is writable.',
    });
  }
  let db: Connection | undefined;
  try {
    db = connectSqlite(path);
    db.pragma(`busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`);
    // WAL: readers (pipe log, the UI) never block the engine's writes. NORMAL: a commit survives a crash
    // of the process; only an OS crash or power cut can lose the last commits.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('wal_autocheckpoint = 10000'); // checkpoint every ~40 MB of WAL, not 4 MB: bulk writes of a resume
    migrate(db, path);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return { db, path };
  } catch (error) {
    db?.close();
    throw toStoreError(error, 'open the store', path);
  }
}
