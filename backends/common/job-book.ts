// The bookkeeping every backend shares: the jobs it holds, the final statuses of those it finished (kept for
// poll()), the guards on submit, abort signals watched until a job starts, and status delivery to subscribers
// that survives a throwing listener.
import type { JobStatus, PreparedTask, StatusListener } from '../../engine/backend.js';
import { PipeError } from '../../engine/errors.js';
import { createAbortWatch } from './abort-watch.js';

// What every backend's job carries: the task the engine handed over and the signal it came with.
export interface BookedJob {
  readonly task: PreparedTask;
  readonly signal: AbortSignal;
}

export interface JobBookOptions<J extends BookedJob> {
  readonly backend: string; // the backend's name, for error messages
  readonly retain?: number | undefined; // completed statuses kept for poll(), oldest dropped first (10,000)
  // The job's AbortSignal fired while the book still watched it (until started() or completion).
  readonly onAbort?: ((job: J) => void) | undefined;
  // Called as a job leaves the book, before its status is kept and reported: the backend forgets its own state.
  readonly onRetire?: ((job: J) => void) | undefined;
  // A listener threw: by default the error is thrown again outside the backend, so it surfaces without
  // stopping the delivery of this status to the other listeners or the backend's own work.
  readonly onListenerError?: ((error: unknown) => void) | undefined;
}

export interface JobBook<J extends BookedJob> {
  readonly closed: boolean;
  // Throws when a task cannot be submitted: the backend is closed, the signal aborted, the id already held, or
  // the task neither light nor given a work dir.
  checkSubmit(task: PreparedTask, signal: AbortSignal): void;
  // Holds a job (checkSubmit first) and watches its signal.
  add(job: J): void;
  get(id: string): J | undefined;
  // Whether `job` is the one the book holds under its id (not completed, not replaced).
  holds(job: J): boolean;
  jobs(): J[]; // the jobs held, in submission order
  readonly size: number;
  // The job started: its signal no longer concerns the book.
  started(job: J): void;
  // Retires a held job with its final status, keeps the status for poll() and reports it; false when the book
  // no longer held the job (completed already).
  complete(job: J, status: JobStatus): boolean;
  // Reports a status to every subscriber.
  emit(id: string, status: JobStatus): void;
  subscribe(listener: StatusListener): void;
  // Statuses for poll(): `live(job)` for held jobs, the kept status of completed ones, `unknown` otherwise.
  poll(ids: readonly string[], live: (job: J) => JobStatus): Map<string, JobStatus>;
  // Refuses further submissions.
  close(): void;
}

const DEFAULT_RETAIN = 10_000;

// Rethrows a listener's error on its own, outside the code that delivered the status.
const rethrowLater = (error: unknown): void =>
  queueMicrotask(() => {
    throw error;
  });

// Creates an empty book.
export function createJobBook<J extends BookedJob>(opts: JobBookOptions<J>): JobBook<J> {
  const retain = opts.retain ?? DEFAULT_RETAIN;
  const onListenerError = opts.onListenerError ?? rethrowLater;
  const active = new Map<string, J>();
  const completed = new Map<string, JobStatus>();
  const listeners: StatusListener[] = [];
  const aborts = createAbortWatch<J>((job) => opts.onAbort?.(job));
  let closed = false;

  const book: JobBook<J> = {
    get closed() {
      return closed;
    },
    get size() {
      return active.size;
    },
    checkSubmit(task, signal) {
      if (closed) throw new PipeError(`Cannot submit task \`${task.id}\`: the ${opts.backend} backend is closed`);
      signal.throwIfAborted();
      if (active.has(task.id))
        throw new PipeError(`Task \`${task.id}\` is already submitted to the ${opts.backend} backend`);
      if (!task.light && task.workDir === undefined)
        throw new PipeError(`Task \`${task.id}\` is neither light nor has a work dir`);
    },
    add(job) {
      active.set(job.task.id, job);
      aborts.add(job.signal, job);
    },
    get: (id) => active.get(id),
    holds: (job) => active.get(job.task.id) === job,
    jobs: () => [...active.values()],
    started(job) {
      aborts.delete(job.signal, job);
    },
    complete(job, status) {
      const id = job.task.id;
      if (active.get(id) !== job) return false;
      active.delete(id);
      aborts.delete(job.signal, job);
      opts.onRetire?.(job);
      completed.delete(id); // a resubmitted id goes to the end of the eviction order
      completed.set(id, status);
      if (completed.size > retain) completed.delete(completed.keys().next().value!);
      book.emit(id, status);
      return true;
    },
    emit(id, status) {
      for (const listener of listeners) {
        try {
          listener(id, status);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.push(listener);
    },
    poll(ids, live) {
      const statuses = new Map<string, JobStatus>();
      for (const id of ids) {
        const job = active.get(id);
        statuses.set(id, job === undefined ? (completed.get(id) ?? { state: 'unknown' }) : live(job));
      }
      return statuses;
    },
    close() {
      closed = true;
    },
  };
  return book;
}
