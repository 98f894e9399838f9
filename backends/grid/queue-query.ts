// Asks the scheduler about jobs: one time-bounded status query for many jobs, the record of ended jobs, and the
// id a running job wrote into its work dir. A failed or timed-out query answers undefined, never "ended".
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WorkDirFile } from '../../engine/workdir/index.js';
import { JOB_ID_FILE } from './job-script.js';
import { runCommand } from './run-command.js';
import type { EndRecord, GridScheduler, QueueEntry } from './scheduler.js';

// The ids under which a job may appear in a status answer, most specific first.
export interface JobRef {
  readonly batchId: string;
  readonly index: number | undefined;
  ownId: string | undefined;
}

export interface QueueQuery {
  // Queue entries for these jobs, or undefined when the scheduler did not answer.
  status(refs: readonly JobRef[]): Promise<ReadonlyMap<string, QueueEntry> | undefined>;
  // The scheduler's record of how these jobs ended (at most `limit` commands).
  ended(refs: readonly JobRef[], limit: number): Promise<ReadonlyMap<string, EndRecord>>;
  // The entry or record of one job in an answer.
  find<T>(answer: ReadonlyMap<string, T> | undefined, ref: JobRef): T | undefined;
  readonly queries: number;
}

// Fills in a job's own id once its script recorded it.
export function readOwnId(ref: JobRef, dir: string): void {
  if (ref.ownId !== undefined) return;
  try {
    const id = readFileSync(join(dir, JOB_ID_FILE), 'utf8').trim();
    if (id !== '') ref.ownId = id;
  } catch {
    // not started yet
  }
}

// When the task's wrapper started (mtime of .command.begin), or undefined before.
export function beganAt(dir: string): number | undefined {
  try {
    return statSync(join(dir, WorkDirFile.Begin)).mtimeMs;
  } catch {
    return undefined;
  }
}

// Creates the query helper for one scheduler.
export function createQueueQuery(scheduler: GridScheduler, cwd: string, timeoutMs: number): QueueQuery {
  let queries = 0;
  const idsOf = (ref: JobRef): string[] => {
    const ids = ref.ownId === undefined ? [] : [ref.ownId];
    if (ref.index !== undefined) ids.push(scheduler.elementId(ref.batchId, ref.index));
    ids.push(ref.batchId);
    return ids;
  };
  const find = <T>(answer: ReadonlyMap<string, T> | undefined, ref: JobRef): T | undefined => {
    if (answer === undefined) return undefined;
    for (const id of idsOf(ref)) {
      const found = answer.get(id);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return {
    find,
    async status(refs) {
      const ids = new Set<string>();
      for (const ref of refs) {
        ids.add(ref.batchId);
        if (ref.ownId !== undefined && !scheduler.arrayQueryListsElements) ids.add(ref.ownId);
      }
      if (ids.size === 0) return new Map();
      queries += 1;
      const result = await runCommand(scheduler.statusArgv([...ids]), cwd, timeoutMs);
      if (result.exitCode !== 0 && !scheduler.statusGone(result.exitCode, result.stderr)) return undefined;
      try {
        return scheduler.parseStatus(result.stdout);
      } catch {
        return undefined;
      }
    },
    async ended(refs, limit) {
      const records = new Map<string, EndRecord>();
      if (scheduler.endArgv === undefined || scheduler.parseEnd === undefined) return records;
      const ids = [...new Set(refs.map((ref) => ref.ownId ?? ref.batchId))].slice(0, limit);
      for (const id of ids) {
        const result = await runCommand(scheduler.endArgv(id), cwd, timeoutMs);
        if (result.exitCode !== 0) continue;
        try {
          for (const [key, record] of scheduler.parseEnd(result.stdout)) records.set(key, record);
        } catch {
          // an unreadable record leaves the reason to the queue's last word
        }
      }
      return records;
    },
    get queries() {
      return queries;
    },
  };
}
