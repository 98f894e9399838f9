// Tracks steps through a run: which are open, streaming their tasks, and which wait for or were blocked by others.
import type { EventBus } from './events.js';
import type { StepAttributes, WorkflowGraph } from './graph.js';
import { stepDigest } from './cache-key.js';
import type { TaskSpec } from './task.js';

export interface StepRun {
  readonly id: string;
  readonly attrs: StepAttributes;
  readonly digest: string;
  predsLeft: number;
  pending: number; // tasks pulled and not yet final
  produced: number;
  exhausted: boolean;
  done: boolean;
  failed: boolean; // a task failed for good or was withdrawn: dependants stay closed
  iterator?: AsyncIterator<TaskSpec> | undefined;
}

export interface StepTracker {
  // The next task of an open step, or undefined when no open step has one now.
  pull(): Promise<{ spec: TaskSpec; step: StepRun } | undefined>;
  // Tells the tracker that one of the step's tasks reached a final state.
  taskEnded(step: StepRun): void;
  // True when no step is open; with nothing running, none ever will be.
  exhausted(): boolean;
  expectedTotal(): number;
  steps(): readonly StepRun[];
  // Ends the streams of steps that are still open (the run stops early).
  close(): Promise<void>;
}

// Creates a tracker over the workflow's step graph; steps without dependencies open at once.
export function createStepTracker(workflow: WorkflowGraph, signal: AbortSignal, bus: EventBus): StepTracker {
  const { graph } = workflow;
  const runs = new Map<string, StepRun>();
  graph.forEachNode((id, attrs) => {
    runs.set(id, {
      id,
      attrs,
      digest: stepDigest(attrs.keyParts),
      predsLeft: graph.inDegree(id),
      pending: 0,
      produced: 0,
      exhausted: false,
      done: false,
      failed: false,
    });
  });
  const open: StepRun[] = [];
  let head = 0;

  const openStep = (step: StepRun): void => {
    open.push(step);
    bus.emit({ type: 'step.expanded', time: Date.now(), stepId: step.id, total: step.attrs.source.total ?? 0, final: false });
  };

  const checkDone = (step: StepRun): void => {
    if (step.done || !step.exhausted || step.pending > 0) return;
    step.done = true;
    if (step.failed) return;
    graph.forEachOutNeighbor(step.id, (successorId) => {
      const successor = runs.get(successorId);
      if (successor === undefined) return;
      successor.predsLeft -= 1;
      if (successor.predsLeft === 0) openStep(successor);
    });
  };

  for (const step of runs.values()) if (step.predsLeft === 0) openStep(step);

  return {
    async pull() {
      while (head < open.length) {
        const step = open[head] as StepRun;
        step.iterator ??= step.attrs.source.tasks(signal)[Symbol.asyncIterator]();
        const result = await step.iterator.next();
        if (result.done === true) {
          head += 1;
          step.exhausted = true;
          bus.emit({ type: 'step.expanded', time: Date.now(), stepId: step.id, total: step.produced, final: true });
          checkDone(step);
          continue;
        }
        step.pending += 1;
        step.produced += 1;
        return { spec: result.value, step };
      }
      return undefined;
    },
    taskEnded(step) {
      step.pending -= 1;
      checkDone(step);
    },
    exhausted() {
      return head >= open.length;
    },
    expectedTotal() {
      let total = 0;
      for (const step of runs.values()) total += step.exhausted ? step.produced : Math.max(step.produced, step.attrs.source.total ?? 0);
      return total;
    },
    steps() {
      return [...runs.values()];
    },
    async close() {
      for (const step of open.slice(head)) await step.iterator?.return?.();
    },
  };
}
