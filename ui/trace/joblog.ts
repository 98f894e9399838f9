// `--joblog FILE`: GNU parallel's job log, one line per task attempt with its sequence number, start, run time, exit
// value and signal, so that tools written for parallel's logs read pipe's. Format as parallel writes it:
// https://www.gnu.org/software/parallel/man.html#opt-joblog
import { constants } from 'node:os';
import { writeFileSync } from 'node:fs';
import type { Store, TaskRecord } from '../../engine/store/store.js';

const HEADER = ['Seq', 'Host', 'Starttime', 'JobRuntime', 'Send', 'Receive', 'Exitval', 'Signal', 'Command'];

// The signal number of a signal name (`SIGTERM` → 15), 0 for none.
function signalNumber(signal: string | undefined): number {
  if (signal === undefined) return 0;
  const n = (constants.signals as Record<string, number | undefined>)[signal];
  return n ?? 0;
}

// One joblog line of a finished attempt; undefined for attempts that never ran (cached, cancelled before start).
export function joblogLine(task: TaskRecord): string | undefined {
  if (task.startedAt === undefined || task.endedAt === undefined || task.state === 'cached') return undefined;
  const signal = signalNumber(task.signal);
  const exitval = signal !== 0 || task.exitCode === undefined ? -1 : task.exitCode;
  const runtime = ((task.endedAt - task.startedAt) / 1000).toFixed(3).padStart(10);
  const command = task.command.replace(/\n/g, ' ');
  return [task.idx + 1, ':', (task.startedAt / 1000).toFixed(3), runtime, 0, 0, exitval, signal, command].join('\t');
}

// The whole job log of a run, in the order the attempts started.
export function renderJoblog(tasks: Iterable<TaskRecord>): string {
  const lines = [...tasks]
    .filter((t) => t.startedAt !== undefined)
    .sort((a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0))
    .map(joblogLine)
    .filter((line): line is string => line !== undefined);
  return `${[HEADER.join('\t'), ...lines].join('\n')}\n`;
}

// Writes the job log of a run to `file`.
export function writeJoblog(store: Store, runId: string, file: string): void {
  writeFileSync(file, renderJoblog(store.tasks({ runId })));
}
