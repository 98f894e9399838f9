// Opens the pilot queue named by --db: a postgres:// URL, ':memory:', or a SQLite file (default
// <launchDir>/.pipe/pilot/queue.db).
import { isAbsolute, join, resolve } from 'node:path';
import type { QueueStore } from './queue-store.js';
import { createSqlQueueStore } from './sql-queue-store.js';
import { openSqliteDriver } from './sqlite-driver.js';

export const DEFAULT_QUEUE_FILE = join('.pipe', 'pilot', 'queue.db');

// Whether --db names a PostgreSQL database.
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//.test(db);
}

// Opens the queue store for `db`, relative paths taken from the launch dir.
export async function openQueueStore(launchDir: string, db?: string): Promise<QueueStore> {
  if (db !== undefined && isPostgresUrl(db)) {
    const { openPostgresDriver } = await import('./postgres-driver.js'); // pg loads only when used
    return createSqlQueueStore(await openPostgresDriver(db));
  }
  const path =
    db === undefined
      ? join(launchDir, DEFAULT_QUEUE_FILE)
      : db === ':memory:' || isAbsolute(db)
        ? db
        : resolve(launchDir, db);
  return createSqlQueueStore(openSqliteDriver(path));
}
