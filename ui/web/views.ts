// Reads of a launch directory's store for `pipe serve`: pages of tasks by cursor, summaries and time series, each
// one indexed query so a page of a million-task run answers in milliseconds.
import type { Database, Statement } from 'better-sqlite3';
import { openDatabase } from '../../engine/store/open-database.js';
import {
  RUN_COLUMNS,
  runFromRow,
  STEP_COLUMNS,
  stepFromRow,
  TASK_COLUMNS,
  taskFromRow,
} from '../../engine/store/rows.js';
import { openSqliteStore } from '../../engine/store/sqlite-store.js';
import type { RunRecord, StepRecord, Store, TaskRecord } from '../../engine/store/store.js';
import { TaskState } from '../../engine/task.js';
import { tagPath } from '../../engine/store/task-reader.js';
import { createMaterializer, REUSED_BY_ID, REUSED_FROM, reusedColumns } from '../../engine/store/task-reuse.js';
import { pushFilterClauses, rangedPageSql } from './ranged-pages.js';

export interface TaskFilter {
  readonly state?: string | undefined;
  readonly step?: string | undefined;
  readonly tag?: readonly [string, string] | undefined;
  readonly text?: string | undefined; // a substring of the task id or its command
}

export interface TaskPage {
  readonly tasks: TaskRecord[];
  readonly next?: string | undefined; // cursor of the next page; absent on the last
}

export interface Series {
  readonly start: number;
  readonly bucketMs: number;
  readonly ended: number[]; // attempts that ended in each bucket (throughput)
  readonly running: number[]; // attempts running at the end of each bucket (concurrency)
}

export interface Views {
  readonly db: Database;
  readonly store: Store; // the store's own reads (why)
  runs(): RunRecord[];
  run(id: string): RunRecord | undefined;
  steps(runId: string): StepRecord[];
  stepCounts(runId: string): Map<string, Record<string, number>>;
  taskPage(runId: string, filter: TaskFilter, limit: number, cursor?: string): TaskPage;
  attempts(runId: string, taskId: string): TaskRecord[];
  series(runId: string, buckets: number): Series | undefined;
  attemptMs(runId: string): number; // the summed run time of every attempt
  retag(runId: string, filter: TaskFilter, tags: Readonly<Record<string, string>>): number;
  close(): void;
}

const RARE_STATE = 5000;
const COLUMNS = TASK_COLUMNS.map((c) => `t.${c}`).join(', ');
const LATEST =
  'NOT EXISTS (SELECT 1 FROM tasks n WHERE n.run_id = t.run_id AND n.task_id = t.task_id AND n.attempt > t.attempt)';

// A cursor is the last task id of a page, opaque to clients.
export function encodeCursor(taskId: string): string {
  return Buffer.from(taskId, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

// The WHERE clause and parameters of a filter over latest attempts.
function filterSql(runId: string, filter: TaskFilter): { where: string; params: unknown[] } {
  const where = ['t.run_id = ?', LATEST];
  const params: unknown[] = [runId];
  if (filter.state !== undefined) {
    where.push('t.state = ?');
    params.push(filter.state);
  }
  pushFilterClauses('t', filter, where, params);
  return { where: where.join(' AND '), params };
}

// Opens the store of a launch directory's .pipe folder for the web views.
export function openViews(stateDir: string): Views {
  const { db } = openDatabase(stateDir);
  const store = openSqliteStore(stateDir);
  const cache = new Map<string, Statement<unknown[]>>();
  const prepare = (sql: string): Statement<unknown[]> => {
    let statement = cache.get(sql);
    if (statement === undefined) {
      statement = db.prepare<unknown[]>(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  const runs = RUN_COLUMNS.join(', ');
  const reuse = createMaterializer(db);
  // The runs whose rows a run reused by row id ranges.
  const sourcesOf = (runId: string): string[] =>
    prepare('SELECT DISTINCT source_run FROM task_reuse WHERE run_id = ?').pluck().all(runId) as string[];
  // Counts and series of finished runs never change: computed once (a million-task run takes a second to scan).
  const finishedCounts = new Map<string, Map<string, Record<string, number>>>();
  const finishedSeries = new Map<string, Series | undefined>();

  // Attempts ended, and running, per bucket of the run's span.
  const computeSeries = (runId: string, buckets: number): Series | undefined => {
    const span = prepare(
      'SELECT MIN(started_at), MAX(COALESCE(ended_at, started_at)) FROM tasks WHERE run_id = ? AND started_at IS NOT NULL',
    )
      .raw()
      .get(runId) as [number | null, number | null];
    const [start, end] = span;
    if (start === null || end === null) return undefined;
    const bucketMs = Math.max(1, Math.ceil((end - start + 1) / buckets));
    const count = Math.ceil((end - start + 1) / bucketMs);
    const histogram = (column: string): number[] => {
      const out = new Array<number>(count).fill(0);
      const rows = prepare(
        `SELECT CAST((${column} - ?) / ? AS INTEGER), COUNT(*) FROM tasks WHERE run_id = ? AND started_at IS NOT NULL
         AND ${column} IS NOT NULL GROUP BY 1`,
      )
        .raw()
        .all(start, bucketMs, runId) as [number, number][];
      for (const [bucket, n] of rows) {
        const at = Math.min(count - 1, Math.max(0, Math.floor(bucket)));
        out[at] = (out[at] ?? 0) + n;
      }
      return out;
    };
    const started = histogram('started_at');
    const ended = histogram('ended_at');
    const running: number[] = [];
    let level = 0;
    for (let i = 0; i < count; i++) {
      level += (started[i] ?? 0) - (ended[i] ?? 0);
      running.push(level);
    }
    return { start, bucketMs, ended, running };
  };

  return {
    db,
    store,
    runs: () =>
      (prepare(`SELECT ${runs} FROM runs ORDER BY started_at DESC, rowid DESC`).raw().all() as unknown[][]).map(
        runFromRow,
      ),
    run(id) {
      const row = prepare(`SELECT ${runs} FROM runs WHERE id = ?`).raw().get(id) as unknown[] | undefined;
      return row === undefined ? undefined : runFromRow(row);
    },
    steps: (runId) =>
      (
        prepare(`SELECT ${STEP_COLUMNS.join(', ')} FROM steps WHERE run_id = ? ORDER BY rowid`)
          .raw()
          .all(runId) as unknown[][]
      ).map(stepFromRow),
    stepCounts(runId) {
      const run = this.run(runId);
      const memo = run === undefined || run.status === 'running' ? undefined : `${runId}:${run.finishedAt}`;
      const known = memo === undefined ? undefined : finishedCounts.get(memo);
      if (known !== undefined) return known;
      // Latest attempts = all attempts − superseded ones (only retried tasks are looked at twice), as countByState.
      const all = prepare('SELECT step_id, state, COUNT(*) FROM tasks WHERE run_id = ? GROUP BY step_id, state')
        .raw()
        .all(runId) as [string, string, number][];
      const superseded = prepare(
        `SELECT t.step_id, t.state, COUNT(*) FROM tasks t WHERE t.run_id = ?
         AND t.task_id IN (SELECT task_id FROM tasks WHERE run_id = ? AND attempt > 1) AND NOT ${LATEST}
         GROUP BY t.step_id, t.state`,
      )
        .raw()
        .all(runId, runId) as [string, string, number][];
      const counts = new Map<string, Record<string, number>>();
      const add = (step: string, state: string, n: number): void => {
        const entry = counts.get(step) ?? {};
        const value = (entry[state] ?? 0) + n;
        if (value > 0) entry[state] = value;
        else delete entry[state];
        counts.set(step, entry);
      };
      for (const [step, state, n] of all) add(step, state, n);
      for (const [step, state, n] of superseded) add(step, state, -n);
      // Tasks reused by row id ranges: each its task's only attempt, so latest.
      const reused = prepare(`SELECT s.step_id, COUNT(*) FROM ${REUSED_FROM} WHERE r.run_id = ? GROUP BY s.step_id`)
        .raw()
        .all(runId) as [string, number][];
      for (const [step, n] of reused) add(step, TaskState.Cached, n);
      if (memo !== undefined) finishedCounts.set(memo, counts);
      return counts;
    },
    taskPage(runId, filter, limit, cursor) {
      const { where, params } = filterSql(runId, filter);
      const after = cursor === undefined ? '' : ' AND t.task_id > ?';
      if (cursor !== undefined) params.push(decodeCursor(cursor));
      // A rare state is read through its index and sorted (a few thousand rows at most); a common one by walking
      // the primary key, where a page fills quickly. SQLite alone walks the key either way.
      const rare =
        filter.state !== undefined &&
        (prepare('SELECT COUNT(*) FROM (SELECT 1 FROM tasks WHERE run_id = ? AND state = ? LIMIT ?)')
          .pluck()
          .get(runId, filter.state, RARE_STATE) as number) < RARE_STATE;
      const from = rare ? 'tasks t INDEXED BY tasks_run_state' : 'tasks t';
      let sql = `SELECT ${COLUMNS} FROM ${from} WHERE ${where}${after} ORDER BY t.task_id LIMIT ?`;
      params.push(limit + 1);
      // Tasks reused by row id ranges, a page from each run they come from, merged by task id.
      const sources = filter.state === undefined || filter.state === TaskState.Cached ? sourcesOf(runId) : [];
      if (sources.length > 0) {
        const parts = [`SELECT * FROM (${sql})`];
        for (const source of sources) {
          const ranged = rangedPageSql(runId, source, filter, cursor === undefined ? undefined : decodeCursor(cursor));
          parts.push(`SELECT * FROM (${ranged.sql})`);
          params.push(...ranged.params, limit + 1);
        }
        sql = `${parts.join(' UNION ALL ')} ORDER BY 2 LIMIT ?`;
        params.push(limit + 1);
      }
      const rows = prepare(sql)
        .raw()
        .all(...params) as unknown[][];
      const tasks = rows.slice(0, limit).map(taskFromRow);
      const last = tasks[tasks.length - 1];
      return rows.length > limit && last !== undefined ? { tasks, next: encodeCursor(last.taskId) } : { tasks };
    },
    attempts: (runId, taskId) =>
      (
        prepare(
          `SELECT ${COLUMNS} FROM tasks t WHERE t.run_id = ? AND t.task_id = ? UNION ALL
           SELECT ${reusedColumns('r.run_id')} FROM ${REUSED_BY_ID} WHERE r.run_id = ? ORDER BY 3`,
        )
          .raw()
          .all(runId, taskId, taskId, runId) as unknown[][]
      ).map(taskFromRow),
    series(runId, buckets) {
      const run = this.run(runId);
      const memo = run === undefined || run.status === 'running' ? undefined : `${runId}:${run.finishedAt}:${buckets}`;
      if (memo !== undefined && finishedSeries.has(memo)) return finishedSeries.get(memo);
      const result = computeSeries(runId, buckets);
      if (memo !== undefined) finishedSeries.set(memo, result);
      return result;
    },
    attemptMs: (runId) =>
      prepare(
        'SELECT COALESCE(SUM(ended_at - started_at), 0) FROM tasks WHERE run_id = ? AND started_at IS NOT NULL AND ended_at IS NOT NULL',
      )
        .pluck()
        .get(runId) as number,
    retag(runId, filter, tags) {
      const { where, params } = filterSql(runId, filter);
      let expression = "COALESCE(tags, '{}')";
      const setParams: unknown[] = [];
      for (const [key, value] of Object.entries(tags)) {
        expression = `json_set(${expression}, ?, ?)`;
        setParams.push(tagPath(key), value);
      }
      const sql = `UPDATE tasks SET tags = ${expression} WHERE rowid IN (SELECT t.rowid FROM tasks t WHERE ${where})`;
      const update = db.prepare(sql);
      // Reused tasks become rows of the run first, and so do those of later runs that reused its rows, which keep
      // their tags.
      return db
        .transaction(() => {
          reuse.dependents(runId);
          reuse.own(runId);
          return update.run(...setParams, ...params).changes;
        })
        .immediate();
    },
    close() {
      store.close();
      db.close();
    },
  };
}
