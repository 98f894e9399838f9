// Builds the events of a run for the live-view tests.
import type { PipeEvent } from '../../../engine/events.js';
import type { TaskState } from '../../../engine/task.js';

// A task.state event.
export function state(stepId: string, taskId: string, from: TaskState, to: TaskState, extra: object = {}): PipeEvent {
  return { type: 'task.state', time: 1_000, taskId, stepId, attempt: 1, from, to, ...extra } as PipeEvent;
}

// The start of a run with these steps, each opened with its number of tasks.
export function started(steps: readonly (readonly [string, number])[]): PipeEvent[] {
  return [
    {
      type: 'run.started',
      time: 0,
      runId: 'r1',
      workflow: '/w/flow.yaml',
      backend: 'local',
      steps: steps.map(([id]) => ({ id, name: id })),
    },
    ...steps.map(([stepId, total]): PipeEvent => ({ type: 'step.expanded', time: 0, stepId, total, final: true })),
  ];
}

// A task that runs and ends in `to`.
export function ran(stepId: string, taskId: string, to: TaskState, extra: object = {}): PipeEvent[] {
  return [
    state(stepId, taskId, 'pending', 'submitted', { tag: `${stepId}#${taskId}` }),
    state(stepId, taskId, 'submitted', 'running'),
    state(stepId, taskId, 'running', to, extra),
  ];
}
