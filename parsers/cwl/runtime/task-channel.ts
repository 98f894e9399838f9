// A queue of tasks from the CWL runtime to one graph step's blocking source: the runtime pushes tasks as their
// inputs become known, the engine pulls them; ending or failing the queue ends the step's stream.
import type { TaskSpec } from '../../../engine/task.js';

export interface TaskChannel {
  push(spec: TaskSpec): void;
  end(): void;
  fail(error: unknown): void;
  // The stream the graph step's source yields.
  stream(): AsyncIterable<TaskSpec>;
}

// Creates an empty, open channel.
export function createTaskChannel(onFirstPull: () => void): TaskChannel {
  const queue: TaskSpec[] = [];
  let ended = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  return {
    push(spec) {
      queue.push(spec);
      notify();
    },
    end() {
      ended = true;
      notify();
    },
    fail(error) {
      failure ??= { error };
      notify();
    },
    async *stream() {
      onFirstPull();
      for (;;) {
        const next = queue.shift();
        if (next !== undefined) {
          yield next;
          continue;
        }
        if (failure !== undefined) throw failure.error;
        if (ended) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}
