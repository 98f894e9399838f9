// The records the store keeps of a run's tasks: one per attempt and state, and one for each task reused from an
// earlier run. Each is one literal with no spreads: every task that runs is recorded at least once, and a resume
// makes one per reused task.
import type { Attempt, RecordDetails } from './attempt.js';
import { cpuPercentOf, type TaskResources } from './resources.js';
import type { TaskRecord } from './store/store.js';
import { reuseFields, type KeyLookup, type ReuseSource } from './key-table.js';
import { readCommandTrace } from './workdir/command-trace.js';
import { TaskState, type TaskSpec } from './task.js';

// What an attempt used: a measuring backend's figures; else, once it ended, those its wrapper wrote (when it
// monitored), with the figures the backend has (a scheduler's accounting) taking precedence where both have one.
function resourcesOf(
  attempt: Attempt,
  state: TaskState,
  details: RecordDetails,
  wrapperMonitors: boolean,
): TaskResources | undefined {
  if (!wrapperMonitors) return details.resources;
  const ended = state === TaskState.Succeeded || state === TaskState.Failed || state === TaskState.Cancelled;
  const wrapper = ended ? readCommandTrace(attempt.workDir) : undefined;
  if (details.resources === undefined || wrapper === undefined) return details.resources ?? wrapper;
  const merged: Record<string, number | undefined> = { ...wrapper };
  for (const [field, value] of Object.entries(details.resources)) if (value !== undefined) merged[field] = value;
  // The wrapper timed the task itself; the scheduler's wall time is the whole job's.
  const realtimeMs = wrapper.realtimeMs ?? details.resources.realtimeMs;
  return { ...merged, realtimeMs, cpuPercent: cpuPercentOf(merged.cpuMs, realtimeMs) };
}

// The record of an attempt in `state`.
export function attemptRecord(
  runId: string,
  backend: string,
  attempt: Attempt,
  state: TaskState,
  details: RecordDetails,
  wrapperMonitors = false,
): TaskRecord {
  const { spec } = attempt;
  return {
    runId,
    taskId: spec.id,
    stepId: spec.stepId,
    idx: spec.index,
    attempt: attempt.number,
    state,
    key: attempt.key,
    command: spec.command,
    backend,
    nativeId: attempt.nativeId,
    workDir: attempt.workDir,
    exitCode: details.exitCode,
    signal: details.signal,
    reason: details.reason,
    submittedAt: attempt.submittedAt,
    startedAt: attempt.startedAt,
    endedAt: attempt.endedAt,
    errFile: details.errFile,
    tags: spec.tags === undefined ? undefined : JSON.stringify(spec.tags),
    inputsDigest: spec.inputsDigest,
    occurrence: spec.occurrence,
    resources: resourcesOf(attempt, state, details, wrapperMonitors),
  };
}

// The record of a task reused from the run `from` (undefined: it finished while pipe was not running). When
// `completed` knows the row that holds the key and it is the same task (reuseFields), the record names that row.
export function reusedRecord(
  runId: string,
  spec: TaskSpec,
  key: string,
  workDir: string | undefined,
  from: string | undefined,
  completed?: KeyLookup,
): TaskRecord {
  const tags = spec.tags === undefined ? undefined : JSON.stringify(spec.tags);
  let reusedRow: ReuseSource | undefined;
  if (from !== undefined && completed?.source !== undefined) {
    const fields = reuseFields(spec.id, spec.stepId, spec.index, spec.occurrence, tags, workDir);
    if (fields !== undefined) reusedRow = completed.source(key, fields);
  }
  return {
    runId,
    taskId: spec.id,
    stepId: spec.stepId,
    idx: spec.index,
    attempt: 1,
    state: TaskState.Cached,
    key,
    command: spec.command,
    workDir,
    reason: from === undefined ? 'reused: finished while pipe was not running' : 'reused',
    tags,
    occurrence: spec.occurrence,
    cachedFrom: from,
    inputsDigest: spec.inputsDigest, // so that `pipe why` compares a later run with what this one reused
    reusedRow,
  };
}
