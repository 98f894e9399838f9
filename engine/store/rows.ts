// Mapping between store records (camelCase, undefined for absent) and table rows (snake_case, NULL).
import type { RunRecord, RunStatus, StepRecord, TaskRecord } from './store.js';
import type { TaskState } from '../task.js';

type Row = readonly unknown[];

// Columns of `tasks` in the order taskParams() binds and taskFromRow() reads them.
export const TASK_COLUMNS = [
  'run_id',
  'task_id',
  'attempt',
  'step_id',
  'idx',
  'state',
  'key',
  'command',
  'backend',
  'native_id',
  'work_dir',
  'exit_code',
  'signal',
  'reason',
  'submitted_at',
  'started_at',
  'ended_at',
  'err_file',
  'tags',
  'inputs_digest',
  'occurrence',
  'cached_from',
] as const;

export const RUN_COLUMNS = [
  'id',
  'workflow',
  'launch_dir',
  'backend',
  'status',
  'started_at',
  'finished_at',
  'resumed_from',
  'pid',
  'host',
  'argv',
] as const;

export const STEP_COLUMNS = ['run_id', 'step_id', 'name', 'parts', 'total'] as const;

// Bind parameters of a task record, in TASK_COLUMNS order.
export function taskParams(t: TaskRecord): unknown[] {
  return [
    t.runId,
    t.taskId,
    t.attempt,
    t.stepId,
    t.idx,
    t.state,
    t.key,
    t.command,
    t.backend ?? null,
    t.nativeId ?? null,
    t.workDir ?? null,
    t.exitCode ?? null,
    t.signal ?? null,
    t.reason ?? null,
    t.submittedAt ?? null,
    t.startedAt ?? null,
    t.endedAt ?? null,
    t.errFile ?? null,
    t.tags ?? null,
    t.inputsDigest ?? null,
    t.occurrence ?? null,
    t.cachedFrom ?? null,
  ];
}

// Columns a reused (cached) task sets: the bulk of a resume, so bound with as few parameters as possible.
export const CACHED_TASK_COLUMNS = [
  'run_id',
  'task_id',
  'attempt',
  'step_id',
  'idx',
  'state',
  'key',
  'command',
  'work_dir',
  'reason',
  'tags',
  'occurrence',
  'cached_from',
  'inputs_digest',
] as const;

// Bind parameters of a cached task record, in CACHED_TASK_COLUMNS order.
export function cachedTaskParams(t: TaskRecord): unknown[] {
  return putCachedTaskParams(t, new Array<unknown>(CACHED_TASK_COLUMNS.length), 0);
}

// Writes a cached task's bind parameters into `params` from `at` on: a resume binds a million rows, and one array
// reused for a many-row statement saves allocating (and collecting) one array per row.
export function putCachedTaskParams(t: TaskRecord, params: unknown[], at: number): unknown[] {
  params[at] = t.runId;
  params[at + 1] = t.taskId;
  params[at + 2] = t.attempt;
  params[at + 3] = t.stepId;
  params[at + 4] = t.idx;
  params[at + 5] = t.state;
  params[at + 6] = t.key;
  params[at + 7] = t.command;
  params[at + 8] = t.workDir ?? null;
  params[at + 9] = t.reason ?? null;
  params[at + 10] = t.tags ?? null;
  params[at + 11] = t.occurrence ?? null;
  params[at + 12] = t.cachedFrom ?? null;
  params[at + 13] = t.inputsDigest ?? null;
  return params;
}

// A task record from a raw row selected with TASK_COLUMNS.
export function taskFromRow(r: Row): TaskRecord {
  return {
    runId: r[0] as string,
    taskId: r[1] as string,
    attempt: r[2] as number,
    stepId: r[3] as string,
    idx: r[4] as number,
    state: r[5] as TaskState,
    key: r[6] as string,
    command: r[7] as string,
    backend: opt<string>(r[8]),
    nativeId: opt<string>(r[9]),
    workDir: opt<string>(r[10]),
    exitCode: opt<number>(r[11]),
    signal: opt<string>(r[12]),
    reason: opt<string>(r[13]),
    submittedAt: opt<number>(r[14]),
    startedAt: opt<number>(r[15]),
    endedAt: opt<number>(r[16]),
    errFile: opt<string>(r[17]),
    tags: opt<string>(r[18]),
    inputsDigest: opt<string>(r[19]),
    occurrence: opt<number>(r[20]),
    cachedFrom: opt<string>(r[21]),
  };
}

// Bind parameters of a run record, in RUN_COLUMNS order.
export function runParams(r: RunRecord): unknown[] {
  return [
    r.id,
    r.workflow,
    r.launchDir,
    r.backend,
    r.status,
    r.startedAt,
    r.finishedAt ?? null,
    r.resumedFrom ?? null,
    r.pid,
    r.host,
    r.argv,
  ];
}

// A run record from a raw row selected with RUN_COLUMNS.
export function runFromRow(r: Row): RunRecord {
  return {
    id: r[0] as string,
    workflow: r[1] as string,
    launchDir: r[2] as string,
    backend: r[3] as string,
    status: r[4] as RunStatus,
    startedAt: r[5] as number,
    finishedAt: opt<number>(r[6]),
    resumedFrom: opt<string>(r[7]),
    pid: r[8] as number,
    host: r[9] as string,
    argv: r[10] as string,
  };
}

// Bind parameters of a step record, in STEP_COLUMNS order.
export function stepParams(s: StepRecord): unknown[] {
  return [s.runId, s.stepId, s.name, s.parts, s.total ?? null];
}

// A step record from a raw row selected with STEP_COLUMNS.
export function stepFromRow(r: Row): StepRecord {
  const [runId, stepId, name, parts, total] = r as [string, string, string, string, number | null];
  return { runId, stepId, name, parts, total: opt<number>(total) };
}

// SQL NULL as undefined.
function opt<T>(value: unknown): T | undefined {
  return value === null ? undefined : (value as T);
}
