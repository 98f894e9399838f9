// Jobs waiting for a launcher: handed over in submission order while launchers have room. A job that asks for GPUs
// also waits for free devices (gpu-slots.ts), letting the jobs behind it pass; it fails at once when the node has
// fewer GPUs than it asks for.
import type { JobBook } from '../common/job-book.js';
import { createGpuSlots, type GpuSlots } from './gpu-slots.js';
import { gpuJobLine, type LocalJob } from './job.js';
import type { LauncherPool } from './launcher-pool.js';

export interface DispatchQueue {
  push(job: LocalJob): void;
  // Hands waiting jobs over soon: deferred with setImmediate so that a cancel right after submit still drops them.
  schedule(): void;
}

// Creates the queue in front of a launcher pool; jobs the book no longer holds (cancelled, aborted) are skipped.
export function createDispatchQueue(
  book: JobBook<LocalJob>,
  pool: () => LauncherPool<LocalJob>,
  launchDir: string,
): DispatchQueue {
  let queue: LocalJob[] = [];
  let scheduled = false;
  let gpus: GpuSlots | undefined;
  const holding = new Set<LocalJob>(); // jobs holding devices

  // Gives back the devices of jobs that ended.
  const release = (): void => {
    for (const job of holding) {
      if (book.holds(job)) continue;
      gpus?.give(job.devices ?? []);
      holding.delete(job);
    }
  };

  // Devices for a job that asks for GPUs: true once it holds them (and its line names them), false while it waits.
  const placeGpus = (job: LocalJob, count: number): boolean => {
    gpus ??= createGpuSlots();
    if (count > gpus.total) {
      const reason = `needs ${count} GPU${count === 1 ? '' : 's'} but this node has ${gpus.total}`;
      book.complete(job, { state: 'completed', exitCode: null, endedAt: Date.now(), reason });
      return false;
    }
    const devices = gpus.take(count);
    if (devices === undefined) return false;
    job.devices = devices;
    holding.add(job);
    job.line = gpuJobLine(job.task, launchDir, gpus.variable, devices);
    return true;
  };

  // Hands queued jobs to launchers while they have room.
  const flush = (): void => {
    scheduled = false;
    if (holding.size > 0) release();
    const waiting: LocalJob[] = [];
    let next = 0;
    for (; next < queue.length; next++) {
      const job = queue[next] as LocalJob;
      if (!book.holds(job)) continue; // cancelled or aborted while queued
      const count = job.task.gpus ?? 0;
      if (count > 0 && job.devices === undefined && !placeGpus(job, count)) {
        if (book.holds(job)) waiting.push(job);
        continue;
      }
      const slot = pool().acquire();
      if (slot === undefined) break;
      slot.jobs.push(job);
      job.slot = slot;
      slot.launcher.send(job.line);
    }
    const rest = next === 0 ? queue : queue.slice(next);
    queue = waiting.length === 0 ? rest : waiting.concat(rest);
  };

  const schedule = (): void => {
    if (scheduled || (queue.length === 0 && holding.size === 0)) return;
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
