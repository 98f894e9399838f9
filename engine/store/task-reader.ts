// Reads of the tasks table: completed keys, unfinished attempts, filtered listings, counts by state.
import type { Database, Statement } from 'better-sqlite3';
import { KeyTable } from '../key-table.js';
import { TaskState } from '../task.js';
import { TASK_COLUMNS, taskFromRow } from './rows.js';
import type { TaskQuery, TaskRecord } from './store.js';

type Stmt = Statement<unknown[]>;

export interface TaskReader {
  completedKeys(runIds: readonly string[]): KeyTable;
  unfinished(runIds: readonly string[]): TaskRecord[];
  tasks(query: TaskQuery): TaskRecord[];
  countByState(runId: string): Record<string, number>;
}

const COLUMNS = TASK_COLUMNS.map((c) => `t.${c}`).join(', ');
// Keeps only the highest attempt of each task (one primary-key seek per row).
const LATEST =
  'NOT EXISTS (SELECT 1 FROM tasks n WHERE n.run_id = t.run_id AND n.task_id = t.task_id AND n.attempt > t.attempt)';
const ORDER = 'ORDER BY t.idx, t.task_id, t.attempt';

// JSON path of a tag key, quoted so any key works: $."the \"key\"".
export function tagPath(key: string): string {
  return `$."${key.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

// Prepares the task reads once, on a migrated database.
export function createTaskReader(db: Database): TaskReader {
  const prepare = (sql: string): Stmt => db.prepare<unknown[]>(sql);
  const succeededKeys = prepare('SELECT key FROM tasks WHERE run_id = ? AND state = ?').pluck();
  const cachedKeys = prepare('SELECT key, cached_from FROM tasks WHERE run_id = ? AND state = ?').raw();
  const unfinished = prepare(
    `SELECT ${COLUMNS} FROM tasks t WHERE t.run_id = ? AND t.state IN (?, ?) AND ${LATEST} ${ORDER}`,
  ).raw();
  // Latest attempts by state = all attempts by state − superseded attempts by state. The first is an index-only
  // count; the second looks only at retried tasks. Twice as fast as filtering every row with LATEST.
  const allCounts = prepare('SELECT state, COUNT(*) FROM tasks WHERE run_id = ? GROUP BY state').raw();
  const supersededCounts = prepare(
    `SELECT t.state, COUNT(*) FROM tasks t WHERE t.run_id = ?
     AND t.task_id IN (SELECT task_id FROM tasks WHERE run_id = ? AND attempt > 1) AND NOT ${LATEST} GROUP BY t.state`,
  ).raw();
  const listings = new Map<string, Stmt>();

  return {
    completedKeys(runIds) {
      const keys = new KeyTable();
      // Oldest run first, so a newer run's entry for the same key overwrites an older one.
      for (let i = runIds.length - 1; i >= 0; i--) {
        const runId = runIds[i] as string;
        // iterate(), not all(): a million short-lived row arrays are cheap, a million retained ones are not.
        for (const row of cachedKeys.iterate(runId, TaskState.Cached) as Iterable<[string, string | null]>) {
          keys.set(row[0], row[1] ?? runId);
        }
        // Within a run, the attempt that ran wins over a reuse of the same key.
        for (const key of succeededKeys.all(runId, TaskState.Succeeded) as string[]) keys.set(key, runId);
      }
      return keys;
    },

    unfinished(runIds) {
      return runIds.flatMap((runId) => records(unfinished.iterate(runId, TaskState.Submitted, TaskState.Running)));
    },

    tasks(query) {
      const where = ['t.run_id = ?'];
      const params: unknown[] = [query.runId];
      if (query.state !== undefined) {
        where.push('t.state = ?');
        params.push(query.state);
      }
      if (query.taskId !== undefined) {
        where.push('t.task_id = ?');
        params.push(query.taskId);
      }
      if (query.tag !== undefined) {
        // json_extract is SQLite's; PostgreSQL spells it (tags::jsonb ->> 'key').
        where.push('json_extract(t.tags, ?) = ?');
        params.push(tagPath(query.tag[0]), query.tag[1]);
      }
      // The state filter applies to the latest attempt: "failed" means still failed, not failed once.
      if (query.latestAttemptOnly === true) where.push(LATEST);
      let sql = `SELECT ${COLUMNS} FROM tasks t WHERE ${where.join(' AND ')} ${ORDER}`;
      if (query.limit !== undefined) {
        sql += ' LIMIT ?';
        params.push(query.limit);
      }
      let statement = listings.get(sql);
      if (statement === undefined) {
        statement = prepare(sql).raw();
        listings.set(sql, statement);
      }
      return records(statement.iterate(...params));
    },

    countByState(runId) {
      const result: Record<string, number> = {};
      for (const [state, n] of allCounts.all(runId) as [string, number][]) result[state] = n;
      for (const [state, n] of supersededCounts.all(runId, runId) as [string, number][]) {
        const left = (result[state] ?? 0) - n;
        if (left > 0) result[state] = left;
        else delete result[state];
      }
      return result;
    },
  };
}

// Task records from raw rows, mapped as they stream so no row array outlives its record.
function records(rows: IterableIterator<unknown>): TaskRecord[] {
  const found: TaskRecord[] = [];
  for (const row of rows) found.push(taskFromRow(row as unknown[]));
  return found;
}
