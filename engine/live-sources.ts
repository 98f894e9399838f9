// The blocking (downstream) sources of a run's open steps: each waits on results of upstream tasks, so the tracker
// never awaits them. Each has at most one next() outstanding; `onReady` says when one has a task (or its end) ready.
import type { StepRun } from './step-tracker.js';
import type { TaskSpec } from './task.js';

export interface LiveSources {
  add(step: StepRun): void;
  readonly count: number;
  // Takes a task a blocking source has ready, starting its next() where none is outstanding; never waits. A source
  // that ended is dropped and handed to `ended`; one that failed throws its error here.
  pull(): { spec: TaskSpec; step: StepRun } | undefined;
  // Asks each source to end, without waiting (it may be waiting on results that will never come).
  close(warn: (message: string) => void): void;
}

export function createLiveSources(
  signal: AbortSignal,
  onReady: () => void,
  ended: (step: StepRun) => void,
): LiveSources {
  const live: StepRun[] = [];
  // Starts the step's next(), recording its result (or failure) when it arrives.
  const request = (step: StepRun): void => {
    step.iterator ??= step.attrs.source.tasks(signal)[Symbol.asyncIterator]();
    step.waiting = step.iterator.next().then(
      (result) => {
        step.arrived = result;
        onReady();
      },
      (error: unknown) => {
        step.error = error;
        step.arrived = { done: true, value: undefined };
        onReady();
      },
    );
  };
  return {
    add: (step) => void live.push(step),
    get count() {
      return live.length;
    },
    pull() {
      for (let i = 0; i < live.length; i += 1) {
        const step = live[i] as StepRun;
        if (step.arrived === undefined) {
          if (step.waiting === undefined) request(step);
          continue;
        }
        if (step.error !== undefined) throw step.error; // as a non-blocking source's error would be
        const result = step.arrived;
        step.arrived = undefined;
        step.waiting = undefined;
        if (result.done === true) {
          live.splice(i, 1);
          i -= 1;
          ended(step);
          continue;
        }
        step.pending += 1;
        step.produced += 1;
        return { spec: result.value, step };
      }
      return undefined;
    },
    close(warn) {
      for (const step of live)
        void step.iterator
          ?.return?.()
          .catch((error: unknown) =>
            warn(`step ${step.id} did not end cleanly: ${error instanceof Error ? error.message : String(error)}`),
          );
    },
  };
}
