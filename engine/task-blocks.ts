// Blocks of tasks: a step's tasks by index, BLOCK_TASKS at a time. A run records each block whose tasks all
// succeeded (or were reused as earlier rows) with a digest of what their keys and records hold and the row id ranges
// of their rows; a resume that meets the same block reuses it with one write of those ranges, instead of reading,
// looking up and recording its keys one by one (a million finished tasks are a thousand blocks).
import { keyTail, sha256 } from './cache-key.js';
import { reuseFields, type ReuseSource } from './key-table.js';
import type { TaskSpec } from './task.js';

// Tasks in a block: index i is in block floor(i / BLOCK_TASKS); the last block of a step may hold fewer.
export const BLOCK_TASKS = 1024;

// Consecutive rows of one run, first to last row id.
export interface ReuseRange {
  readonly run: string;
  readonly first: number;
  readonly last: number;
}

export interface TaskBlock {
  readonly stepId: string;
  readonly firstIdx: number;
  readonly count: number;
  readonly digest: string;
  readonly ranges: readonly ReuseRange[]; // the rows of its tasks
}

// What of a task its block's digest covers: what of its cache key's text is its own (keyTail(); the step digest is
// in the block's digest once) and the fields the key does not cover (reuseFields()), so blocks that digest the same
// hold the same tasks in the same order, and a resume matches a block without hashing each task's key. Undefined for
// a task no block can hold.
export function blockEntry(spec: TaskSpec): string | undefined {
  const tags = spec.tags === undefined ? undefined : JSON.stringify(spec.tags);
  const fields = reuseFields(spec.id, spec.stepId, spec.index, spec.occurrence, tags, undefined);
  return fields === undefined ? undefined : `${keyTail(spec)}\x1e${fields}`;
}

// The digest of a block: its step's digest and its entries in index order (each length-prefixed: no entry can pass
// for two).
export function blockDigest(stepDigest: string, entries: readonly string[]): string {
  const parts = [stepDigest];
  for (const entry of entries) parts.push(`${entry.length}:${entry}`);
  return sha256(parts.join('\n'));
}

// Rows as ranges of consecutive row ids of one run, in row id order (row ids are unique across runs).
export function coalesce(sources: ReuseSource[]): ReuseRange[] {
  if (!ascending(sources)) sources.sort((a, b) => a.row - b.row);
  const ranges: ReuseRange[] = [];
  let first = sources[0];
  let last = first;
  for (let i = 1; i <= sources.length; i++) {
    const next = sources[i];
    if (next !== undefined && last !== undefined && next.run === last.run && next.row - last.row <= 1) {
      last = next;
      continue;
    }
    if (first !== undefined && last !== undefined) ranges.push({ run: first.run, first: first.row, last: last.row });
    first = next;
    last = next;
  }
  return ranges;
}

function ascending(sources: readonly ReuseSource[]): boolean {
  for (let i = 1; i < sources.length; i++)
    if ((sources[i - 1] as ReuseSource).row > (sources[i] as ReuseSource).row) return false;
  return true;
}

// The blocks a resume may reuse (those of the run it resumes), by step and first index.
export class BlockBook {
  private readonly byStep = new Map<string, Map<number, TaskBlock>>();

  constructor(blocks: readonly TaskBlock[] = []) {
    for (const block of blocks) {
      let step = this.byStep.get(block.stepId);
      if (step === undefined) this.byStep.set(block.stepId, (step = new Map()));
      step.set(block.firstIdx, block);
    }
  }

  // The block recorded at this index of the step.
  at(stepId: string, firstIdx: number): TaskBlock | undefined {
    return this.byStep.get(stepId)?.get(firstIdx);
  }

  get empty(): boolean {
    return this.byStep.size === 0;
  }
}
