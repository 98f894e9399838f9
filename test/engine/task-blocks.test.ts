import { describe, expect, it } from 'vitest';
import { createBlockRecorder } from '../../engine/block-recorder.js';
import type { Store, TaskRecord } from '../../engine/store/store.js';
import { BLOCK_TASKS, BlockBook, blockDigest, blockEntry, coalesce, type TaskBlock } from '../../engine/task-blocks.js';
import { TaskState, type TaskSpec } from '../../engine/task.js';

const spec = (index: number, command = 'true', tags?: Record<string, string>): TaskSpec =>
  ({ id: String(index + 1), stepId: 's', index, occurrence: index, command, light: true, tags }) as TaskSpec;

const record = (idx: number, rowId?: number): TaskRecord => ({
  runId: 'r2',
  taskId: String(idx + 1),
  stepId: 's',
  idx,
  attempt: 1,
  state: TaskState.Succeeded,
  key: 'k',
  command: 'true',
  occurrence: idx,
  rowId,
});

// A store that keeps the blocks recorded, nothing else.
function blockStore(): { store: Store; recorded: TaskBlock[] } {
  const recorded: TaskBlock[] = [];
  const store = { recordBlocks: (_run: string, blocks: readonly TaskBlock[]) => recorded.push(...blocks) };
  return { store: store as unknown as Store, recorded };
}

describe('block entries and digests', () => {
  it('tell apart tasks that differ in command, occurrence, index or tags, and steps that differ', () => {
    const entries = (specs: TaskSpec[]): string[] => specs.map((s) => blockEntry(s) as string);
    const base = blockDigest('d', entries([spec(0), spec(1)]));
    expect(blockDigest('d', entries([spec(0), spec(1)]))).toBe(base);
    expect(blockDigest('e', entries([spec(0), spec(1)]))).not.toBe(base);
    expect(blockDigest('d', entries([spec(0), spec(1, 'false')]))).not.toBe(base);
    expect(blockDigest('d', entries([spec(0), spec(1, 'true', { a: 'b' })]))).not.toBe(base);
    expect(blockDigest('d', entries([spec(0), { ...spec(1), occurrence: 7 }]))).not.toBe(base);
    expect(blockDigest('d', entries([spec(0), { ...spec(1), index: 2 }]))).not.toBe(base);
    expect(blockDigest('d', entries([spec(0)]))).not.toBe(base);
    // Entries are length-prefixed: two entries never digest as one.
    expect(blockDigest('d', ['ab', 'c'])).not.toBe(blockDigest('d', ['a', 'bc']));
  });

  it('coalesces rows into ranges of consecutive row ids of one run, in row id order', () => {
    const rows = [3, 1, 2, 5, 6, 9].map((row) => ({ run: row === 9 ? 'b' : 'a', row }));
    expect(coalesce(rows)).toEqual([
      { run: 'a', first: 1, last: 3 },
      { run: 'a', first: 5, last: 6 },
      { run: 'b', first: 9, last: 9 },
    ]);
    expect(
      coalesce([
        { run: 'a', row: 1 },
        { run: 'b', row: 2 },
      ]),
    ).toHaveLength(2);
  });

  it('book blocks by step and first index', () => {
    const block: TaskBlock = { stepId: 's', firstIdx: 1024, count: 3, digest: 'x', ranges: [] };
    const book = new BlockBook([block]);
    expect(book.at('s', 1024)).toBe(block);
    expect(book.at('s', 0)).toBeUndefined();
    expect(book.at('t', 1024)).toBeUndefined();
    expect(new BlockBook().empty).toBe(true);
  });
});

describe('the block recorder', () => {
  it('records a whole block once every row is written, and the short last block once the step ends', () => {
    const { store, recorded } = blockStore();
    const recorder = createBlockRecorder(store, 'r2');
    const records: TaskRecord[] = [];
    for (let idx = BLOCK_TASKS + 9; idx >= 0; idx--) {
      const r = record(idx);
      records[idx] = r;
      recorder.succeeded(r, blockEntry(spec(idx)), 'd');
    }
    expect(recorded).toEqual([]); // no row ids yet
    for (const r of records) r.rowId = 100 + r.idx;
    recorder.settle(() => undefined); // the step goes on: only the whole block
    expect(recorded.map((b) => [b.firstIdx, b.count])).toEqual([[0, BLOCK_TASKS]]);
    expect(recorded[0]?.ranges).toEqual([{ run: 'r2', first: 100, last: 100 + BLOCK_TASKS - 1 }]);
    expect(recorded[0]?.digest).toBe(
      blockDigest(
        'd',
        Array.from({ length: BLOCK_TASKS }, (_, i) => blockEntry(spec(i)) as string),
      ),
    );
    recorder.settle(() => BLOCK_TASKS + 10);
    expect(recorded.map((b) => [b.firstIdx, b.count])).toEqual([
      [0, BLOCK_TASKS],
      [BLOCK_TASKS, 10],
    ]);
  });

  it('names the earlier rows of reused tasks, and records no block with a failed task or one no block can hold', () => {
    const { store, recorded } = blockStore();
    const recorder = createBlockRecorder(store, 'r2');
    for (let idx = 0; idx < 4 * BLOCK_TASKS; idx++) {
      const reusedRow = { run: 'r1', row: 7 + idx };
      const r: TaskRecord = { ...record(idx), state: TaskState.Cached, reusedRow };
      if (idx === 5)
        recorder.spoiled('s', idx); // failed
      else if (idx === BLOCK_TASKS + 5)
        recorder.succeeded(r, undefined, 'd'); // a work-dir task
      else if (idx === 2 * BLOCK_TASKS + 5)
        recorder.succeeded({ ...r, reusedRow: undefined }, blockEntry(spec(idx)), 'd');
      else recorder.succeeded(r, blockEntry(spec(idx)), 'd');
    }
    recorder.settle(() => 4 * BLOCK_TASKS);
    expect(recorded.map((b) => [b.firstIdx, b.count, b.ranges])).toEqual([
      [3 * BLOCK_TASKS, BLOCK_TASKS, [{ run: 'r1', first: 7 + 3 * BLOCK_TASKS, last: 6 + 4 * BLOCK_TASKS }]],
    ]);
  });
});
