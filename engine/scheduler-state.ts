// What the scheduler's parts share while a run goes on: its options, the attempts with the backend, the queue
// of retries, the counts, and whether the run is stopping.
import type { Attempt, TaskPreparer } from './attempt.js';
import type { AttemptLog } from './attempt-log.js';
import type { Backend } from './backend.js';
import type { BlockRecorder } from './block-recorder.js';
import type { EventBus } from './events.js';
import type { WorkflowGraph } from './graph.js';
import type { Limits, Slots } from './slots.js';
import type { StepRun, StepTracker } from './step-tracker.js';
import type { Store } from './store/store.js';
import type { BlockBook } from './task-blocks.js';
import type { TaskSpec, TaskState } from './task.js';
import type { Waker } from './wake.js';

export interface SchedulerOptions {
  readonly workflow: WorkflowGraph;
  readonly runId: string;
  readonly store: Store;
  readonly backend: Backend;
  readonly bus: EventBus;
  readonly preparer: TaskPreparer;
  readonly limits: Limits;
  readonly retries: number;
  readonly retryDelayMs: number;
  readonly keepGoing: boolean;
  readonly pollIntervalMs: number;
  readonly stop: AbortSignal; // graceful: stop submitting, cancel running tasks
  readonly kill: AbortSignal; // forceful: kill everything now
  readonly blocks?: BlockBook | undefined; // a resume: blocks of tasks the runs it resumes finished
}

export type Counts = Record<TaskState, number>;

// An attempt handed to the backend, by its job id.
export interface Active {
  readonly attempt: Attempt;
  readonly resources: TaskSpec['resources'];
  started: boolean;
  cancelRequested: boolean;
}

// A task waiting to be submitted: new, held until slots free, or a retry due at `notBefore`.
export interface Queued {
  readonly spec: TaskSpec;
  readonly step: StepRun;
  readonly attemptNo: number;
  readonly notBefore: number;
}

export interface RunState {
  readonly active: Map<string, Active>;
  readonly retries: Queued[];
  readonly counts: Counts;
  waiting: Queued | undefined; // pulled but not yet fitting the free slots
  stopping: 'failure' | 'signal' | undefined;
  killed: boolean;
  anyFailed: boolean;
  finishing: number; // finish hooks still deciding an attempt's outcome
  fatal: { readonly error: unknown } | undefined; // the store failed (a full disk): stop, then throw it
}

// The parts every piece of the scheduler works with.
export interface SchedulerContext {
  readonly opts: SchedulerOptions;
  readonly state: RunState;
  readonly slots: Slots;
  readonly steps: StepTracker;
  readonly log: AttemptLog;
  readonly blocks: BlockRecorder; // the blocks of tasks this run finishes
  readonly waker: Waker;
  // Says what went wrong where the run carries on regardless (a cancellation the backend refused).
  readonly warn: (message: string) => void;
  // Runs a step that records state from a callback (a backend's push, a finish hook); when the store fails (a full
  // disk), the run stops, cancels what runs, and executeRun reports the error and releases the lock.
  readonly guard: (step: () => void) => void;
}

// A run's state before its first task.
export function createRunState(): RunState {
  return {
    active: new Map(),
    retries: [],
    counts: { pending: 0, submitted: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0, cached: 0 },
    waiting: undefined,
    stopping: undefined,
    killed: false,
    anyFailed: false,
    finishing: 0,
    fatal: undefined,
  };
}
