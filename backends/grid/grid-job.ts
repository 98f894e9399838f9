// A task submitted to a grid backend, from the moment the engine hands it over until it completes.
import type { JobStatus, PreparedTask } from '../../engine/backend.js';

export interface GridJob {
  readonly task: PreparedTask;
  readonly signal: AbortSignal; // aborting it before the job started cancels the job
  readonly dir: string; // absolute work dir whose .command.run the job runs
  readonly light: boolean; // the dir is the backend's own, removed when the task ends
  readonly groupKey: string; // tasks with equal keys may share an array job
  batchId: string | undefined; // the scheduler's id of the (array) job, once submitted
  index: number | undefined; // array index within the batch; undefined for a plain job
  ownId: string | undefined; // the job's own scheduler id, from .command.jobid once it ran (or the plain job's id)
  startedAt: number | undefined;
  goneSince: number | undefined; // when the queue first stopped showing it alive without an .exitcode
  cancelReason: string | undefined; // set when pipe itself ends the job (cancel, time limit)
  status: JobStatus;
}

// A submitted job's status while it waits: its scheduler id, and a light task's work dir of the backend's own.
export function queuedStatus(job: GridJob, elementId: (batchId: string, index: number) => string): JobStatus {
  return { state: 'queued', nativeId: nativeIdOf(job, elementId), workDir: job.light ? job.dir : undefined };
}

// The id a user and the store see for a submitted job.
export function nativeIdOf(job: GridJob, elementId: (batchId: string, index: number) => string): string | undefined {
  if (job.batchId === undefined) return undefined;
  return job.index === undefined ? job.batchId : elementId(job.batchId, job.index);
}
