// The SQLite store: runs and steps written at once, task changes group-committed, reads after a flush.
import { dirname, join } from 'node:path';
import type { Statement } from 'better-sqlite3';
import { StoreError } from '../errors.js';
import { openJournal, readJournal, removeJournal } from './completion-journal.js';
import { createGroupCommit } from './group-commit.js';
import type { GroupCommitStats } from './group-commit.js';
import { openDatabase } from './open-database.js';
import { CACHED_TASK_COLUMNS, RUN_COLUMNS, STEP_COLUMNS, TASK_COLUMNS } from './rows.js';
import { cachedTaskParams, runFromRow, runParams, stepFromRow, stepParams, taskParams } from './rows.js';
import { TaskState } from '../task.js';
import { guarded, toStoreError } from './sqlite-errors.js';
import type { RunRecord, RunStatus, StepRecord, Store, TaskQuery, TaskRecord } from './store.js';
import { createTaskReader } from './task-reader.js';

export interface SqliteStoreOptions {
  readonly flushIntervalMs?: number | undefined; // default 50
  readonly flushBatch?: number | undefined; // default 1000
}

export interface SqliteStore extends Store {
  readonly path: string;
  // Group-commit counters: how many transactions wrote how many task changes, and how many wait.
  stats(): GroupCommitStats;
}

// Beside pipe.db: successes recorded but not yet committed (engine/store/completion-journal.ts).
export const JOURNAL_FILE = 'completions.log';

type Stmt = Statement<unknown[]>;

const RUNS = RUN_COLUMNS.join(', ');
const STEPS = STEP_COLUMNS.join(', ');

// SQL of an upsert into `table` whose primary key is the first `keyCount` of `columns`.
function upsertSql(table: string, columns: readonly string[], keyCount: number): string {
  const keys = columns.slice(0, keyCount).join(', ');
  const updates = columns
    .slice(keyCount)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  const values = columns.map(() => '?').join(', ');
  const insert = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values})`;
  return `${insert} ON CONFLICT (${keys}) DO UPDATE SET ${updates}`;
}

// Opens the store of a launch directory's `.pipe` folder (`dir`), creating and migrating `dir/pipe.db`.
export function openSqliteStore(dir: string, opts: SqliteStoreOptions = {}): SqliteStore {
  const { db, path } = openDatabase(dir);
  const prepare = (sql: string): Stmt => db.prepare<unknown[]>(sql);

  const insertRun = prepare(`INSERT INTO runs (${RUNS}) VALUES (${RUN_COLUMNS.map(() => '?').join(', ')})`);
  const updateRun = prepare('UPDATE runs SET status = ?, finished_at = ? WHERE id = ?');
  const selectRun = prepare(`SELECT ${RUNS} FROM runs WHERE id = ?`).raw();
  // rowid breaks ties between runs started in the same millisecond (SQLite-specific; a serial column in PostgreSQL).
  const selectLatest = prepare(`SELECT ${RUNS} FROM runs ORDER BY started_at DESC, rowid DESC LIMIT 1`).raw();
  const selectRuns = prepare(`SELECT ${RUNS} FROM runs ORDER BY started_at DESC, rowid DESC`).raw();
  const selectLatestOf = prepare(
    `SELECT ${RUNS} FROM runs WHERE workflow = ? ORDER BY started_at DESC, rowid DESC LIMIT 1`,
  ).raw();
  const deleteRows = ['tasks', 'steps'].map((table) => prepare(`DELETE FROM ${table} WHERE run_id = ?`));
  const deleteRunRow = prepare('DELETE FROM runs WHERE id = ?');
  const removeRun = db.transaction((runId: string): boolean => {
    for (const statement of deleteRows) statement.run(runId);
    return deleteRunRow.run(runId).changes > 0;
  });
  const upsertStep = prepare(upsertSql('steps', STEP_COLUMNS, 2));
  const selectSteps = prepare(`SELECT ${STEPS} FROM steps WHERE run_id = ? ORDER BY rowid`).raw();
  const upsertTask = prepare(upsertSql('tasks', TASK_COLUMNS, 3));

  const writeSteps = db.transaction((steps: readonly StepRecord[]) => {
    for (const step of steps) upsertStep.run(...stepParams(step));
  });
  // A reused task is recorded once, as the first attempt of a new run: a plain insert of its few columns.
  const insertCached = prepare(
    `INSERT INTO tasks (${CACHED_TASK_COLUMNS.join(', ')}) VALUES (${CACHED_TASK_COLUMNS.map(() => '?').join(', ')})`,
  );
  // A later change to the same attempt wins. An upsert sets every column, so of several changes to one attempt in a
  // batch (a short task is often queued, started and ended within one) only the last is written: the same rows, a
  // third of the statements. A reused task has one change only, and a resume a million of them: it skips the check.
  const writeTasks = db.transaction((batch: readonly TaskRecord[]) => {
    const last = new Map<string, TaskRecord>();
    for (const task of batch)
      if (task.state !== TaskState.Cached) last.set(`${task.runId}\t${task.taskId}\t${task.attempt}`, task);
    for (const task of batch) {
      if (task.state === TaskState.Cached) insertCached.run(cachedTaskParams(task));
      else if (last.get(`${task.runId}\t${task.taskId}\t${task.attempt}`) === task) upsertTask.run(taskParams(task));
    }
  });
  const journalPath = join(dirname(path), JOURNAL_FILE);
  const journal = openJournal(journalPath);
  const queue = createGroupCommit<TaskRecord>(
    (batch) => {
      try {
        writeTasks.immediate(batch);
      } catch (error) {
        throw toStoreError(error, `write ${batch.length} task changes`, path);
      }
      journal.committed();
    },
    { intervalMs: opts.flushIntervalMs ?? 50, batch: opts.flushBatch ?? 1000 },
  );
  const reader = createTaskReader(db);
  let closed = false;

  // Throws once the store is closed; otherwise commits queued task changes so a read sees them.
  const ready = (): void => {
    if (closed) throw new StoreError(`The store ${path} is closed`);
    queue.flush();
  };
  // Runs a read or a rare write after `ready()`, turning SQLite errors into StoreErrors.
  const use = <T>(what: string, fn: () => T): T =>
    guarded(what, path, () => {
      ready();
      return fn();
    });

  // The run with this id, if any.
  const getRun = (runId: string): RunRecord | undefined => {
    const row = selectRun.get(runId) as unknown[] | undefined;
    return row === undefined ? undefined : runFromRow(row);
  };

  return {
    path,
    createRun(run: RunRecord) {
      use(`record run ${run.id}`, () => insertRun.run(...runParams(run)));
    },
    finishRun(runId: string, status: RunStatus, finishedAt: number) {
      // ready() has committed the run's task changes first, so a finished run never lacks its tasks.
      const { changes } = use(`finish run ${runId}`, () => updateRun.run(status, finishedAt, runId));
      if (changes === 0) throw new StoreError(`Cannot finish run ${runId}: no such run in ${path}`);
    },
    getRun: (runId) => use(`read run ${runId}`, () => getRun(runId)),
    latestRun: (workflow) =>
      use('read the latest run', () => {
        const row = (workflow === undefined ? selectLatest.get() : selectLatestOf.get(workflow)) as
          unknown[] | undefined;
        return row === undefined ? undefined : runFromRow(row);
      }),
    runs: () => use('read the runs', () => (selectRuns.all() as unknown[][]).map(runFromRow)),
    lineage: (runId) =>
      use(`read the lineage of run ${runId}`, () => {
        const runs: RunRecord[] = [];
        const seen = new Set<string>();
        for (let id: string | undefined = runId; id !== undefined && !seen.has(id);) {
          seen.add(id);
          const run = getRun(id);
          if (run === undefined) break;
          runs.push(run);
          id = run.resumedFrom;
        }
        return runs;
      }),
    deleteRun: (runId) => use(`forget run ${runId}`, () => removeRun.immediate(runId)),
    putSteps(steps) {
      use('record steps', () => writeSteps.immediate(steps));
    },
    getSteps: (runId) =>
      use(`read the steps of run ${runId}`, () => (selectSteps.all(runId) as unknown[][]).map(stepFromRow)),
    recordTask(task) {
      if (closed) throw new StoreError(`Cannot record task ${task.taskId}: the store ${path} is closed`);
      // Journaled first: a push that fills the batch commits it, and the commit empties the journal.
      if (task.state === TaskState.Succeeded) journal.append(task);
      queue.push(task);
    },
    flush: () => use('write task changes', () => undefined),
    recover: () =>
      use('recover journaled task changes', () => {
        const records = readJournal(journalPath);
        if (records.length > 0) writeTasks.immediate(records);
        removeJournal(journalPath);
        return records.length;
      }),
    completedKeys: (runIds) => use('read completed tasks', () => reader.completedKeys(runIds)),
    unfinished: (runIds) => use('read unfinished tasks', () => reader.unfinished(runIds)),
    tasks: (query: TaskQuery) => use(`read the tasks of run ${query.runId}`, () => reader.tasks(query)),
    countByState: (runId) => use(`count the tasks of run ${runId}`, () => reader.countByState(runId)),
    stats: () => queue.stats(),
    close() {
      if (closed) return;
      try {
        queue.flush();
        journal.close();
      } finally {
        closed = true;
        db.close();
      }
    },
  };
}
