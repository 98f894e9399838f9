// The jobs the shims' gateway has submitted, by id: their pilot tasks' states as the server reports them, kept
// listed for a while after they end (Slurm's MinJobAge), and shown as completing while a Nextflow job's `.exitcode`
// is not there yet.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskResult } from '../protocol/messages.js';
import { formatJobId, type JobRef } from './job-ids.js';
import type { Flavour, JobRequest } from './job-request.js';

// A job element's life: waiting in the pilot's queue, running on an agent, or ended (with how).
export const JobState = {
  Pending: 'pending',
  Running: 'running',
  Completing: 'completing', // ended, but its .exitcode is not visible yet
  Completed: 'completed',
  Failed: 'failed',
  Cancelled: 'cancelled',
  Timeout: 'timeout',
} as const;
export type JobState = (typeof JobState)[keyof typeof JobState];

export interface ShimJob {
  readonly id: string; // as its flavour prints it
  readonly job: number;
  readonly index: number | undefined;
  readonly isArray: boolean;
  readonly flavour: Flavour;
  readonly name: string;
  readonly user: string;
  readonly queue: string | undefined;
  readonly account: string | undefined;
  readonly workDir: string;
  readonly submitDir: string;
  readonly output: string;
  readonly cpus: number;
  readonly memoryBytes: number | undefined;
  readonly timeLimitMs: number | undefined;
  readonly exitFile: string | undefined; // a Nextflow task's .exitcode
  readonly submittedAt: number;
  pilotId: string | undefined;
  startedAt: number | undefined;
  endedAt: number | undefined;
  exitCode: number | null | undefined;
  ended: JobState | undefined; // how the pilot task ended
  host: string | undefined;
  reason: string | undefined; // why the pilot did not take it
}

export interface JobBookOptions {
  readonly keepMs?: number | undefined; // how long ended jobs stay listed (default 300 s, Slurm's MinJobAge)
  readonly exitGraceMs?: number | undefined; // how long an ended job waits for its .exitcode (default 30 s)
  readonly now?: () => number;
}

// The work dirs of a Nextflow array job's elements, from its wrapper's metadata (`###   work-dirs:` list).
export function arrayWorkDirs(script: string): string[] {
  const dirs: string[] = [];
  let inList = false;
  for (const line of script.split('\n')) {
    if (/^###\s+work-dirs:/.test(line)) inList = true;
    else if (inList && /^###\s+- /.test(line)) dirs.push(line.replace(/^###\s+- /, '').trim());
    else if (inList) break;
  }
  return dirs;
}

// The .exitcode Nextflow reads for an element, when the job is a Nextflow wrapper (.command.run or an array
// launcher whose metadata lists work dirs).
function exitFileOf(request: JobRequest, position: number): string | undefined {
  if (request.array !== undefined) {
    const dir = arrayWorkDirs(request.script)[position];
    return dir === undefined ? undefined : join(dir.replace(/^file:\/\//, ''), '.exitcode');
  }
  if (request.scriptPath?.endsWith('/.command.run')) return join(request.scriptPath, '..', '.exitcode');
  return undefined;
}

export interface JobBook {
  // Adds the elements of a submitted job (in array order).
  add(
    request: JobRequest,
    job: number,
    outputs: readonly string[],
    user: string,
    submitDir: string,
    at: number,
  ): ShimJob[];
  bind(job: ShimJob, pilotId: string): void;
  // Ends a job the pilot did not take.
  unqueued(job: ShimJob, reason: string): void;
  started(pilotId: string, at: number, host?: string): void;
  completed(pilotId: string, result: TaskResult): void;
  // The state to show now.
  stateOf(job: ShimJob): JobState;
  // Every job still listed, in submission order.
  list(): ShimJob[];
  // The elements a reference names (a job, an element, a whole array).
  find(ref: JobRef): ShimJob[];
  readonly active: number; // pending or running
}

// Creates an empty book.
export function createJobBook(options: JobBookOptions = {}): JobBook {
  const keepMs = options.keepMs ?? 300_000;
  const exitGraceMs = options.exitGraceMs ?? 30_000;
  const now = options.now ?? Date.now;
  const jobs = new Map<string, ShimJob>(); // by id, in insertion order
  const byPilot = new Map<string, ShimJob>();
  const byNumber = new Map<number, ShimJob[]>();
  let active = 0;

  // Drops jobs that ended longer ago than keepMs (they come first, roughly, so the scan stops early).
  const prune = (): void => {
    const limit = now() - keepMs;
    for (const job of jobs.values()) {
      if (job.endedAt === undefined || job.endedAt > limit) continue;
      jobs.delete(job.id);
      if (job.pilotId !== undefined) byPilot.delete(job.pilotId);
      const siblings = byNumber.get(job.job)?.filter((j) => j !== job) ?? [];
      if (siblings.length === 0) byNumber.delete(job.job);
      else byNumber.set(job.job, siblings);
    }
  };

  return {
    add(request, job, outputs, user, submitDir, at) {
      const indexes: readonly (number | undefined)[] = request.array ?? [undefined];
      const added = indexes.map((index, position): ShimJob => {
        const isArray = request.array !== undefined;
        return {
          id: formatJobId(request.flavour, job, index, isArray),
          job,
          index,
          isArray,
          flavour: request.flavour,
          name: request.name,
          user,
          queue: request.queue,
          account: request.account,
          workDir: request.workDir,
          submitDir,
          output: outputs[position] ?? '',
          cpus: request.cpus ?? 1,
          memoryBytes: request.memoryBytes,
          timeLimitMs: request.timeLimitMs,
          exitFile: exitFileOf(request, position),
          submittedAt: at,
          pilotId: undefined,
          startedAt: undefined,
          endedAt: undefined,
          exitCode: undefined,
          ended: undefined,
          host: undefined,
          reason: undefined,
        };
      });
      for (const j of added) jobs.set(j.id, j);
      byNumber.set(job, added);
      active += added.length;
      return added;
    },
    bind(job, pilotId) {
      job.pilotId = pilotId;
      byPilot.set(pilotId, job);
    },
    unqueued(job, reason) {
      if (job.ended !== undefined) return;
      active -= 1;
      job.endedAt = now();
      job.exitCode = null;
      job.ended = JobState.Failed;
      job.reason = reason;
    },
    started(pilotId, at, host) {
      const job = byPilot.get(pilotId);
      if (job === undefined || job.ended !== undefined) return;
      job.startedAt = at;
      job.host = host;
    },
    completed(pilotId, result) {
      const job = byPilot.get(pilotId);
      if (job === undefined || job.ended !== undefined) return;
      active -= 1;
      job.endedAt = result.endedAt;
      job.exitCode = result.exitCode;
      job.ended = endedState(job, result);
      prune();
    },
    stateOf(job) {
      if (job.ended === undefined) return job.startedAt === undefined ? JobState.Pending : JobState.Running;
      if (job.startedAt === undefined || job.exitFile === undefined) return job.ended;
      if (existsSync(job.exitFile) || now() - job.endedAt! > exitGraceMs) return job.ended;
      return JobState.Completing;
    },
    list() {
      prune();
      return [...jobs.values()];
    },
    find(ref) {
      const all = byNumber.get(ref.job) ?? [];
      if (ref.index === undefined) return all;
      return all.filter((j) => j.index === ref.index);
    },
    get active() {
      return active;
    },
  };
}

// How an element ended, from its pilot result: cancelled, over its time limit, or by its exit (a Nextflow job's
// own .exitcode when there is one, since the wrapper's exit is the task's).
function endedState(job: ShimJob, result: TaskResult): JobState {
  if (result.reason === 'cancelled') return JobState.Cancelled;
  if (result.reason === 'time limit exceeded') return JobState.Timeout;
  let code = result.exitCode;
  if (job.exitFile !== undefined) {
    try {
      code = Number(readFileSync(job.exitFile, 'utf8').trim());
    } catch {
      // no .exitcode: the pilot's verdict stands
    }
  }
  return code === 0 ? JobState.Completed : JobState.Failed;
}
