// The attempt log: every change of an attempt's state is recorded in the store and announced on the bus in one
// place, so what --resume reads and what the user saw never disagree.
import type { Attempt, RecordDetails, TaskPreparer } from './attempt.js';
import type { BlockRecorder } from './block-recorder.js';
import type { StepRun } from './step-tracker.js';
import { blockEntry } from './task-blocks.js';
import type { EventBus } from './events.js';
import type { Store, TaskRecord } from './store/store.js';
import { TaskState, type TaskSpec } from './task.js';

export interface AttemptLog {
  // Handed to the backend (work-dir tasks recorded: their dir is known).
  submitted(attempt: Attempt): void;
  // The backend named the job before it ran: recorded so --resume can reattach; a light task with the work dir
  // the backend gave it (its final record has none: that dir is gone by then). Nothing to announce.
  queued(attempt: Attempt, backendDir: string | undefined): void;
  // The task started (recorded as queued() is).
  running(attempt: Attempt, backendDir: string | undefined): void;
  // The attempt ended in a final state.
  concluded(attempt: Attempt, from: TaskState, state: TaskState, details: RecordDetails): void;
  // Withdrawn before it started: back to not run (work-dir tasks keep a record).
  withdrawn(attempt: Attempt): void;
  // An earlier run's result is reused.
  cached(spec: TaskSpec, step: StepRun, record: TaskRecord): void;
  // Reused with its block (the store records the block's tasks at once): announced only.
  reusedInBlock(spec: TaskSpec): void;
  // The task can never fit this machine or the backend's limits.
  impossible(attempt: Attempt, reason: string): void;
}

// Creates the log over a run's store and bus.
export function createAttemptLog(
  store: Store,
  bus: EventBus,
  preparer: TaskPreparer,
  blocks?: BlockRecorder,
): AttemptLog {
  const emit = (spec: TaskSpec, attempt: number, from: TaskState, to: TaskState, extra: object = {}): void => {
    bus.emit({
      type: 'task.state',
      time: Date.now(),
      taskId: spec.id,
      stepId: spec.stepId,
      attempt,
      from,
      to,
      tag: spec.tag,
      ...extra,
    });
  };
  // Tells the run's blocks of a success (only light tasks have no work dir to check).
  const toBlock = (record: TaskRecord, spec: TaskSpec, step: StepRun): void =>
    blocks?.succeeded(record, spec.light ? blockEntry(spec) : undefined, step.digest);
  // Records a not-yet-final state: work-dir tasks always, light tasks only with a dir the backend gave them.
  const recordLive = (attempt: Attempt, state: TaskState, backendDir: string | undefined): void => {
    if (!attempt.spec.light) store.recordTask(preparer.record(attempt, state));
    else if (backendDir !== undefined) store.recordTask({ ...preparer.record(attempt, state), workDir: backendDir });
  };

  return {
    submitted(attempt) {
      if (!attempt.spec.light) store.recordTask(preparer.record(attempt, TaskState.Submitted));
      emit(attempt.spec, attempt.number, TaskState.Pending, TaskState.Submitted, { workDir: attempt.workDir });
    },
    queued(attempt, backendDir) {
      recordLive(attempt, TaskState.Submitted, backendDir);
    },
    running(attempt, backendDir) {
      recordLive(attempt, TaskState.Running, backendDir);
      emit(attempt.spec, attempt.number, TaskState.Submitted, TaskState.Running, {
        workDir: attempt.workDir,
        nativeId: attempt.nativeId,
      });
    },
    concluded(attempt, from, state, details) {
      const record = preparer.record(attempt, state, details);
      store.recordTask(record);
      if (state === TaskState.Succeeded) toBlock(record, attempt.spec, attempt.step);
      emit(attempt.spec, attempt.number, from, state, {
        ...details,
        resources: record.resources,
        workDir: attempt.workDir,
      });
    },
    withdrawn(attempt) {
      if (!attempt.spec.light)
        store.recordTask(preparer.record(attempt, TaskState.Pending, { reason: 'withdrawn before it started' }));
      emit(attempt.spec, attempt.number, TaskState.Submitted, TaskState.Pending);
    },
    cached(spec, step, record) {
      store.recordTask(record);
      toBlock(record, spec, step);
      emit(spec, 1, TaskState.Pending, TaskState.Cached, { reason: record.reason, workDir: record.workDir });
    },
    reusedInBlock(spec) {
      emit(spec, 1, TaskState.Pending, TaskState.Cached, { reason: 'reused' });
    },
    impossible(attempt, reason) {
      store.recordTask(preparer.record(attempt, TaskState.Failed, { reason }));
      emit(attempt.spec, attempt.number, TaskState.Pending, TaskState.Failed, { reason });
    },
  };
}
