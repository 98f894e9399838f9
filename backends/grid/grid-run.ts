// What the parts of one grid backend share: the scheduler, its settings resolved, the job book and the queue.
import type { JobBook } from '../common/job-book.js';
import type { GridJob } from './grid-job.js';
import type { QueueQuery } from './queue-query.js';
import type { GridScheduler } from './scheduler.js';

export interface GridRun {
  readonly scheduler: GridScheduler;
  readonly launchDir: string;
  readonly pollIntervalMs: number;
  readonly graceMs: number; // wait for .exitcode after a started job left the queue
  readonly timeoutMs: number; // bound on each scheduler command
  readonly book: JobBook<GridJob>;
  readonly query: QueueQuery;
  // Retires a job with its exit code (null: none was written) and the reason it ended.
  complete(job: GridJob, exitCode: number | null, reason: string | undefined): void;
}
