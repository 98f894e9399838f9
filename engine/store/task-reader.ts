// Reads of the tasks table: completed keys, unfinished attempts, filtered listings, counts by state.
import type { Database, Statement } from 'better-sqlite3';
import { KeyTable, keyRowSql } from '../key-table.js';
import { spanLines, type SpanRead } from './key-lines.js';
import { TaskState } from '../task.js';
import { TASK_COLUMNS, taskFromRow } from './rows.js';
import type { TaskQuery, TaskRecord } from './store.js';
import { REUSED_BY_ID, REUSED_FROM, reusedColumns } from './task-reuse.js';

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
  // Each key with its row (KeyTable.setRow): a run's ranges' rows by row id, then its own rows by state. Each
  // statement reads a span of row ids (its last two parameters), so that a long one can be read by two connections.
  const spanRead = (sql: string): SpanRead => ({ statement: prepare(sql).pluck(), sql, path: db.name });
  const byState = (from: string): SpanRead =>
    spanRead(`SELECT ${keyRowSql(from)} FROM tasks WHERE run_id = ? AND state = ? AND rowid BETWEEN ? AND ?`);
  const rangeKeys = spanRead(`SELECT ${keyRowSql("ifnull(cached_from, '')")} FROM tasks WHERE rowid BETWEEN ? AND ?`);
  const cachedKeys = byState("ifnull(cached_from, '')");
  const succeededKeys = byState("''");
  // The first and the last row id of a run's rows in a state (two seeks of the index; min() and max() together scan).
  const firstRow = prepare('SELECT rowid FROM tasks WHERE run_id = ? AND state = ? ORDER BY rowid LIMIT 1').pluck();
  const lastRow = prepare('SELECT rowid FROM tasks WHERE run_id = ? AND state = ? ORDER BY rowid DESC LIMIT 1').pluck();
  const inState = (read: SpanRead, runId: string, state: TaskState): Iterable<string> => {
    const first = firstRow.get(runId, state) as number | undefined;
    if (first === undefined) return [];
    return spanLines(read, [runId, state], first, lastRow.get(runId, state) as number);
  };
  const keyOfRow = prepare('SELECT key, cached_from FROM tasks WHERE rowid = ?').raw();
  // Sets the keys of rows from a statement's lines; rows whose key the table cannot read from a line (no hex key) are
  // read again once the statement is done (a connection runs one statement at a time).
  const load = (keys: KeyTable, lines: Iterable<string>, rowRun: string, ownRun: boolean): void => {
    const later: number[] = [];
    for (const line of lines) {
      const row = keys.setRow(line, rowRun);
      if (row >= 0) later.push(row);
    }
    for (const row of later) {
      const [key, from] = keyOfRow.get(row) as [string, string | null];
      keys.set(key, ownRun ? rowRun : (from ?? rowRun));
    }
  };
  const ranges = prepare('SELECT source_run, first_row, last_row FROM task_reuse WHERE run_id = ?').raw();
  const ranged = prepare('SELECT 1 FROM task_reuse WHERE run_id = ? LIMIT 1').pluck();
  const reusedCount = prepare('SELECT SUM(last_row - first_row + 1) FROM task_reuse WHERE run_id = ?').pluck();
  // At most how many rows completedKeys() reads of a run: its ranges' rows and the spans of its rows by state.
  const rowsToRead = (runId: string): number => {
    let n = (reusedCount.get(runId) as number | null) ?? 0;
    for (const state of [TaskState.Cached, TaskState.Succeeded]) {
      const first = firstRow.get(runId, state) as number | undefined;
      if (first !== undefined) n += (lastRow.get(runId, state) as number) - first + 1;
    }
    return n;
  };
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
      // Room for the largest run's keys at once: a resumed run holds most of its lineage's (more still fit).
      keys.reserve(Math.max(0, ...runIds.map(rowsToRead)));
      // Oldest run first, so a newer run's entry for the same key overwrites an older one.
      for (let i = runIds.length - 1; i >= 0; i--) {
        const runId = runIds[i] as string;
        // iterate(), not all(): a million short-lived strings are cheap, a million retained ones are not.
        // A range of rows the table holds as they were read (rows of an earlier run of the lineage, no later run's
        // row for their keys) is not read again: a resume of a resumed run reads the keys once.
        for (const [source, first, last] of ranges.all(runId) as [string, number, number][]) {
          if (!keys.holds(first, last, source)) load(keys, spanLines(rangeKeys, [], first, last), source, false);
        }
        load(keys, inState(cachedKeys, runId, TaskState.Cached), runId, false);
        // Within a run, the attempt that ran wins over a reuse of the same key.
        load(keys, inState(succeededKeys, runId, TaskState.Succeeded), runId, true);
      }
      return keys;
    },

    unfinished(runIds) {
      return runIds.flatMap((runId) => records(unfinished.iterate(runId, TaskState.Submitted, TaskState.Running)));
    },

    tasks(query) {
      const { sql, params } = listing(query, ranged.get(query.runId) !== undefined);
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
      const reused = reusedCount.get(runId) as number | null;
      if (reused !== null) result[TaskState.Cached] = (result[TaskState.Cached] ?? 0) + reused;
      for (const [state, n] of supersededCounts.all(runId, runId) as [string, number][]) {
        const left = (result[state] ?? 0) - n;
        if (left > 0) result[state] = left;
        else delete result[state];
      }
      return result;
    },
  };
}

// The SQL of a listing: the run's rows and, when it has ranges (`ranged`), its ranged tasks (each the only attempt
// of its task, so always the latest), sorted together.
function listing(query: TaskQuery, ranged: boolean): { sql: string; params: unknown[] } {
  const where = ['t.run_id = ?'];
  const params: unknown[] = [query.runId];
  const rangedWhere = ['r.run_id = ?'];
  const rangedParams: unknown[] = [query.runId];
  if (query.state !== undefined) {
    where.push('t.state = ?');
    params.push(query.state);
  }
  if (query.tag !== undefined) {
    // json_extract is SQLite's; PostgreSQL spells it (tags::jsonb ->> 'key').
    where.push('json_extract(t.tags, ?) = ?');
    params.push(tagPath(query.tag[0]), query.tag[1]);
    rangedWhere.push('json_extract(s.tags, ?) = ?');
    rangedParams.push(tagPath(query.tag[0]), query.tag[1]);
  }
  if (query.taskId !== undefined) {
    where.push('t.task_id = ?');
    params.push(query.taskId);
    rangedParams.unshift(query.taskId); // REUSED_BY_ID's parameter comes first
  }
  // The state filter applies to the latest attempt: "failed" means still failed, not failed once.
  if (query.latestAttemptOnly === true) where.push(LATEST);
  let sql = `SELECT ${COLUMNS} FROM tasks t WHERE ${where.join(' AND ')}`;
  if (ranged && (query.state === undefined || query.state === TaskState.Cached)) {
    const from = query.taskId === undefined ? REUSED_FROM : REUSED_BY_ID;
    sql += ` UNION ALL SELECT ${reusedColumns('r.run_id')} FROM ${from} WHERE ${rangedWhere.join(' AND ')}`;
    sql += ' ORDER BY 5, 2, 3'; // idx, task_id, attempt
    params.push(...rangedParams);
  } else {
    sql += ` ${ORDER}`;
  }
  if (query.limit !== undefined) {
    sql += ' LIMIT ?';
    params.push(query.limit);
  }
  return { sql, params };
}

// Task records from raw rows, mapped as they stream so no row array outlives its record.
function records(rows: IterableIterator<unknown>): TaskRecord[] {
  const found: TaskRecord[] = [];
  for (const row of rows) found.push(taskFromRow(row as unknown[]));
  return found;
}
