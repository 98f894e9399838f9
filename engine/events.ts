// The typed event bus: the only channel from the engine to the UI, reports and plugins.
import type { TaskResources } from './resources.js';
import type { TaskState } from './task.js';

export interface RunStartedEvent {
  readonly type: 'run.started';
  readonly time: number;
  readonly runId: string;
  readonly workflow: string;
  readonly backend: string;
  readonly resumedFrom?: string | undefined;
  readonly steps: readonly { readonly id: string; readonly name: string }[];
}

export interface StepExpandedEvent {
  readonly type: 'step.expanded';
  readonly time: number;
  readonly stepId: string;
  readonly total: number; // tasks known for the step so far
  readonly final: boolean; // true once the step will produce no more tasks
}

export interface TaskStateEvent {
  readonly type: 'task.state';
  readonly time: number;
  readonly taskId: string;
  readonly stepId: string;
  readonly attempt: number;
  readonly from: TaskState;
  readonly to: TaskState;
  readonly tag?: string | undefined;
  readonly exitCode?: number | undefined;
  readonly signal?: string | undefined;
  readonly reason?: string | undefined;
  readonly workDir?: string | undefined;
  readonly errFile?: string | undefined;
  readonly nativeId?: string | undefined; // the backend's job id, on the way to running
  readonly resources?: TaskResources | undefined; // on an attempt's end, when the run monitors
}

export interface TaskLogEvent {
  readonly type: 'task.log';
  readonly time: number;
  readonly taskId: string;
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

// One transfer of staging (engine/staging): started, progressing, done, reused from the staging cache, retried after
// a failure, or failed.
export interface StageProgressEvent {
  readonly type: 'stage.progress';
  readonly time: number;
  readonly uri: string; // the remote side
  readonly direction: 'in' | 'out'; // in: fetched to .pipe/staging; out: put back
  readonly state: 'started' | 'progress' | 'done' | 'reused' | 'retry' | 'failed';
  readonly bytes: number; // moved so far
  readonly totalBytes?: number | undefined;
  readonly attempt?: number | undefined; // from 1
  readonly taskId?: string | undefined; // the task that asked for it first, when a task did
  readonly reason?: string | undefined; // why a retry or a failure
}

export interface RunFinishedEvent {
  readonly type: 'run.finished';
  readonly time: number;
  readonly runId: string;
  readonly status: 'succeeded' | 'failed' | 'cancelled';
  readonly counts: Readonly<Record<TaskState, number>>;
  readonly notRun: number; // tasks never started: blocked by a failure or a stop
}

// Something went wrong that the run carries on regardless of, e.g. a cancellation the backend refused.
export interface RunWarningEvent {
  readonly type: 'run.warning';
  readonly time: number;
  readonly message: string;
}

export type PipeEvent =
  | RunStartedEvent
  | StepExpandedEvent
  | TaskStateEvent
  | TaskLogEvent
  | StageProgressEvent
  | RunWarningEvent
  | RunFinishedEvent;

export type EventListener = (event: PipeEvent) => void;

export interface EventBus {
  emit(event: PipeEvent): void;
  subscribe(listener: EventListener): () => void;
}

// Creates a synchronous bus; a throwing listener is detached so it cannot break the run.
export function createEventBus(onListenerError?: (error: unknown) => void): EventBus {
  let listeners: EventListener[] = [];
  return {
    emit(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          listeners = listeners.filter((l) => l !== listener);
          onListenerError?.(error);
        }
      }
    },
    subscribe(listener) {
      listeners = [...listeners, listener];
      return () => {
        listeners = listeners.filter((l) => l !== listener);
      };
    },
  };
}
