// The task fields `pipe log -f` prints, as `nextflow log` names them: Nextflow's trace fields (TraceRecord.FIELDS,
// with %cpu and %mem spelled pcpu and pmem) plus stdout, stderr and log, each with its raw value and its text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskRecord } from '../../engine/store/store.js';
import type { TaskResources } from '../../engine/resources.js';
import type { ResourceLookup } from '../trace/task-resources.js';
import { NA, traceDate, traceDuration, traceMemory, tracePercent } from '../trace/nextflow-format.js';
import { TRACE_STATUS, shortHash, span, taskName } from '../trace/trace-file.js';

type FieldType = 'str' | 'num' | 'date' | 'time' | 'mem' | 'perc' | 'text';

// Each field and how its value prints (TraceRecord.FIELDS' types; `text` is a file's first lines).
const FIELD_TYPES = {
  task_id: 'str',
  hash: 'str',
  native_id: 'str',
  process: 'str',
  module: 'str',
  container: 'str',
  tag: 'str',
  name: 'str',
  status: 'str',
  exit: 'str',
  submit: 'date',
  start: 'date',
  complete: 'date',
  duration: 'time',
  realtime: 'time',
  pcpu: 'perc',
  pmem: 'perc',
  rss: 'mem',
  vmem: 'mem',
  peak_rss: 'mem',
  peak_vmem: 'mem',
  rchar: 'mem',
  wchar: 'mem',
  syscr: 'num',
  syscw: 'num',
  read_bytes: 'mem',
  write_bytes: 'mem',
  attempt: 'num',
  workdir: 'str',
  script: 'str',
  scratch: 'str',
  queue: 'str',
  cpus: 'num',
  memory: 'mem',
  disk: 'mem',
  time: 'time',
  env: 'str',
  error_action: 'str',
  stdout: 'text',
  stderr: 'text',
  log: 'text',
} as const satisfies Record<string, FieldType>;

export type LogField = keyof typeof FIELD_TYPES;

// Every field name, sorted, as `pipe log -l` lists them.
export const LOG_FIELDS: readonly LogField[] = (Object.keys(FIELD_TYPES) as LogField[]).sort();

// Whether a word is a field name.
export function isLogField(word: string): word is LogField {
  return Object.hasOwn(FIELD_TYPES, word);
}

// Lines of a task's file that a field shows (Nextflow shows at most 100).
const TEXT_LINES = 100;

// The first lines of a file, or undefined when it cannot be read or is empty.
function headOf(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  try {
    const lines = readFileSync(path, 'utf8').split('\n');
    const text = lines.slice(0, TEXT_LINES).join('\n');
    return text.trim() === '' ? undefined : text;
  } catch {
    return undefined;
  }
}

// One task attempt's fields: raw values (numbers, strings or undefined) for filters, text for printing.
export interface TaskFields {
  raw(field: LogField): string | number | undefined;
  text(field: LogField): string;
}

// The fields of a task attempt of a step called `stepName`; files and resource usage (from `lookup`) are read when
// first asked for.
export function taskFields(task: TaskRecord, stepName: string, lookup: ResourceLookup): TaskFields {
  let usage: TaskResources | undefined | null = null;
  const used = (): TaskResources | undefined => (usage === null ? (usage = lookup(task)) : usage);
  const file = (name: string): string | undefined =>
    task.workDir === undefined ? undefined : join(task.workDir, name);
  const tags = task.tags === undefined ? {} : (JSON.parse(task.tags) as Record<string, string>);
  const raw = (field: LogField): string | number | undefined => {
    switch (field) {
      case 'task_id':
        return task.taskId;
      case 'hash':
        return shortHash(task.key);
      case 'native_id':
        return task.nativeId;
      case 'process':
        return stepName;
      case 'tag':
        return tags.tag;
      case 'name':
        return taskName(task, stepName);
      case 'status':
        return TRACE_STATUS[task.state];
      case 'exit':
        return task.exitCode;
      case 'submit':
        return task.submittedAt;
      case 'start':
        return task.startedAt;
      case 'complete':
        return task.endedAt;
      case 'duration':
        return span(task.submittedAt, task.endedAt);
      case 'realtime':
        return used()?.realtimeMs ?? span(task.startedAt, task.endedAt);
      case 'pcpu':
        return used()?.cpuPercent;
      case 'peak_rss':
        return used()?.peakRssBytes;
      case 'peak_vmem':
        return used()?.peakVmemBytes;
      case 'rchar':
        return used()?.rcharBytes;
      case 'wchar':
        return used()?.wcharBytes;
      case 'syscr':
        return used()?.syscr;
      case 'syscw':
        return used()?.syscw;
      case 'read_bytes':
        return used()?.readBytes;
      case 'write_bytes':
        return used()?.writeBytes;
      case 'attempt':
        return task.attempt;
      case 'workdir':
        return task.workDir;
      case 'script':
        return task.command;
      case 'stdout':
        return headOf(file('.command.out'));
      case 'stderr':
        return headOf(file('.command.err') ?? task.errFile);
      case 'log':
        return headOf(file('.command.log'));
      case 'module':
      case 'container':
      case 'pmem':
      case 'rss':
      case 'vmem':
      case 'scratch':
      case 'queue':
      case 'cpus':
      case 'memory':
      case 'disk':
      case 'time':
      case 'env':
      case 'error_action':
        return undefined;
      default: {
        const never: never = field;
        return never;
      }
    }
  };
  return { raw, text: (field) => formatField(FIELD_TYPES[field], raw(field)) };
}

// A value as Nextflow's trace formatters print it; '-' when there is none.
function formatField(type: FieldType, value: string | number | undefined): string {
  if (value === undefined || value === '') return NA;
  if (typeof value === 'string') return value;
  switch (type) {
    case 'date':
      return traceDate(value);
    case 'time':
      return traceDuration(value);
    case 'mem':
      return traceMemory(value);
    case 'perc':
      return tracePercent(value);
    case 'str':
    case 'num':
    case 'text':
      return String(value);
    default: {
      const never: never = type;
      return never;
    }
  }
}
