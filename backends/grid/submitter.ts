// Groups submitted tasks into batch jobs: tasks of one step with equal resources and scheduler options that arrive within a short
// window go as one array job (in chunks of at most `arraySize`), submitted one by one under the rate cap.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GridJob } from './grid-job.js';
import { jobName, renderJobScript } from './job-script.js';
import { createRateLimit } from './rate-limit.js';
import { describeFailure, runCommand } from './run-command.js';
import type { BatchSpec, GridScheduler, GridSiteOptions } from './scheduler.js';
import { taskSite } from './site-options.js';

export interface SubmitterOptions {
  readonly scheduler: GridScheduler;
  readonly site: GridSiteOptions;
  readonly launchDir: string;
  readonly scriptDir: string; // where batch scripts are written
  readonly arraySize: number; // most tasks in one array job (1 = no arrays)
  readonly batchWindowMs: number; // how long the first task of a batch waits for more
  readonly submitsPerSecond: number;
  readonly commandTimeoutMs: number;
  readonly onSubmitted: (jobs: readonly GridJob[], batchId: string) => void;
  readonly onFailed: (jobs: readonly GridJob[], reason: string) => void;
}

export interface Submitter {
  add(job: GridJob): void;
  // Takes a job back before it was submitted; false when it is already on its way.
  withdraw(job: GridJob): boolean;
  // Resolves once nothing waits or is being submitted (submits what waits at once).
  drain(): Promise<void>;
  close(): void;
  readonly submissions: number;
}

// Creates the submitter of one backend.
export function createSubmitter(opts: SubmitterOptions): Submitter {
  const groups = new Map<string, GridJob[]>();
  const rate = createRateLimit(opts.submitsPerSecond);
  const closing = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let seq = 0;
  let submissions = 0;
  mkdirSync(opts.scriptDir, { recursive: true });

  // Submits one chunk of a group as one job.
  const submitChunk = async (chunk: readonly GridJob[]): Promise<void> => {
    const first = chunk[0]!.task;
    seq += 1;
    const batch: BatchSpec = {
      name: jobName(first.stepName, seq),
      size: chunk.length,
      cpus: first.cpus,
      memoryBytes: first.memoryBytes,
      timeLimitMs: first.timeLimitMs,
    };
    const script = join(opts.scriptDir, `${batch.name}.sh`);
    writeFileSync(
      script,
      renderJobScript(
        opts.scheduler,
        batch,
        taskSite(opts.site, first.scheduler),
        chunk.map((j) => j.dir),
      ),
      { mode: 0o755 },
    );
    try {
      await rate.next(closing.signal);
    } catch {
      opts.onFailed(chunk, 'not submitted: the backend was closed');
      return;
    }
    const argv = opts.scheduler.submitArgv(script, batch);
    submissions += 1;
    const result = await runCommand(argv, opts.launchDir, opts.commandTimeoutMs);
    if (result.exitCode !== 0) {
      opts.onFailed(chunk, `submission failed: ${describeFailure(argv, result, opts.commandTimeoutMs)}`);
      return;
    }
    let batchId: string;
    try {
      batchId = opts.scheduler.parseJobId(result.stdout);
    } catch (error) {
      opts.onFailed(chunk, `submission failed: ${(error as Error).message}`);
      return;
    }
    opts.onSubmitted(chunk, batchId);
  };

  // Takes every waiting group and submits it in chunks, after whatever submission is under way.
  const flush = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const taken = [...groups.values()];
    groups.clear();
    running = running.then(async () => {
      for (const jobs of taken) {
        for (let i = 0; i < jobs.length; i += opts.arraySize) await submitChunk(jobs.slice(i, i + opts.arraySize));
      }
    });
    return running;
  };

  return {
    add(job) {
      const group = groups.get(job.groupKey);
      if (group === undefined) groups.set(job.groupKey, [job]);
      else group.push(job);
      if ((group?.length ?? 1) >= opts.arraySize) void flush();
      else timer ??= setTimeout(() => void flush(), opts.batchWindowMs);
    },
    withdraw(job) {
      const group = groups.get(job.groupKey);
      const at = group?.indexOf(job) ?? -1;
      if (at < 0) return false;
      group!.splice(at, 1);
      if (group!.length === 0) groups.delete(job.groupKey);
      return true;
    },
    drain: () => flush(),
    close() {
      if (timer !== undefined) clearTimeout(timer);
      closing.abort();
    },
    get submissions() {
      return submissions;
    },
  };
}
