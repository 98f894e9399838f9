// Client submission ids of `POST /api/pilot/tasks`, kept in .pipe/serve/submissions.db so that a retried request
// (after a timeout, say) returns the task ids of the first one instead of queueing the tasks twice.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { connectSqlite } from '../../engine/store/sqlite-connection.js';

export interface Submissions {
  get(id: string): string[] | undefined;
  // Runs `submit` once per id: concurrent requests with one id share the first one's result.
  once(id: string, submit: () => Promise<string[]>): Promise<string[]>;
  close(): void;
}

export function openSubmissions(stateDir: string): Submissions {
  const dir = join(stateDir, 'serve');
  mkdirSync(dir, { recursive: true });
  const db = connectSqlite(join(dir, 'submissions.db'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS submissions (id TEXT PRIMARY KEY, task_ids TEXT NOT NULL, at BIGINT NOT NULL)');
  const select = db.prepare<[string]>('SELECT task_ids FROM submissions WHERE id = ?').pluck();
  const insert = db.prepare('INSERT OR IGNORE INTO submissions (id, task_ids, at) VALUES (?, ?, ?)');
  const inFlight = new Map<string, Promise<string[]>>();
  const get = (id: string): string[] | undefined => {
    const row = select.get(id) as string | undefined;
    return row === undefined ? undefined : (JSON.parse(row) as string[]);
  };
  return {
    get,
    once(id, submit) {
      const pending = inFlight.get(id);
      if (pending !== undefined) return pending;
      const done = get(id);
      if (done !== undefined) return Promise.resolve(done);
      const promise = submit()
        .then((ids) => {
          insert.run(id, JSON.stringify(ids), Date.now());
          return ids;
        })
        .finally(() => inFlight.delete(id));
      inFlight.set(id, promise);
      return promise;
    },
    close: () => db.close(),
  };
}
