// The SQLite store: runs and steps written at once (run-tables.ts), task changes group-committed (task-writer.ts),
// reads after a flush (task-reader.ts).
import { dirname, join } from 'node:path';
import { StoreError } from '../errors.js';
import { openJournal, readJournal, removeJournal } from './completion-journal.js';
import { createGroupCommit } from './group-commit.js';
import type { GroupCommitStats } from './group-commit.js';
import { openDatabase } from './open-database.js';
import { createRunTables } from './run-tables.js';
import { TaskState } from '../task.js';
import { guarded, toStoreError } from './sqlite-errors.js';
import type { RunRecord, RunStatus, Store, TaskQuery, TaskRecord } from './store.js';
import { createTaskReader } from './task-reader.js';
import { createTaskWriter } from './task-writer.js';
import { createResourceReader } from './resource-rows.js';
import { createBlockRows } from './block-rows.js';

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

// Opens the store of a launch directory's `.pipe` folder (`dir`), creating and migrating `dir/pipe.db`.
export function openSqliteStore(dir: string, opts: SqliteStoreOptions = {}): SqliteStore {
  const { db, path } = openDatabase(dir);
  const runs = createRunTables(db);
  const writeTasks = createTaskWriter(db);
  const resources = createResourceReader(db);
  const journalPath = join(dirname(path), JOURNAL_FILE);
  const journal = openJournal(journalPath);
  const queue = createGroupCommit<TaskRecord>(
    (batch) => {
      try {
        writeTasks(batch);
      } catch (error) {
        throw toStoreError(error, `write ${batch.length} task changes`, path);
      }
      journal.committed();
    },
    { intervalMs: opts.flushIntervalMs ?? 50, batch: opts.flushBatch ?? 1000 },
  );
  const reader = createTaskReader(db);
  const blocks = createBlockRows(db);
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

  return {
    path,
    createRun(run: RunRecord) {
      use(`record run ${run.id}`, () => runs.insert(run));
    },
    finishRun(runId: string, status: RunStatus, finishedAt: number) {
      // ready() has committed the run's task changes first, so a finished run never lacks its tasks.
      const found = use(`finish run ${runId}`, () => runs.finish(runId, status, finishedAt));
      if (!found) throw new StoreError(`Cannot finish run ${runId}: no such run in ${path}`);
    },
    getRun: (runId) => use(`read run ${runId}`, () => runs.get(runId)),
    latestRun: (workflow) => use('read the latest run', () => runs.latest(workflow)),
    runs: () => use('read the runs', () => runs.all()),
    lineage: (runId) => use(`read the lineage of run ${runId}`, () => runs.lineage(runId)),
    deleteRun: (runId) => use(`forget run ${runId}`, () => runs.remove(runId)),
    putSteps(steps) {
      use('record steps', () => runs.putSteps(steps));
    },
    getSteps: (runId) => use(`read the steps of run ${runId}`, () => runs.steps(runId)),
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
        if (records.length > 0) writeTasks(records);
        removeJournal(journalPath);
        return records.length;
      }),
    completedKeys: (runIds) => use('read completed tasks', () => reader.completedKeys(runIds)),
    recordBlocks: (runId, done) => use(`record blocks of run ${runId}`, () => blocks.record(runId, done)),
    reuseBlock: (runId, block) => use(`record reused tasks of run ${runId}`, () => blocks.reuse(runId, block)),
    blocks: (runIds) => use('read blocks of finished tasks', () => blocks.read(runIds)),
    unfinished: (runIds) => use('read unfinished tasks', () => reader.unfinished(runIds)),
    tasks: (query: TaskQuery) => use(`read the tasks of run ${query.runId}`, () => reader.tasks(query)),
    countByState: (runId) => use(`count the tasks of run ${runId}`, () => reader.countByState(runId)),
    resources: (runId) => use(`read the resources of run ${runId}`, () => resources.read(runId)),
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
