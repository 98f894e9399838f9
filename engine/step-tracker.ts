// Tracks steps through a run: which are open, streaming their tasks, and which wait for or were blocked by others.
// Blocking sources are polled through live-sources.ts.
import type { EventBus } from './events.js';
import type { StepAttributes, WorkflowGraph } from './graph.js';
import { stepDigest } from './cache-key.js';
import { createLiveSources } from './live-sources.js';
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
  // A blocking source's outstanding next(), and its result once it has arrived.
  waiting?: Promise<unknown> | undefined;
  arrived?: IteratorResult<TaskSpec> | undefined;
  error?: unknown;
}

export interface StepTracker {
  // The next task of an open step, or undefined when no open step has one now.
  pull(): Promise<{ spec: TaskSpec; step: StepRun } | undefined>;
  // Tells the tracker that one of the step's tasks reached a final state.
  taskEnded(step: StepRun): void;
  // True when no step is open; with nothing running, none ever will be.
  exhausted(): boolean;
  expectedTotal(): number;
  // How many tasks the step produced once it will produce no more; undefined before.
  total(stepId: string): number | undefined;
  steps(): readonly StepRun[];
  // Ends the streams of steps that are still open (the run stops early).
  close(): Promise<void>;
}

// Counts the edges into a step that hold it back until their source step is done.
function gatingPreds(graph: WorkflowGraph['graph'], id: string): number {
  let n = 0;
  graph.forEachInEdge(id, (_edge, attrs) => {
    if (attrs.kind !== 'stream') n += 1;
  });
  return n;
}

// Creates a tracker over the workflow's step graph; steps without dependencies open at once. `onReady` is called
// when a blocking source has a task (or its end) ready, so the scheduler can pull again.
export function createStepTracker(
  workflow: WorkflowGraph,
  signal: AbortSignal,
  bus: EventBus,
  onReady: () => void = () => undefined,
): StepTracker {
  const { graph } = workflow;
  const runs = new Map<string, StepRun>();
  graph.forEachNode((id, attrs) => {
    runs.set(id, {
      id,
      attrs,
      digest: stepDigest(attrs.keyParts),
      predsLeft: gatingPreds(graph, id),
      pending: 0,
      produced: 0,
      exhausted: false,
      done: false,
      failed: false,
    });
  });
  const open: StepRun[] = []; // non-blocking sources, drained one after another
  let head = 0;
  const live = createLiveSources(signal, onReady, (step) => ended(step)); // blocking sources, polled without waiting

  const openStep = (step: StepRun): void => {
    if (step.attrs.source.blocking === true) live.add(step);
    else open.push(step);
    bus.emit({
      type: 'step.expanded',
      time: Date.now(),
      stepId: step.id,
      total: step.attrs.source.total ?? 0,
      final: false,
    });
  };

  const checkDone = (step: StepRun): void => {
    if (step.done || !step.exhausted || step.pending > 0) return;
    step.done = true;
    if (step.failed) return;
    graph.forEachOutEdge(step.id, (_edge, attrs, _source, successorId) => {
      const successor = runs.get(successorId);
      if (successor === undefined || attrs.kind === 'stream') return;
      successor.predsLeft -= 1;
      if (successor.predsLeft === 0) openStep(successor);
    });
  };

  for (const step of runs.values()) if (step.predsLeft === 0) openStep(step);

  const ended = (step: StepRun): void => {
    step.exhausted = true;
    bus.emit({ type: 'step.expanded', time: Date.now(), stepId: step.id, total: step.produced, final: true });
    checkDone(step);
  };

  return {
    async pull() {
      // Tasks a blocking (downstream) source has ready go first: results flow on instead of piling up.
      if (live.count > 0) {
        const ready = live.pull();
        if (ready !== undefined) return ready;
      }
      while (head < open.length) {
        const step = open[head] as StepRun;
        step.iterator ??= step.attrs.source.tasks(signal)[Symbol.asyncIterator]();
        const result = await step.iterator.next();
        if (result.done === true) {
          head += 1;
          ended(step);
          continue;
        }
        step.pending += 1;
        step.produced += 1;
        return { spec: result.value, step };
      }
      return live.count > 0 ? live.pull() : undefined; // steps opened just now start expanding
    },
    taskEnded(step) {
      step.pending -= 1;
      checkDone(step);
    },
    exhausted() {
      return head >= open.length && live.count === 0;
    },
    expectedTotal() {
      let total = 0;
      for (const step of runs.values())
        total += step.exhausted ? step.produced : Math.max(step.produced, step.attrs.source.total ?? 0);
      return total;
    },
    total(stepId) {
      const step = runs.get(stepId);
      return step?.exhausted === true ? step.produced : undefined;
    },
    steps() {
      return [...runs.values()];
    },
    async close() {
      for (const step of open.slice(head)) await step.iterator?.return?.();
      live.close((message) => bus.emit({ type: 'run.warning', time: Date.now(), message }));
    },
  };
}
