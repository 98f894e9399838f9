// Translations between the protocol's tasks and results and the local backend's prepared tasks and statuses.
import { resourceValues } from '../../../engine/resources.js';
import type { JobStatus, PreparedTask } from '../../../engine/backend.js';
import type { TaskResult, TaskStart, WireTask } from '../protocol/messages.js';
import { runFields } from '../protocol/run-fields.js';

export type HandBack = NonNullable<TaskResult['requeue']>;

// Why a task was handed back, as its result's reason says.
export const HandBackReason: Readonly<Record<HandBack, string>> = {
  drain: 'handed back: the agent is draining',
  walltime: "handed back: the agent's allocation is ending",
};

// The key of one dispatch (a task's attempt).
export function dispatchKey(id: string, attempt: number): string {
  return `${attempt}:${id}`;
}

// The prepared task the local backend runs for a dispatch, under the agent's own local id.
export function preparedTask(task: WireTask, localId: string): PreparedTask {
  return { id: localId, name: task.name ?? task.id, stepName: task.step ?? '', ...runFields(task) };
}

type Completed = Extract<JobStatus, { state: 'completed' }>;
type Running = Extract<JobStatus, { state: 'running' }>;

// The start of a dispatch the local backend began to run (its pid is the local backend's native id).
export function taskStart(task: WireTask, status: Running): TaskStart {
  return {
    id: task.id,
    attempt: task.attempt,
    at: status.startedAt ?? Date.now(),
    pid: status.nativeId === undefined ? undefined : Number(status.nativeId),
  };
}

// How long a completed dispatch ran, when it ran to an exit code (what the bundle sizer learns from).
export function runDuration(status: Completed): number | undefined {
  return status.startedAt !== undefined && status.exitCode !== null ? status.endedAt - status.startedAt : undefined;
}

// The result of a dispatch the local backend completed; a task being handed back that did not succeed is
// marked for requeueing.
export function taskResult(task: WireTask, status: Completed, handBack: HandBack | undefined): TaskResult {
  const requeue = handBack !== undefined && status.exitCode !== 0 ? handBack : undefined;
  return {
    id: task.id,
    attempt: task.attempt,
    exitCode: status.exitCode,
    signal: status.signal,
    startedAt: status.startedAt,
    endedAt: status.endedAt,
    reason: requeue === undefined ? status.reason : HandBackReason[requeue],
    errFile: status.errFile,
    requeue,
    resources: status.resources === undefined ? undefined : resourceValues(status.resources),
  };
}

// The result of a dispatch that never reached the local backend.
export function unrunResult(task: WireTask, reason: string, requeue?: HandBack): TaskResult {
  return { id: task.id, attempt: task.attempt, exitCode: null, endedAt: Date.now(), reason, requeue };
}
