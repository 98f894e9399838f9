// One status round of a grid backend: a single queue query for every submitted job, then completions from
// .exitcode, the grace period of jobs that left the queue without one, time limits, and jobs that never start.
import { readExitCode } from '../../engine/workdir/index.js';
import type { GridCancels } from './grid-cancels.js';
import { nativeIdOf, queuedStatus, type GridJob } from './grid-job.js';
import type { GridRun } from './grid-run.js';
import { beganAt, readOwnId, type JobRef } from './queue-query.js';
import type { QueueEntry } from './scheduler.js';

const END_QUERIES_PER_TICK = 20;

interface Dead {
  readonly job: GridJob;
  readonly ref: JobRef;
}

// The reason to give a job that ended: pipe's own, or the scheduler's when it ended the job.
const endReason = (job: GridJob, entry: QueueEntry | undefined): string | undefined =>
  job.cancelReason ?? (entry?.phase === 'ended' ? entry.reason : undefined);

// Marks a job running from the queue's word or its .command.begin.
function markRunning(run: GridRun, job: GridJob, began: number | undefined): void {
  job.startedAt ??= began ?? Date.now();
  job.status = {
    state: 'running',
    startedAt: job.startedAt,
    nativeId: nativeIdOf(job, run.scheduler.elementId),
    workDir: job.light ? job.dir : undefined,
  };
}

// Runs one status round.
export async function statusTick(run: GridRun, cancels: GridCancels): Promise<void> {
  const { query, scheduler } = run;
  const live = run.book.jobs().filter((job) => job.batchId !== undefined);
  for (const job of live) if (job.index !== undefined) readOwnId(job as GridJob & { batchId: string }, job.dir);
  const refs: JobRef[] = live.map((job) => ({ batchId: job.batchId!, index: job.index, ownId: job.ownId }));
  const answer = await query.status(refs);
  const now = Date.now();
  const dead: Dead[] = [];
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
      else run.complete(job, code, endReason(job, entry));
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
      markRunning(run, job, began);
      const limit = job.task.timeLimitMs;
      if (limit !== undefined && job.cancelReason === undefined && now - job.startedAt! > limit) overdue.push(job);
    } else if (began === undefined && job.cancelReason !== undefined) {
      run.complete(job, null, job.cancelReason);
    } else {
      job.goneSince ??= now;
      if (now - job.goneSince >= run.graceMs || (began === undefined && entry?.phase === 'ended'))
        dead.push({ job, ref });
    }
  });
  if (overdue.length > 0) cancels.track(cancels.cancelJobs(overdue, 'time limit exceeded'));
  if (hopeless.length > 0) cancels.track(cancels.cancelNative(hopeless));
  if (dead.length > 0) await endDead(run, dead, answer);
}

// Jobs gone from the queue without an .exitcode: the scheduler's record says why, if it still has one.
async function endDead(
  run: GridRun,
  dead: readonly Dead[],
  answer: ReadonlyMap<string, QueueEntry> | undefined,
): Promise<void> {
  const { query, scheduler } = run;
  const records = await query.ended(
    dead.map((d) => d.ref),
    END_QUERIES_PER_TICK,
  );
  for (const { job, ref } of dead) {
    const record = query.find(records, ref);
    const entry = query.find(answer, ref);
    const word = record?.reason ?? entry?.reason ?? (record ?? entry)?.state;
    const fallback = `ended without an exit code${word === undefined ? '' : ` (${scheduler.label} ${word})`}`;
    run.complete(job, null, job.cancelReason ?? record?.reason ?? entry?.reason ?? fallback);
  }
}
