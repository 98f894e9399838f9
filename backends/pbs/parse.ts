// Pure parsers of PBS command output: qsub, `qstat -f` (PBS Pro, Torque, Slurm's wrapper), `qstat -f -F json`
// (PBS Pro ≥ 14) and brief `qstat`/`qstat -x` tables.
import { PipeError } from '../../engine/errors.js';
import type { QueueEntry } from '../grid/scheduler.js';
import { pbsState } from './states.js';

// "123.server", "123[].server" or a bare "123" (Slurm's wrapper) → the id exactly as printed.
export function parseQsubJobId(stdout: string): string {
  const first = stdout.trim().split('\n')[0]?.trim() ?? '';
  if (!/^\d+(\[\])?(\.\S+)?$/.test(first)) {
    throw new PipeError(`qsub printed no job id: \`${stdout.trim().slice(0, 200)}\``, {
      hint: 'Check that `qsub` is a PBS qsub and that the server accepts jobs (`qstat -B`).',
    });
  }
  return first;
}

// Sets an entry under the id as printed and, for "123.server", also under "123".
function put<T>(map: Map<string, T>, id: string, value: T): void {
  map.set(id, value);
  const bare = /^(\d+(?:\[\d*\])?)\.\S+$/.exec(id);
  if (bare !== null) map.set(bare[1]!, value);
}

// `qstat -f` → attributes of each job. Continuation lines (long values wrapped by real PBS) join the previous value.
export function parseQstatFull(stdout: string): ReadonlyMap<string, ReadonlyMap<string, string>> {
  const jobs = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  let lastKey: string | undefined;
  for (const line of stdout.split('\n')) {
    const head = /^Job Id:\s*(\S+)/.exec(line);
    if (head !== null) {
      current = new Map();
      jobs.set(head[1]!, current);
      lastKey = undefined;
      continue;
    }
    if (current === undefined || line.trim() === '') continue;
    const attr = /^\s+([\w.]+) = (.*)$/.exec(line);
    if (attr !== null) {
      lastKey = attr[1]!;
      current.set(lastKey, attr[2]!.trim());
    } else if (lastKey !== undefined && /^\s/.test(line)) {
      current.set(lastKey, current.get(lastKey)! + line.trim());
    }
  }
  return jobs;
}

// An exit status attribute (PBS Pro `Exit_status`, Torque `exit_status`) as a number.
function exitStatusOf(get: (key: string) => unknown): number | undefined {
  const value = get('Exit_status') ?? get('exit_status');
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^-?\d+$/.test(value.trim())
        ? Number(value)
        : undefined;
  return n;
}

// `qstat -f` → queue entries by job id.
export function parseQstatFullEntries(stdout: string): ReadonlyMap<string, QueueEntry> {
  const entries = new Map<string, QueueEntry>();
  for (const [id, attrs] of parseQstatFull(stdout)) {
    const state = attrs.get('job_state');
    if (state !== undefined)
      put(
        entries,
        id,
        pbsState(
          state,
          exitStatusOf((k) => attrs.get(k)),
        ),
      );
  }
  return entries;
}

// `qstat -f -F json [-x]` (PBS Pro) → queue entries by job id.
export function parseQstatJson(stdout: string): ReadonlyMap<string, QueueEntry> {
  const entries = new Map<string, QueueEntry>();
  if (stdout.trim() === '') return entries;
  const doc = JSON.parse(stdout) as { Jobs?: Record<string, Record<string, unknown>> };
  for (const [id, attrs] of Object.entries(doc.Jobs ?? {})) {
    const state = attrs.job_state;
    if (typeof state === 'string')
      put(
        entries,
        id,
        pbsState(
          state,
          exitStatusOf((k) => attrs[k]),
        ),
      );
  }
  return entries;
}

// Brief `qstat` / `qstat -x` (columns: id, name, user, time used, state, queue) → queue entries by job id.
export function parseQstatBrief(stdout: string): ReadonlyMap<string, QueueEntry> {
  const entries = new Map<string, QueueEntry>();
  for (const line of stdout.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 6 || !/^\d/.test(fields[0]!)) continue;
    put(entries, fields[0]!, pbsState(fields[4]!));
  }
  return entries;
}
