// Tasks submitted in one turn of the event loop go to the pilot server in one batch.
import type { PreparedTask } from '../../engine/backend.js';
import type { Fleet } from './launch/fleet.js';
import type { NewTask } from './protocol/messages.js';
import { runFields } from './protocol/run-fields.js';
import type { PilotServer } from './server/types.js';

// A task with the pilot backend: its server id once enqueued, and whether the engine cancelled it.
export interface PilotJob {
  readonly task: PreparedTask;
  readonly signal: AbortSignal;
  serverId?: string | undefined;
  cancelled?: boolean | undefined;
}

export interface EnqueueBatchOptions {
  // Starts the server and the fleet (once) and gives them.
  readonly start: () => Promise<{ server: PilotServer; fleet: Fleet }>;
  readonly enqueued: (job: PilotJob, serverId: string) => void;
  readonly fail: (job: PilotJob, reason: string) => void;
  readonly warn: (line: string) => void; // a failure nothing else would report
}

export interface EnqueueBatch {
  add(job: PilotJob): void;
  // Whether the job still waits for the batch to go (not yet on its way to the server).
  waiting(job: PilotJob): boolean;
}

// The queue's view of a prepared task.
function toNewTask(task: PreparedTask): NewTask {
  return { name: task.name, step: task.stepName, ...runFields(task) };
}

// Creates an empty batch.
export function createEnqueueBatch(opts: EnqueueBatchOptions): EnqueueBatch {
  let batch: PilotJob[] = [];
  let scheduled = false;

  // Sends the batch: every job gets its server id, or fails with the server's error; jobs cancelled meanwhile are
  // cancelled on the server as soon as their ids are known.
  const flush = async (): Promise<void> => {
    scheduled = false;
    const jobsNow = batch.filter((job) => !job.cancelled);
    batch = [];
    if (jobsNow.length === 0) return;
    let pilot: { server: PilotServer; fleet: Fleet };
    try {
      pilot = await opts.start();
      const ids = await pilot.server.enqueue(jobsNow.map((job) => toNewTask(job.task)));
      jobsNow.forEach((job, i) => opts.enqueued(job, ids[i] as string));
    } catch (error) {
      for (const job of jobsNow) opts.fail(job, `pilot server: ${(error as Error).message}`);
      return;
    }
    const late = jobsNow.filter((job) => job.cancelled).map((job) => job.serverId as string);
    if (late.length > 0) await pilot.server.cancel(late);
    pilot.fleet.poke();
  };

  return {
    add(job) {
      batch.push(job);
      if (scheduled) return;
      scheduled = true;
      setImmediate(
        () =>
          void flush().catch((error: unknown) => opts.warn(`pilot: enqueueing failed: ${(error as Error).message}`)),
      );
    },
    waiting: (job) => batch.includes(job),
  };
}
