// The columns `pipe tasks --fields` may show: the task's record and, for monitored runs, what it used (as the
// trace file spells both).
import type { TaskResources } from '../../engine/resources.js';
import type { TaskRecord } from '../../engine/store/store.js';
import { UsageError } from '../../engine/errors.js';
import { closestMatch } from '../../engine/text/edit-distance.js';
import { formatDuration, truncate } from '../format.js';
import { traceDuration, traceMemory, tracePercent } from '../trace/nextflow-format.js';

type Cell = (task: TaskRecord, usage: TaskResources | undefined) => string;

const orDash = (value: string | number | undefined): string => (value === undefined ? '-' : String(value));

// Field name → [column header, cell].
export const TASK_FIELDS: Readonly<Record<string, readonly [string, Cell]>> = {
  task: ['TASK', (t) => t.taskId],
  state: ['STATE', (t) => t.state],
  attempt: ['ATTEMPT', (t) => String(t.attempt)],
  exit: ['EXIT', (t) => orDash(t.exitCode)],
  duration: [
    'DURATION',
    (t) => (t.startedAt !== undefined && t.endedAt !== undefined ? formatDuration(t.endedAt - t.startedAt) : '-'),
  ],
  key: ['KEY', (t) => t.key.slice(0, 8)],
  command: ['COMMAND', (t) => truncate(t.command, 60)],
  native_id: ['NATIVE_ID', (t) => orDash(t.nativeId)],
  workdir: ['WORKDIR', (t) => orDash(t.workDir)],
  realtime: ['REALTIME', (_t, u) => traceDuration(u?.realtimeMs)],
  cpu_time: ['CPU_TIME', (_t, u) => traceDuration(u?.cpuMs)],
  '%cpu': ['%CPU', (_t, u) => tracePercent(u?.cpuPercent)],
  peak_rss: ['PEAK_RSS', (_t, u) => traceMemory(u?.peakRssBytes)],
  peak_vmem: ['PEAK_VMEM', (_t, u) => traceMemory(u?.peakVmemBytes)],
  rchar: ['RCHAR', (_t, u) => traceMemory(u?.rcharBytes)],
  wchar: ['WCHAR', (_t, u) => traceMemory(u?.wcharBytes)],
  read_bytes: ['READ_BYTES', (_t, u) => traceMemory(u?.readBytes)],
  write_bytes: ['WRITE_BYTES', (_t, u) => traceMemory(u?.writeBytes)],
  gpu_util: ['GPU_UTIL', (_t, u) => tracePercent(u?.gpuUtilPercent)],
  peak_gpu_mem: ['PEAK_GPU_MEM', (_t, u) => traceMemory(u?.peakGpuMemBytes)],
};

export const DEFAULT_TASK_FIELDS = ['task', 'state', 'attempt', 'exit', 'duration', 'key', 'command'] as const;

// Splits and checks `--fields a,b,c`, naming an unknown field.
export function parseTaskFields(text: string | undefined): string[] {
  if (text === undefined) return [...DEFAULT_TASK_FIELDS];
  const fields = text
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  const unknown = fields.find((f) => !Object.hasOwn(TASK_FIELDS, f));
  if (unknown !== undefined || fields.length === 0) {
    const near = unknown === undefined ? undefined : closestMatch(unknown, Object.keys(TASK_FIELDS));
    throw new UsageError(`unknown field ${unknown === undefined ? '(none given)' : `"${unknown}"`} in --fields`, {
      hint: `${near === undefined ? '' : `did you mean \`${near}\`? `}fields: ${Object.keys(TASK_FIELDS).join(', ')}`,
    });
  }
  return fields;
}

// Whether any of the fields needs the run's resource figures.
export function needsResources(fields: readonly string[]): boolean {
  return fields.some(
    (f) => !(DEFAULT_TASK_FIELDS as readonly string[]).includes(f) && f !== 'native_id' && f !== 'workdir',
  );
}
