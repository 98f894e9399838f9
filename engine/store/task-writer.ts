// Writes of the tasks table: one transaction per batch of task changes.
import type { Database, Statement } from 'better-sqlite3';
import { TaskState } from '../task.js';
import { CACHED_TASK_COLUMNS, TASK_COLUMNS, cachedTaskParams, taskParams } from './rows.js';
import { upsertSql } from './run-tables.js';
import { RESOURCE_COLUMNS, resourceParams } from './resource-rows.js';
import type { TaskRecord } from './store.js';

type Stmt = Statement<unknown[]>;

// Writes a batch of task changes in one immediate transaction.
export type TaskWriter = (batch: readonly TaskRecord[]) => void;

export function createTaskWriter(db: Database): TaskWriter {
  const prepare = (sql: string): Stmt => db.prepare<unknown[]>(sql);
  const upsertTask = prepare(upsertSql('tasks', TASK_COLUMNS, 3));
  const upsertResources = prepare(upsertSql('task_resources', RESOURCE_COLUMNS, 3));
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
      if (task.resources !== undefined) upsertResources.run(resourceParams(task));
    }
  });
  return (batch) => writeTasks.immediate(batch);
}
