// Cancelling grid jobs: dropped before submission, cancelled in the scheduler in batches (a whole array at once
// when all its live elements go), and close() waiting until the queue no longer lists them.
import { nativeIdOf, type GridJob } from './grid-job.js';
import type { GridRun } from './grid-run.js';
import type { JobRef } from './queue-query.js';
import { runCommand } from './run-command.js';
import type { Submitter } from './submitter.js';

const CANCEL_BATCH = 200;

export interface GridCancels {
  // Ends jobs for `reason`: those still waiting are dropped, submitted ones cancelled in the scheduler.
  cancelJobs(list: readonly GridJob[], reason: string): Promise<void>;
  // Cancels submitted jobs in the scheduler.
  cancelNative(targets: readonly GridJob[]): Promise<void>;
  // Runs a cancellation in the background; close() waits for it, and a failure is reported to `warn`.
  track(promise: Promise<void>): void;
  // A job's signal aborted: cancelled with the others aborted in the same turn, in one batch.
  aborted(job: GridJob): void;
  // Waits for the cancellations under way, then until the queue lists none of the cancelled jobs as waiting or
  // running (a cancelled job may stay COMPLETING for a while), for at most the exit grace period.
  settle(): Promise<void>;
}

// Creates the cancellation side of a grid backend.
export function createGridCancels(run: GridRun, submitter: Submitter, warn: (line: string) => void): GridCancels {
  const { scheduler, book, query } = run;
  const pending = new Set<Promise<void>>();
  const leaving: JobRef[] = []; // jobs pipe cancelled: settle() waits until the queue no longer lists them
  let abortedNow: GridJob[] = [];

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
      // A job that ended meanwhile makes the command fail; the next status query tells how each job ended.
      await runCommand(scheduler.cancelArgv(ids.slice(i, i + CANCEL_BATCH)), run.launchDir, run.timeoutMs);
    }
  };

  const cancelJobs = async (list: readonly GridJob[], reason: string): Promise<void> => {
    const targets: GridJob[] = [];
    for (const job of list) {
      job.cancelReason ??= reason;
      if (submitter.withdraw(job)) run.complete(job, null, job.cancelReason);
      else if (job.batchId !== undefined) targets.push(job);
    }
    if (targets.length > 0) await cancelNative(targets);
  };

  const track = (promise: Promise<void>): void => {
    const reported = promise.catch((error: unknown) =>
      warn(`${scheduler.label} cancellation failed: ${(error as Error).message}`),
    );
    pending.add(reported);
    void reported.finally(() => pending.delete(reported));
  };

  // Polls the queue until the cancelled jobs left it, or the grace period ran out.
  const awaitLeaving = async (): Promise<void> => {
    const deadline = Date.now() + run.graceMs;
    let refs = leaving.splice(0);
    while (refs.length > 0) {
      const answer = await query.status(refs);
      if (answer !== undefined)
        refs = refs.filter((ref) => ['queued', 'running'].includes(query.find(answer, ref)?.phase ?? 'ended'));
      if (refs.length === 0 || Date.now() >= deadline) return;
      const pause = Math.min(run.pollIntervalMs, Math.max(0, deadline - Date.now()));
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  };

  return {
    cancelJobs,
    cancelNative,
    track,
    aborted(job) {
      if (job.startedAt !== undefined) return;
      if (abortedNow.length === 0)
        queueMicrotask(() => {
          const list = abortedNow;
          abortedNow = [];
          track(cancelJobs(list, 'cancelled'));
        });
      abortedNow.push(job);
    },
    async settle() {
      await Promise.allSettled([...pending]);
      await awaitLeaving();
    },
  };
}
