// The task_blocks table: blocks of tasks a run finished (engine/task-blocks.ts), and the reuse of one by a later run.
import type { Database } from 'better-sqlite3';
import type { ReuseRange, TaskBlock } from '../task-blocks.js';
import { createRangeInserter } from './task-reuse.js';

export interface BlockRows {
  // Records blocks of a run.
  record(runId: string, blocks: readonly TaskBlock[]): void;
  // Records that a run reused a block: its ranges, and the block as one of the run's.
  reuse(runId: string, block: TaskBlock): void;
  // The blocks of these runs, in their order (newest run first).
  read(runIds: readonly string[]): TaskBlock[];
}

export function createBlockRows(db: Database): BlockRows {
  const insert = db.prepare<unknown[]>(
    'INSERT OR REPLACE INTO task_blocks (run_id, step_id, first_idx, count, digest, ranges) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const select = db
    .prepare<unknown[]>('SELECT step_id, first_idx, count, digest, ranges FROM task_blocks WHERE run_id = ?')
    .raw();
  const insertRanges = createRangeInserter(db);
  const put = (runId: string, block: TaskBlock): void => {
    const ranges = JSON.stringify(block.ranges.map((r) => [r.run, r.first, r.last]));
    insert.run(runId, block.stepId, block.firstIdx, block.count, block.digest, ranges);
  };
  const record = db.transaction((runId: string, blocks: readonly TaskBlock[]) => {
    for (const block of blocks) put(runId, block);
  });
  const reuse = db.transaction((runId: string, block: TaskBlock) => {
    insertRanges(runId, block.ranges);
    put(runId, block);
  });
  return {
    record: (runId, blocks) => record.immediate(runId, blocks),
    reuse: (runId, block) => reuse.immediate(runId, block),
    read: (runIds) =>
      runIds.flatMap((runId) =>
        (select.all(runId) as [string, number, number, string, string][]).map(
          ([stepId, firstIdx, count, digest, ranges]): TaskBlock => ({
            stepId,
            firstIdx,
            count,
            digest,
            ranges: (JSON.parse(ranges) as [string, number, number][]).map(([run, first, last]): ReuseRange => ({
              run,
              first,
              last,
            })),
          }),
        ),
      ),
  };
}
