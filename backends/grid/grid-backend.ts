// The grid template: runs prepared tasks as batch jobs of a scheduler (Slurm, PBS) that fills the holes in
// GridScheduler. Completion comes from .exitcode in the work dir; the queue only says whether a job is alive.
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Backend, JobStatus, PreparedTask } from '../../engine/backend.js';
import { WorkDirFile } from '../../engine/workdir/index.js';
import { signalOfStatus } from '../common/exit-status.js';
import { createJobBook } from '../common/job-book.js';
import { createGridCancels } from './grid-cancels.js';
import { queuedStatus, type GridJob } from './grid-job.js';
import type { GridRun } from './grid-run.js';
import { withUsage } from './job-usage.js';
import { finishLightTask, removeQuietly, writeLightWorkDir } from './light-task.js';
import { beganAt, createQueueQuery } from './queue-query.js';
import { reattachJobs } from './reattach.js';
import type { GridScheduler, GridSiteOptions } from './scheduler.js';
import { schedulerKey } from './site-options.js';
import { statusTick } from './status-tick.js';
import { createSubmitter } from './submitter.js';

export interface GridOptions extends GridSiteOptions {
  readonly launchDir: string;
  readonly pollIntervalMs?: number | undefined; // least time between two status queries (default 2 s)
  readonly exitGraceMs?: number | undefined; // wait for .exitcode after a started job left the queue (30 s)
  readonly arraySize?: number | undefined; // most tasks in one array job (500; 1 = no arrays)
  readonly batchWindowMs?: number | undefined; // how long a task waits for others to share its array job (500 ms)
  readonly submitRateLimit?: number | undefined; // submissions per second at most (10)
  readonly commandTimeoutMs?: number | undefined; // bound on each scheduler command (30 s)
  readonly queueSize?: number | undefined; // tasks the engine keeps submitted when -j is not given (1,000)
  readonly lightOutput?: 'inherit' | 'ignore' | undefined; // light tasks' stdout, passed on when they end
  readonly notice?: ((line: string) => void) | undefined; // lines for the user: a cancellation that failed
  // The run monitors: an ended job's figures are read from the scheduler's accounting too (job-usage.ts).
  readonly monitor?: { readonly intervalMs: number } | undefined;
}

// The final status of a job that ended with `exitCode` (null: none written); a light task's work dir is cleared.
function completedStatus(
  run: GridRun,
  opts: GridOptions,
  job: GridJob,
  exitCode: number | null,
  reason: string | undefined,
): JobStatus {
  job.startedAt ??= beganAt(job.dir);
  let endedAt = Date.now();
  try {
    if (exitCode !== null) endedAt = statSync(join(job.dir, WorkDirFile.ExitCode)).mtimeMs;
  } catch {
    // keep now
  }
  const errFile = job.light
    ? finishLightTask(job.dir, run.launchDir, job.task, exitCode, opts.lightOutput ?? 'inherit')
    : undefined;
  return {
    state: 'completed',
    exitCode,
    signal: exitCode === null ? undefined : signalOfStatus(exitCode),
    startedAt: job.startedAt,
    endedAt: Math.max(endedAt, job.startedAt ?? 0),
    reason: exitCode === 0 ? undefined : reason,
    errFile,
  };
}

// A job for a task: a light task gets a work dir of the backend's own; tasks with equal group keys may share an
// array job.
function newJob(task: PreparedTask, signal: AbortSignal, root: string, launchDir: string): GridJob {
  const light = task.light;
  const dir = light ? writeLightWorkDir(join(root, 'light'), launchDir, task) : resolve(launchDir, task.workDir!);
  const groupKey = [
    task.stepName,
    task.cpus,
    task.memoryBytes ?? '',
    task.timeLimitMs ?? '',
    schedulerKey(task.scheduler),
  ].join('\0');
  return {
    task,
    signal,
    dir,
    light,
    groupKey,
    batchId: undefined,
    index: undefined,
    ownId: undefined,
    startedAt: undefined,
    goneSince: undefined,
    cancelReason: undefined,
    status: { state: 'queued' },
  };
}

// Creates a backend that runs tasks through `scheduler`.
export function createGridBackend(scheduler: GridScheduler, opts: GridOptions): Backend {
  const launchDir = resolve(opts.launchDir);
  const timeoutMs = opts.commandTimeoutMs ?? 30_000;
  const root = join(launchDir, '.pipe', 'grid', `${Date.now().toString(36)}-${process.pid}`);
  const book = createJobBook<GridJob>({ backend: scheduler.name, onAbort: (job) => cancels.aborted(job) });
  const asking = new WeakSet<GridJob>(); // ended jobs whose accounting is being read
  const run: GridRun = {
    scheduler,
    launchDir,
    pollIntervalMs: opts.pollIntervalMs ?? 2_000,
    graceMs: opts.exitGraceMs ?? 30_000,
    timeoutMs,
    book,
    query: createQueueQuery(scheduler, launchDir, timeoutMs),
    complete(job, exitCode, reason) {
      if (!book.holds(job) || asking.has(job)) return;
      const status = completedStatus(run, opts, job, exitCode, reason);
      if (opts.monitor === undefined || exitCode === null || scheduler.usageArgv === undefined) {
        job.status = status;
        book.complete(job, status);
        return;
      }
      // The job stays running for the engine until its accounting has answered.
      asking.add(job);
      void withUsage(run, job, status).then((usage) => {
        if (!book.holds(job)) return;
        job.status = usage;
        book.complete(job, usage);
      });
    },
  };
  const submitter = createSubmitter({
    scheduler,
    site: opts,
    launchDir,
    scriptDir: join(root, 'jobs'),
    arraySize: opts.arraySize ?? 500,
    batchWindowMs: opts.batchWindowMs ?? 500,
    submitsPerSecond: opts.submitRateLimit ?? 10,
    commandTimeoutMs: timeoutMs,
    onSubmitted(chunk, batchId) {
      const late: GridJob[] = [];
      chunk.forEach((job, i) => {
        job.batchId = batchId;
        job.index = chunk.length > 1 ? i : undefined;
        job.ownId = chunk.length > 1 ? undefined : batchId;
        job.status = queuedStatus(job, scheduler.elementId);
        if (job.cancelReason !== undefined) late.push(job);
      });
      if (late.length > 0) cancels.track(cancels.cancelNative(late));
    },
    onFailed(chunk, reason) {
      for (const job of chunk) run.complete(job, null, job.cancelReason ?? reason);
    },
  });
  const cancels = createGridCancels(run, submitter, opts.notice ?? (() => undefined));
  let lastTick = 0;
  let ticking: Promise<void> | undefined;

  // Runs a status round unless one ran within the poll interval; concurrent callers share the one under way.
  const refresh = (): Promise<void> => {
    if (ticking !== undefined) return ticking;
    if (Date.now() - lastTick < run.pollIntervalMs) return Promise.resolve();
    lastTick = Date.now();
    ticking = statusTick(run, cancels).finally(() => {
      ticking = undefined;
    });
    return ticking;
  };

  return {
    name: scheduler.name,
    queueSize: opts.queueSize ?? 1_000,

    async submit(task: PreparedTask, signal: AbortSignal) {
      book.checkSubmit(task, signal);
      const job = newJob(task, signal, root, launchDir);
      book.add(job);
      submitter.add(job);
      return task.id;
    },

    async poll(jobIds) {
      await refresh();
      return book.poll(jobIds, (job) => job.status);
    },

    async cancel(jobIds) {
      const list = jobIds.map((id) => book.get(id)).filter((job) => job !== undefined);
      if (list.length > 0) await cancels.cancelJobs(list, 'cancelled');
    },

    kill() {
      cancels.track(cancels.cancelJobs(book.jobs(), 'killed'));
    },

    reattach: (refs, signal) =>
      reattachJobs(scheduler, run.query, refs, { pollIntervalMs: run.pollIntervalMs, graceMs: run.graceMs, signal }),

    async close() {
      book.close();
      for (const job of book.jobs()) {
        if (submitter.withdraw(job)) run.complete(job, null, 'cancelled');
        // A job whose submission is under way is cancelled as soon as its id arrives (onSubmitted).
        else if (job.batchId === undefined) job.cancelReason ??= 'cancelled';
      }
      submitter.close();
      await submitter.drain();
      await cancels.settle();
      if (book.jobs().every((job) => !job.light)) removeQuietly(root);
    },
  };
}
