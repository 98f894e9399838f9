// The grid template: runs prepared tasks as batch jobs of a scheduler (Slurm, PBS) that fills the holes in
// GridScheduler. Completion comes from .exitcode in the work dir; the queue only says whether a job is alive.
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readExitCode, WorkDirFile } from '../../engine/workdir/index.js';
import type { Backend, JobStatus, PreparedTask } from '../../engine/backend.js';
import { signalOfStatus } from '../common/exit-status.js';
import { createJobBook } from '../common/job-book.js';
import { nativeIdOf, queuedStatus, type GridJob } from './grid-job.js';
import { finishLightTask, removeQuietly, writeLightWorkDir } from './light-task.js';
import { createQueueQuery, beganAt, readOwnId, type JobRef } from './queue-query.js';
import { reattachJobs } from './reattach.js';
import { runCommand } from './run-command.js';
import type { GridScheduler, GridSiteOptions, QueueEntry } from './scheduler.js';
import { schedulerKey } from './site-options.js';
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
}

const CANCEL_BATCH = 200;
const END_QUERIES_PER_TICK = 20;

// Creates a backend that runs tasks through `scheduler`.
export function createGridBackend(scheduler: GridScheduler, opts: GridOptions): Backend {
  const launchDir = resolve(opts.launchDir);
  const pollIntervalMs = opts.pollIntervalMs ?? 2_000;
  const graceMs = opts.exitGraceMs ?? 30_000;
  const timeoutMs = opts.commandTimeoutMs ?? 30_000;
  const root = join(launchDir, '.pipe', 'grid', `${Date.now().toString(36)}-${process.pid}`);
  const cancels = new Set<Promise<void>>();
  const leaving: JobRef[] = []; // jobs pipe cancelled: close() waits until the queue no longer lists them
  const query = createQueueQuery(scheduler, launchDir, timeoutMs);
  let lastTick = 0;
  let ticking: Promise<void> | undefined;

  // Jobs whose signal aborted before they started are cancelled together, in one batch.
  let aborted: GridJob[] = [];
  const book = createJobBook<GridJob>({
    backend: scheduler.name,
    onAbort(job) {
      if (job.startedAt !== undefined) return;
      if (aborted.length === 0)
        queueMicrotask(() => {
          const list = aborted;
          aborted = [];
          track(cancelJobs(list, 'cancelled'));
        });
      aborted.push(job);
    },
  });

  // Retires a job with its completion.
  const complete = (job: GridJob, exitCode: number | null, reason: string | undefined): void => {
    if (!book.holds(job)) return;
    job.startedAt ??= beganAt(job.dir);
    let endedAt = Date.now();
    try {
      if (exitCode !== null) endedAt = statSync(join(job.dir, WorkDirFile.ExitCode)).mtimeMs;
    } catch {
      // keep now
    }
    const errFile = job.light
      ? finishLightTask(job.dir, launchDir, job.task, exitCode, opts.lightOutput ?? 'inherit')
      : undefined;
    const status: JobStatus = {
      state: 'completed',
      exitCode,
      signal: exitCode === null ? undefined : signalOfStatus(exitCode),
      startedAt: job.startedAt,
      endedAt: Math.max(endedAt, job.startedAt ?? 0),
      reason: exitCode === 0 ? undefined : reason,
      errFile,
    };
    job.status = status;
    book.complete(job, status);
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
      if (late.length > 0) track(cancelNative(late));
    },
    onFailed(chunk, reason) {
      for (const job of chunk) complete(job, null, job.cancelReason ?? reason);
    },
  });

  // Keeps a cancellation's promise until it settles, so close() can wait for it.
  const track = (promise: Promise<void>): void => {
    cancels.add(promise);
    void promise.finally(() => cancels.delete(promise));
  };

  // Cancels submitted jobs in batches; a whole array at once when every live element of it is cancelled.
  const cancelNative = async (targets: readonly GridJob[]): Promise<void> => {
    const byBatch = new Map<string, GridJob[]>();
    for (const job of targets)
      if (job.batchId !== undefined) byBatch.set(job.batchId, [...(byBatch.get(job.batchId) ?? []), job]);
    const ids: string[] = [];
    for (const job of targets)
      if (job.batchId !== undefined) leaving.push({ batchId: job.batchId, index: job.index, ownId: job.ownId });
    for (const [batchId, list] of byBatch) {
      const live = book.jobs().filter((j) => j.batchId === batchId).length;
      if (list.length >= live && list[0]!.index !== undefined && list.every((j) => j.ownId === undefined))
        ids.push(batchId);
      else for (const job of list) ids.push(job.ownId ?? nativeIdOf(job, scheduler.elementId)!);
    }
    for (let i = 0; i < ids.length; i += CANCEL_BATCH) {
      await runCommand(scheduler.cancelArgv(ids.slice(i, i + CANCEL_BATCH)), launchDir, timeoutMs);
    }
  };

  // Ends jobs for `reason`: those still waiting are dropped, submitted ones cancelled in the scheduler.
  const cancelJobs = async (list: readonly GridJob[], reason: string): Promise<void> => {
    const targets: GridJob[] = [];
    for (const job of list) {
      job.cancelReason ??= reason;
      if (submitter.withdraw(job)) complete(job, null, job.cancelReason);
      else if (job.batchId !== undefined) targets.push(job);
    }
    if (targets.length > 0) await cancelNative(targets);
  };

  // Marks a job running from the queue's word or its .command.begin.
  const markRunning = (job: GridJob, began: number | undefined): void => {
    job.startedAt ??= began ?? Date.now();
    job.status = {
      state: 'running',
      startedAt: job.startedAt,
      nativeId: nativeIdOf(job, scheduler.elementId),
      workDir: job.light ? job.dir : undefined,
    };
  };

  // The reason to give a job that ended: pipe's own, or the scheduler's when it ended the job.
  const endReason = (job: GridJob, entry: QueueEntry | undefined): string | undefined =>
    job.cancelReason ?? (entry?.phase === 'ended' ? entry.reason : undefined);

  // One status query for every submitted job, then completions from .exitcode, grace periods and time limits.
  const tick = async (): Promise<void> => {
    const live = book.jobs().filter((job) => job.batchId !== undefined);
    for (const job of live) if (job.index !== undefined) readOwnId(job as GridJob & { batchId: string }, job.dir);
    const refs = live.map((job) => ({ batchId: job.batchId!, index: job.index, ownId: job.ownId }));
    const answer = await query.status(refs);
    const now = Date.now();
    const dead: { job: GridJob; ref: (typeof refs)[number] }[] = [];
    const overdue: GridJob[] = [];
    const hopeless: GridJob[] = [];
    live.forEach((job, i) => {
      const ref = refs[i]!;
      const entry = query.find(answer, ref);
      const code = readExitCode(job.dir);
      if (code !== undefined) {
        // A failure the scheduler caused is only named once the queue has caught up: give it one more tick.
        const waitForWord =
          code !== 0 && job.cancelReason === undefined && entry?.phase !== 'ended' && job.goneSince === undefined;
        if (waitForWord) job.goneSince = now;
        else complete(job, code, endReason(job, entry));
        return;
      }
      if (answer === undefined) return;
      const began = beganAt(job.dir);
      // An array element counts as running once its wrapper started: the array's own entry speaks for all.
      const waits =
        entry?.phase === 'queued' || (entry?.phase === 'running' && job.index !== undefined && job.ownId === undefined);
      if (entry?.hopeless === true && job.cancelReason === undefined) {
        hopeless.push(job);
        job.cancelReason = `never starts: ${entry.reason ?? entry.state} (${scheduler.label})`;
      }
      if (waits && began === undefined) {
        job.status = queuedStatus(job, scheduler.elementId);
      } else if (entry?.phase === 'running' || (waits && began !== undefined)) {
        markRunning(job, began);
        const limit = job.task.timeLimitMs;
        if (limit !== undefined && job.cancelReason === undefined && now - job.startedAt! > limit) overdue.push(job);
      } else if (began === undefined && job.cancelReason !== undefined) {
        complete(job, null, job.cancelReason);
      } else {
        job.goneSince ??= now;
        if (now - job.goneSince >= graceMs || (began === undefined && entry?.phase === 'ended'))
          dead.push({ job, ref });
      }
    });
    if (overdue.length > 0) track(cancelJobs(overdue, 'time limit exceeded'));
    if (hopeless.length > 0) track(cancelNative(hopeless));
    if (dead.length === 0) return;
    const records = await query.ended(
      dead.map((d) => d.ref),
      END_QUERIES_PER_TICK,
    );
    for (const { job, ref } of dead) {
      const record = query.find(records, ref);
      const entry = query.find(answer, ref);
      const word = record?.reason ?? entry?.reason ?? (record ?? entry)?.state;
      const fallback = `ended without an exit code${word === undefined ? '' : ` (${scheduler.label} ${word})`}`;
      complete(job, null, job.cancelReason ?? record?.reason ?? entry?.reason ?? fallback);
    }
  };

  // Waits until the queue lists none of the cancelled jobs as waiting or running (a cancelled job may stay
  // COMPLETING for a while), for at most the exit grace period; an unanswered query counts as still listed.
  const awaitLeaving = async (): Promise<void> => {
    const deadline = Date.now() + graceMs;
    let refs = leaving.splice(0);
    while (refs.length > 0) {
      const answer = await query.status(refs);
      if (answer !== undefined)
        refs = refs.filter((ref) => ['queued', 'running'].includes(query.find(answer, ref)?.phase ?? 'ended'));
      if (refs.length === 0 || Date.now() >= deadline) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(pollIntervalMs, Math.max(0, deadline - Date.now()))));
    }
  };

  // Runs a tick unless one ran within the poll interval; concurrent callers share the one under way.
  const refresh = (): Promise<void> => {
    if (ticking !== undefined) return ticking;
    if (Date.now() - lastTick < pollIntervalMs) return Promise.resolve();
    lastTick = Date.now();
    ticking = tick().finally(() => {
      ticking = undefined;
    });
    return ticking;
  };

  return {
    name: scheduler.name,
    queueSize: opts.queueSize ?? 1_000,

    async submit(task: PreparedTask, signal: AbortSignal) {
      book.checkSubmit(task, signal);
      const light = task.light;
      const dir = light ? writeLightWorkDir(join(root, 'light'), launchDir, task) : resolve(launchDir, task.workDir!);
      const groupKey = [
        task.stepName,
        task.cpus,
        task.memoryBytes ?? '',
        task.timeLimitMs ?? '',
        schedulerKey(task.scheduler),
      ].join('\0');
      const job: GridJob = {
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
      if (list.length > 0) await cancelJobs(list, 'cancelled');
    },

    kill() {
      track(cancelJobs(book.jobs(), 'killed'));
    },

    reattach: (refs, signal) => reattachJobs(scheduler, query, refs, { pollIntervalMs, graceMs, signal }),

    async close() {
      book.close();
      for (const job of book.jobs()) {
        if (submitter.withdraw(job)) complete(job, null, 'cancelled');
        // A job whose submission is under way is cancelled as soon as its id arrives (onSubmitted).
        else if (job.batchId === undefined) job.cancelReason ??= 'cancelled';
      }
      submitter.close();
      await submitter.drain();
      await Promise.allSettled([...cancels]);
      await awaitLeaving();
      if (book.jobs().every((job) => !job.light)) removeQuietly(root);
    },
  };
}
