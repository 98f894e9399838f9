// Jobs waiting for a launcher: handed over in submission order while launchers have room.
import type { JobBook } from '../common/job-book.js';
import type { LocalJob } from './job.js';
import type { LauncherPool } from './launcher-pool.js';

export interface DispatchQueue {
  push(job: LocalJob): void;
  // Hands waiting jobs over soon: deferred with setImmediate so that a cancel right after submit still drops them.
  schedule(): void;
}

// Creates the queue in front of a launcher pool; jobs the book no longer holds (cancelled, aborted) are skipped.
export function createDispatchQueue(book: JobBook<LocalJob>, pool: () => LauncherPool<LocalJob>): DispatchQueue {
  let queue: LocalJob[] = [];
  let scheduled = false;

  // Hands queued jobs to launchers while they have room.
  const flush = (): void => {
    scheduled = false;
    let next = 0;
    for (; next < queue.length; next++) {
      const job = queue[next] as LocalJob;
      if (!book.holds(job)) continue; // cancelled or aborted while queued
      const slot = pool().acquire();
      if (slot === undefined) break;
      slot.jobs.push(job);
      job.slot = slot;
      slot.launcher.send(job.line);
    }
    queue = next === 0 ? queue : queue.slice(next);
  };

  const schedule = (): void => {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    setImmediate(flush);
  };

  return {
    push(job) {
      queue.push(job);
      schedule();
    },
    schedule,
  };
}
