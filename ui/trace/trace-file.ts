// `--with-trace FILE`: Nextflow's trace TSV, one row per task attempt of a run, from the store: times and exit
// status always, resource figures when the run was monitored ('-' where a figure is unknown).
import { writeFileSync } from 'node:fs';
import type { Store, TaskRecord } from '../../engine/store/store.js';
import { taskDisplayName, type TaskState } from '../../engine/task.js';
import type { TaskResources } from '../../engine/resources.js';
import { resourceLookup } from './task-resources.js';
import type { TransferRecord } from '../progress/transfer-tally.js';
import { NA, traceDate, traceDuration, traceMemory, tracePercent } from './nextflow-format.js';
import { transferTraceRows } from './transfer-rows.js';

// Nextflow's default trace fields, in its order, then its storage I/O fields and pipe's GPU figures.
export const TRACE_COLUMNS = [
  'task_id',
  'hash',
  'native_id',
  'name',
  'status',
  'exit',
  'submit',
  'duration',
  'realtime',
  '%cpu',
  'peak_rss',
  'peak_vmem',
  'rchar',
  'wchar',
  'read_bytes',
  'write_bytes',
  'gpu_util',
  'peak_gpu_mem',
] as const;

// pipe's task states as Nextflow's trace statuses (a withdrawn attempt went back to pending: ABORTED).
export const TRACE_STATUS: Readonly<Record<TaskState, string>> = {
  pending: 'ABORTED',
  submitted: 'SUBMITTED',
  running: 'RUNNING',
  succeeded: 'COMPLETED',
  failed: 'FAILED',
  cancelled: 'ABORTED',
  cached: 'CACHED',
};

// Nextflow's short hash: the first two characters of the key, a slash, the next six (as in the work dir's path).
export function shortHash(key: string): string {
  return `${key.slice(0, 2)}/${key.slice(2, 8)}`;
}

// A task's name as Nextflow shows it: the process, then the task's tag or id in parentheses.
export function taskName(task: TaskRecord, stepName: string): string {
  return taskDisplayName(stepName, task.stepId, task.taskId);
}

// The difference of two optional times, or undefined.
export function span(from: number | undefined, to: number | undefined): number | undefined {
  return from === undefined || to === undefined ? undefined : Math.max(0, to - from);
}

// One TSV row for a task attempt; fields never hold tabs or newlines.
export function traceRow(task: TaskRecord, stepName: string, usage: TaskResources | undefined): string {
  const clean = (text: string): string => text.replace(/[\t\r\n]+/g, ' ');
  const cells = [
    task.taskId,
    shortHash(task.key),
    task.nativeId ?? NA,
    taskName(task, stepName),
    TRACE_STATUS[task.state],
    task.exitCode === undefined ? NA : String(task.exitCode),
    traceDate(task.submittedAt),
    traceDuration(span(task.submittedAt, task.endedAt)),
    traceDuration(span(task.startedAt, task.endedAt)),
    tracePercent(usage?.cpuPercent),
    traceMemory(usage?.peakRssBytes),
    traceMemory(usage?.peakVmemBytes),
    traceMemory(usage?.rcharBytes),
    traceMemory(usage?.wcharBytes),
    traceMemory(usage?.readBytes),
    traceMemory(usage?.writeBytes),
    tracePercent(usage?.gpuUtilPercent),
    traceMemory(usage?.peakGpuMemBytes),
  ];
  return cells.map(clean).join('\t');
}

// Writes the trace of a run to `file`: a header line, one row per attempt, then one per staging transfer; returns
// the number of rows.
export function writeTraceFile(
  store: Store,
  runId: string,
  file: string,
  transfers: readonly TransferRecord[] = [],
): number {
  const names = new Map(store.getSteps(runId).map((s) => [s.stepId, s.name]));
  const lines = [TRACE_COLUMNS.join('\t')];
  const tasks = store.tasks({ runId });
  // In submission order, as Nextflow lists tasks; never-submitted (cached) ones keep their place at the end.
  tasks.sort((a, b) => (a.submittedAt ?? Number.MAX_SAFE_INTEGER) - (b.submittedAt ?? Number.MAX_SAFE_INTEGER));
  const usage = resourceLookup(store, runId);
  for (const task of tasks) {
    lines.push(traceRow(task, names.get(task.stepId) ?? task.stepId, usage(task)));
  }
  lines.push(...transferTraceRows(transfers, TRACE_COLUMNS));
  writeFileSync(file, `${lines.join('\n')}\n`);
  return lines.length - 1;
}
