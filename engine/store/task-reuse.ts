// Tasks a run reused from rows of earlier runs, recorded as row id ranges (the task_reuse table) instead of a row
// each: a resume of a million finished tasks writes a thousand ranges, not a million rows. A ranged task reads as
// the row that would have been written for it (reusedColumns); a write that would touch such a row first turns the
// ranges into rows (materializer).
import type { Database, Statement } from 'better-sqlite3';
import { TaskState } from '../task.js';
import { TASK_COLUMNS } from './rows.js';
import type { ReuseSource } from '../key-table.js';
import { coalesce, type ReuseRange } from '../task-blocks.js';

type Column = (typeof TASK_COLUMNS)[number];

// What a reused task's record holds (engine/task-records.ts reusedRecord), from its source row `s`.
const REUSED: Record<Column, string> = {
  run_id: '',
  task_id: 's.task_id',
  attempt: '1',
  step_id: 's.step_id',
  idx: 's.idx',
  state: `'${TaskState.Cached}'`,
  key: 's.key',
  command: 's.command',
  backend: 'NULL',
  native_id: 'NULL',
  work_dir: 's.work_dir',
  exit_code: 'NULL',
  signal: 'NULL',
  reason: "'reused'",
  submitted_at: 'NULL',
  started_at: 'NULL',
  ended_at: 'NULL',
  err_file: 'NULL',
  tags: 's.tags',
  inputs_digest: 's.inputs_digest',
  occurrence: 's.occurrence',
  cached_from: 'COALESCE(s.cached_from, s.run_id)',
};

// The select list of ranged tasks in TASK_COLUMNS order; `runId`: SQL of the reusing run's id.
export function reusedColumns(runId: string): string {
  return TASK_COLUMNS.map((c) => (c === 'run_id' ? runId : REUSED[c])).join(', ');
}

// The ranges `r` of a run joined to their source rows `s`, one row id range seek each.
export const REUSED_FROM = 'task_reuse r CROSS JOIN tasks s ON s.rowid BETWEEN r.first_row AND r.last_row';

// A ranged task found by its id: the source run's primary key seeked per range, not the ranges' rows scanned.
export const REUSED_BY_ID =
  'task_reuse r CROSS JOIN tasks s ON s.run_id = r.source_run AND s.task_id = ? AND s.rowid BETWEEN r.first_row AND r.last_row';

export interface Materializer {
  // Whether the run has ranges.
  ranged(runId: string): boolean;
  // Turns the ranges of the runs whose ranges point at rows of `runId` into rows.
  dependents(runId: string): void;
  // Turns the run's own ranges into rows (its blocks are dropped).
  own(runId: string): void;
  // Drops the run's own ranges and blocks (the run is being forgotten).
  drop(runId: string): void;
}

export function createMaterializer(db: Database): Materializer {
  const insert = db.prepare<unknown[]>(
    `INSERT INTO tasks (${TASK_COLUMNS.join(', ')}) SELECT ${reusedColumns('r.run_id')} FROM ${REUSED_FROM}
     WHERE r.run_id = ?`,
  );
  const dropRanges = db.prepare<unknown[]>('DELETE FROM task_reuse WHERE run_id = ?');
  // A run's blocks name the rows its ranges name: once those ranges are rows or gone, its blocks go too.
  const dropBlocks = db.prepare<unknown[]>('DELETE FROM task_blocks WHERE run_id = ?');
  const drop = (runId: string): void => {
    dropRanges.run(runId);
    dropBlocks.run(runId);
  };
  const dependents = db.prepare<unknown[]>('SELECT DISTINCT run_id FROM task_reuse WHERE source_run = ?').pluck();
  const ranged = db.prepare<unknown[]>('SELECT 1 FROM task_reuse WHERE run_id = ? LIMIT 1').pluck();
  const own = (runId: string): void => {
    insert.run(runId);
    drop(runId);
  };
  return {
    ranged: (runId) => ranged.get(runId) !== undefined,
    dependents: (runId) => {
      for (const id of dependents.all(runId) as string[]) own(id);
    },
    own,
    drop,
  };
}

// Records a batch's reused tasks as ranges of consecutive row ids of one source run; call in the batch's transaction.
export function createRangeWriter(db: Database): (runId: string, sources: ReuseSource[]) => void {
  const write = createRangeInserter(db);
  // A list's tasks come in the order of its rows, so coalesce()'s sort is usually a check.
  return (runId, sources) => write(runId, coalesce(sources));
}

// Inserts a run's ranges.
export function createRangeInserter(db: Database): (runId: string, ranges: readonly ReuseRange[]) => void {
  const insert: Statement<unknown[]> = db.prepare<unknown[]>(
    'INSERT INTO task_reuse (run_id, source_run, first_row, last_row) VALUES (?, ?, ?, ?)',
  );
  return (runId, ranges) => {
    for (const range of ranges) insert.run(runId, range.run, range.first, range.last);
  };
}
