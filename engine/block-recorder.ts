// Records the blocks of a run (engine/task-blocks.ts): gathers the successes of each block of a step's tasks, and
// once a block is whole and its rows are written, stores its digest and row id ranges. A block with a task that
// failed for good, or was reused as a row of its own, is dropped: its tasks stay reusable one by one.
import type { ReuseSource } from './key-table.js';
import type { Store, TaskRecord } from './store/store.js';
import { TaskState } from './task.js';
import { BLOCK_TASKS, blockDigest, coalesce, type TaskBlock } from './task-blocks.js';

export interface BlockRecorder {
  // A task's success in this run: its record as written, or reused as the earlier row it names; its blockEntry()
  // (undefined: no block can hold it), and its step's digest.
  succeeded(record: TaskRecord, entry: string | undefined, stepDigest: string): void;
  // A task of the step ended for good other than by success.
  spoiled(stepId: string, idx: number): void;
  // Stores the whole blocks whose rows are written; `totals` gives the tasks of each step that will produce no more
  // (its last block may be short). Call after the store's flush to settle every whole block.
  settle(totals?: (stepId: string) => number | undefined): void;
}

// Blocks stored in one transaction while the run goes on.
const BLOCKS_PER_WRITE = 64;

interface OpenBlock {
  readonly stepId: string;
  readonly firstIdx: number;
  readonly stepDigest: string;
  readonly records: (TaskRecord | undefined)[];
  readonly entries: string[];
  count: number;
}

// The row a record names, once the store has written it.
function rowOf(record: TaskRecord): ReuseSource | undefined {
  if (record.reusedRow !== undefined) return record.reusedRow;
  return record.rowId === undefined ? undefined : { run: record.runId, row: record.rowId };
}

export function createBlockRecorder(store: Store, runId: string): BlockRecorder {
  const open = new Map<string, OpenBlock>(); // by step id and block number
  const spoiled = new Set<string>(); // blocks with a task that did not succeed: never recorded
  const whole: OpenBlock[] = []; // every task succeeded; waiting for rows
  let ready: TaskBlock[] = []; // to be stored, a batch at a time
  const keyOf = (stepId: string, idx: number): string => `${Math.floor(idx / BLOCK_TASKS)}\t${stepId}`;

  // The block, when every task's row is written (undefined until then); false when one task can be in no block.
  const blockOf = (block: OpenBlock): TaskBlock | false | undefined => {
    const sources: ReuseSource[] = [];
    for (let i = 0; i < block.count; i++) {
      const record = block.records[i];
      if (record === undefined) return false; // the step's indexes are not 0, 1, 2, …
      const row = rowOf(record);
      if (row === undefined) return undefined;
      sources.push(row);
    }
    const { stepId, firstIdx, count, entries, stepDigest } = block;
    return { stepId, firstIdx, count, digest: blockDigest(stepDigest, entries), ranges: coalesce(sources) };
  };

  // Turns whole blocks whose rows are written into blocks to store, and stores them a batch at a time (`all`: now).
  const settleWhole = (all: boolean): void => {
    for (let i = 0; i < whole.length;) {
      const block = blockOf(whole[i] as OpenBlock);
      if (block === undefined) {
        i++;
        continue;
      }
      if (block !== false) ready.push(block);
      whole.splice(i, 1);
    }
    if (ready.length >= (all ? 1 : BLOCKS_PER_WRITE)) {
      store.recordBlocks(runId, ready);
      ready = [];
    }
  };

  // Lets go of a block's successes and keeps later ones out.
  const spoil = (key: string): void => {
    open.delete(key);
    spoiled.add(key);
  };

  return {
    succeeded(record, entry, stepDigest) {
      const { stepId, idx } = record;
      const key = keyOf(stepId, idx);
      if (entry === undefined || (record.reusedRow === undefined && record.state !== TaskState.Succeeded)) {
        spoil(key);
        return;
      }
      if (spoiled.has(key)) return;
      let block = open.get(key);
      if (block === undefined) {
        const firstIdx = idx - (idx % BLOCK_TASKS);
        open.set(key, (block = { stepId, firstIdx, stepDigest, records: [], entries: [], count: 0 }));
      }
      if (block.records[idx - block.firstIdx] !== undefined) return; // seen
      block.records[idx - block.firstIdx] = record;
      block.entries[idx - block.firstIdx] = entry;
      block.count += 1;
      if (block.count < BLOCK_TASKS) return;
      open.delete(key);
      whole.push(block);
      settleWhole(false);
    },
    spoiled: (stepId, idx) => spoil(keyOf(stepId, idx)),
    settle(totals) {
      // The last block of a finished step is whole with fewer tasks.
      for (const [key, block] of open) {
        const total = totals?.(block.stepId);
        if (total === undefined || block.count !== total - block.firstIdx) continue;
        open.delete(key);
        whole.push(block);
      }
      settleWhole(true);
    },
  };
}
