// Reuse by blocks (engine/task-blocks.ts): on a resume, the tasks of a step that start a block the run it resumes
// finished are pulled with the rest of that block; when they digest the same, the block is reused at once (one write
// of its row ranges; the tasks are still announced and counted one by one). Otherwise they go on to be reused or run
// one by one, as any other task. The dispatcher drains what this holds before the scheduler can find the run idle:
// it pulls until it has a task it cannot start for want of slots, or until nothing is left here or in the steps.
import type { Completion } from './completion.js';
import type { SchedulerContext } from './scheduler-state.js';
import type { StepRun } from './step-tracker.js';
import { blockDigest, blockEntry, type BlockBook, type TaskBlock } from './task-blocks.js';
import { TaskState, type TaskSpec } from './task.js';

export interface Pulled {
  readonly spec: TaskSpec;
  readonly step: StepRun;
}

export interface BlockPuller {
  // The next task for the per-task path, after reusing the whole blocks that come before it.
  pull(): Promise<Pulled | undefined>;
}

// A task a block can hold: no work dir to check and no runtime to ask.
const blockable = ({ spec }: Pulled): boolean => spec.light && spec.hooks?.finish === undefined;

// Pulls the tasks of the step tracker, reusing the blocks of `book` whole.
export function createBlockPuller(ctx: SchedulerContext, completion: Completion, book: BlockBook): BlockPuller {
  const { opts, steps, log } = ctx;
  let queue: Pulled[] = []; // pulled, for the per-task path
  let head = 0;

  // Whether the first tasks of `pulled` are the block.
  const matches = (block: TaskBlock, pulled: readonly Pulled[]): boolean => {
    if (pulled.length < block.count) return false;
    const entries: string[] = [];
    for (let i = 0; i < block.count; i++) {
      const entry = blockEntry((pulled[i] as Pulled).spec);
      if (entry === undefined) return false;
      entries.push(entry);
    }
    return blockDigest((pulled[0] as Pulled).step.digest, entries) === block.digest;
  };

  // Pulls the tasks after `first` that can be in its block: the same step, the next indexes, up to `size`.
  const gather = async (first: Pulled, size: number): Promise<Pulled[]> => {
    const pulled = [first];
    while (pulled.length < size) {
      const next = await steps.pull();
      if (next === undefined) break;
      if (next.step !== first.step || next.spec.index !== first.spec.index + pulled.length || !blockable(next)) {
        queue.push(next);
        break;
      }
      pulled.push(next);
    }
    return pulled;
  };

  const reuse = (block: TaskBlock, tasks: readonly Pulled[]): void => {
    opts.store.reuseBlock(opts.runId, block);
    for (const { spec, step } of tasks) {
      log.reusedInBlock(spec);
      completion.finishAttempt(spec, step, 1, TaskState.Cached);
    }
  };

  return {
    async pull() {
      for (;;) {
        if (head < queue.length) {
          const next = queue[head++] as Pulled;
          if (head === queue.length) {
            queue = [];
            head = 0;
          }
          return next;
        }
        const first = await steps.pull();
        if (first === undefined) return undefined;
        const block = blockable(first) ? book.at(first.spec.stepId, first.spec.index) : undefined;
        if (block === undefined) return first;
        const pulled = await gather(first, block.count);
        const reused = matches(block, pulled);
        // What was pulled beyond the block (or the whole of it, when it is not the block) goes first, in order.
        queue = [...pulled.slice(reused ? block.count : 0), ...queue.slice(head)];
        head = 0;
        if (reused) reuse(block, pulled.slice(0, block.count));
      }
    },
  };
}
