// Reads and writes of the runs and steps tables: a run inserted, finished, found (by id, latest, of a workflow,
// through its resume lineage) or forgotten with its steps and tasks; a run's steps upserted and listed.
import type { Database, Statement } from 'better-sqlite3';
import { RUN_COLUMNS, STEP_COLUMNS, runFromRow, runParams, stepFromRow, stepParams } from './rows.js';
import type { RunRecord, RunStatus, StepRecord } from './store.js';
import { createMaterializer } from './task-reuse.js';

type Stmt = Statement<unknown[]>;

const RUNS = RUN_COLUMNS.join(', ');
const STEPS = STEP_COLUMNS.join(', ');

export interface RunTables {
  insert(run: RunRecord): void;
  // Sets a run's status and end; false when there is no such run.
  finish(runId: string, status: RunStatus, finishedAt: number): boolean;
  get(runId: string): RunRecord | undefined;
  latest(workflow: string | undefined): RunRecord | undefined;
  all(): RunRecord[];
  // The run and the runs it resumed from, newest first.
  lineage(runId: string): RunRecord[];
  // Deletes the run with its steps and tasks (keeping what later runs reused of it); false when there is no such run.
  remove(runId: string): boolean;
  putSteps(steps: readonly StepRecord[]): void;
  steps(runId: string): StepRecord[];
}

// SQL of an upsert into `table` whose primary key is the first `keyCount` of `columns`.
export function upsertSql(table: string, columns: readonly string[], keyCount: number, rows = 1): string {
  const keys = columns.slice(0, keyCount).join(', ');
  const updates = columns
    .slice(keyCount)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  const values = Array<string>(rows)
    .fill(`(${columns.map(() => '?').join(', ')})`)
    .join(', ');
  const insert = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`;
  return `${insert} ON CONFLICT (${keys}) DO UPDATE SET ${updates}`;
}

// Prepares the statements once, on a migrated database; writes run in immediate transactions.
export function createRunTables(db: Database): RunTables {
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
  const deleteRows = ['tasks', 'task_resources', 'steps'].map((table) =>
    prepare(`DELETE FROM ${table} WHERE run_id = ?`),
  );
  const deleteRunRow = prepare('DELETE FROM runs WHERE id = ?');
  const reuse = createMaterializer(db);
  const removeRun = db.transaction((runId: string): boolean => {
    // Later runs that reused rows of this one by row id get those tasks as rows of their own first.
    reuse.dependents(runId);
    reuse.drop(runId);
    for (const statement of deleteRows) statement.run(runId);
    return deleteRunRow.run(runId).changes > 0;
  });
  const upsertStep = prepare(upsertSql('steps', STEP_COLUMNS, 2));
  const selectSteps = prepare(`SELECT ${STEPS} FROM steps WHERE run_id = ? ORDER BY rowid`).raw();
  const writeSteps = db.transaction((steps: readonly StepRecord[]) => {
    for (const step of steps) upsertStep.run(...stepParams(step));
  });
  const runOf = (row: unknown): RunRecord | undefined => (row === undefined ? undefined : runFromRow(row as unknown[]));
  const get = (runId: string): RunRecord | undefined => runOf(selectRun.get(runId));

  return {
    insert: (run) => void insertRun.run(...runParams(run)),
    finish: (runId, status, finishedAt) => updateRun.run(status, finishedAt, runId).changes > 0,
    get,
    latest: (workflow) => runOf(workflow === undefined ? selectLatest.get() : selectLatestOf.get(workflow)),
    all: () => (selectRuns.all() as unknown[][]).map(runFromRow),
    lineage(runId) {
      const runs: RunRecord[] = [];
      const seen = new Set<string>();
      for (let id: string | undefined = runId; id !== undefined && !seen.has(id);) {
        seen.add(id);
        const run = get(id);
        if (run === undefined) break;
        runs.push(run);
        id = run.resumedFrom;
      }
      return runs;
    },
    remove: (runId) => removeRun.immediate(runId),
    putSteps: (steps) => writeSteps.immediate(steps),
    steps: (runId) => (selectSteps.all(runId) as unknown[][]).map(stepFromRow),
  };
}
