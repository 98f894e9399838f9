// Writes of the tasks table: one transaction per batch of task changes.
import type { Database, Statement } from 'better-sqlite3';
import { TaskState } from '../task.js';
import { CACHED_TASK_COLUMNS, TASK_COLUMNS, cachedTaskParams, putCachedTaskParams, taskParams } from './rows.js';
import { upsertSql } from './run-tables.js';
import { RESOURCE_COLUMNS, putResourceParams, replaceResourcesSql, resourceParams } from './resource-rows.js';
import type { TaskRecord } from './store.js';
import { createRangeWriter } from './task-reuse.js';
import type { ReuseSource } from '../key-table.js';

type Stmt = Statement<unknown[]>;

// Writes a batch of task changes in one immediate transaction.
export type TaskWriter = (batch: readonly TaskRecord[]) => void;

// Reused tasks written by one INSERT of this many rows: a resume's million rows in a fiftieth of the statements.
const CACHED_ROWS_PER_INSERT = 50;
// Measured tasks' figures written by one upsert of this many rows (a monitored run's one row a task).
const RESOURCE_ROWS_PER_STATEMENT = 50;

export function createTaskWriter(db: Database): TaskWriter {
  const prepare = (sql: string): Stmt => db.prepare<unknown[]>(sql);
  const upsertTask = prepare(upsertSql('tasks', TASK_COLUMNS, 3));
  // A success's row id is kept on its record: the blocks of the run name their tasks' rows (engine/task-blocks.ts).
  const upsertSuccess = prepare(`${upsertSql('tasks', TASK_COLUMNS, 3)} RETURNING rowid`).pluck();
  const replaceResources = prepare(replaceResourcesSql(1));
  const replaceResourcesMany = prepare(replaceResourcesSql(RESOURCE_ROWS_PER_STATEMENT));
  const resourceParamsMany = new Array<unknown>(RESOURCE_ROWS_PER_STATEMENT * RESOURCE_COLUMNS.length);
  // Writes the figures of a batch's measured tasks, whole groups by the many-row statement and the rest one by one
  // (SQLite applies a statement's rows in order: of two for one attempt, the later wins, as with one statement each).
  const writeResources = (tasks: readonly TaskRecord[]): void => {
    let i = 0;
    for (; i + RESOURCE_ROWS_PER_STATEMENT <= tasks.length; i += RESOURCE_ROWS_PER_STATEMENT) {
      for (let j = 0; j < RESOURCE_ROWS_PER_STATEMENT; j++)
        putResourceParams(tasks[i + j] as TaskRecord, resourceParamsMany, j * RESOURCE_COLUMNS.length);
      replaceResourcesMany.run(resourceParamsMany);
    }
    for (; i < tasks.length; i++) replaceResources.run(resourceParams(tasks[i] as TaskRecord));
  };
  const writeRanges = createRangeWriter(db);
  // A reused task is recorded once, as the first attempt of a new run: a plain insert of its few columns.
  const row = `(${CACHED_TASK_COLUMNS.map(() => '?').join(', ')})`;
  const insertSql = `INSERT INTO tasks (${CACHED_TASK_COLUMNS.join(', ')}) VALUES `;
  const insertCached = prepare(insertSql + row);
  const insertCachedMany = prepare(insertSql + Array<string>(CACHED_ROWS_PER_INSERT).fill(row).join(', '));
  // The many-row insert's parameters, one array filled again for each group (bound by `run`, never kept).
  const width = CACHED_TASK_COLUMNS.length;
  const manyParams = new Array<unknown>(CACHED_ROWS_PER_INSERT * width);
  // Writes reused tasks in order, whole groups by the many-row insert and the rest one by one.
  const writeCached = (tasks: readonly TaskRecord[]): void => {
    let i = 0;
    for (; i + CACHED_ROWS_PER_INSERT <= tasks.length; i += CACHED_ROWS_PER_INSERT) {
      for (let j = 0; j < CACHED_ROWS_PER_INSERT; j++)
        putCachedTaskParams(tasks[i + j] as TaskRecord, manyParams, j * width);
      insertCachedMany.run(manyParams);
    }
    for (; i < tasks.length; i++) insertCached.run(cachedTaskParams(tasks[i] as TaskRecord));
  };
  // A later change to the same attempt wins. An upsert sets every column, so of several changes to one attempt in a
  // batch (a short task is often queued, started and ended within one) only the last is written: the same rows, a
  // third of the statements. A reused task has one change only, and a resume a million of them: it skips the check.
  // Reused tasks are gathered and written before the next other change, so the order of writes is the batch's.
  // Returns the row ids of the successes it wrote, in order; they are set on the records once the batch is committed.
  const writeTasks = db.transaction((batch: readonly TaskRecord[], successes: TaskRecord[]): number[] => {
    const rowIds: number[] = [];
    const last = new Map<string, TaskRecord>();
    for (const task of batch)
      if (task.state !== TaskState.Cached) last.set(`${task.runId}\t${task.taskId}\t${task.attempt}`, task);
    let cached: TaskRecord[] = [];
    const measured: TaskRecord[] = [];
    // Reused tasks the same as an earlier row, by run: written as ranges of row ids.
    const ranged = new Map<string, ReuseSource[]>();
    for (const task of batch) {
      if (task.state === TaskState.Cached && task.reusedRow !== undefined && task.resources === undefined) {
        const sources = ranged.get(task.runId);
        if (sources === undefined) ranged.set(task.runId, [task.reusedRow]);
        else sources.push(task.reusedRow);
        continue;
      }
      if (task.state === TaskState.Cached && task.resources === undefined) {
        cached.push(task);
        continue;
      }
      if (cached.length > 0) writeCached(cached);
      cached = [];
      if (task.state === TaskState.Cached) insertCached.run(cachedTaskParams(task));
      else if (last.get(`${task.runId}\t${task.taskId}\t${task.attempt}`) === task) {
        if (task.state === TaskState.Succeeded) {
          successes.push(task);
          rowIds.push(upsertSuccess.get(taskParams(task)) as number);
        } else upsertTask.run(taskParams(task));
      }
      if (task.resources !== undefined) measured.push(task);
    }
    if (cached.length > 0) writeCached(cached);
    writeResources(measured);
    for (const [runId, sources] of ranged) writeRanges(runId, sources);
    return rowIds;
  });
  return (batch) => {
    const successes: TaskRecord[] = [];
    const rowIds = writeTasks.immediate(batch, successes);
    for (let i = 0; i < successes.length; i++) (successes[i] as TaskRecord).rowId = rowIds[i];
  };
}
