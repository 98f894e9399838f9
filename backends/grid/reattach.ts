// Reattach: after pipe was killed, waits for the jobs it had submitted (found by their recorded scheduler ids)
// until each has left the queue, so that --resume reads their .exitcode instead of submitting them again.
import { readExitCode } from '../../engine/workdir/index.js';
import type { ReattachRef } from '../../engine/backend.js';
import { beganAt, readOwnId, type JobRef, type QueueQuery } from './queue-query.js';
import type { GridScheduler } from './scheduler.js';

export interface ReattachOptions {
  readonly pollIntervalMs: number;
  readonly graceMs: number; // how long a started job that left the queue may take to show its .exitcode
  readonly signal: AbortSignal;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// Resolves once none of the jobs is queued or running any more (or the signal aborts).
export async function reattachJobs(
  scheduler: GridScheduler,
  query: QueueQuery,
  refs: readonly ReattachRef[],
  opts: ReattachOptions,
): Promise<void> {
  let waiting = refs.map((ref) => {
    const { batchId, index } = scheduler.parseElementId(ref.nativeId);
    const job: JobRef & { dir: string; goneSince: number | undefined } = {
      batchId,
      index,
      ownId: index === undefined ? batchId : undefined,
      dir: ref.workDir,
      goneSince: undefined,
    };
    return job;
  });
  while (!opts.signal.aborted) {
    waiting = waiting.filter((job) => readExitCode(job.dir) === undefined);
    if (waiting.length === 0) return;
    for (const job of waiting) readOwnId(job, job.dir);
    const answer = await query.status(waiting);
    if (answer !== undefined) {
      const now = Date.now();
      waiting = waiting.filter((job) => {
        const entry = query.find(answer, job);
        if (entry !== undefined && entry.phase !== 'ended') return true;
        if (beganAt(job.dir) === undefined) return false; // never ran: the resumed run submits it again
        job.goneSince ??= now;
        return now - job.goneSince < opts.graceMs;
      });
      if (waiting.length === 0) return;
    }
    await sleep(opts.pollIntervalMs);
  }
}
