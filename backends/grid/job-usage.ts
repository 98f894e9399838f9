// What an ended job used, from the scheduler's accounting (Slurm's sacct), when the run monitors: asked once,
// after the job's .exitcode is in; a scheduler without accounting, or a query that fails, gives nothing and the
// job ends without these figures (its wrapper's .command.trace still has its own).
import type { JobStatus } from '../../engine/backend.js';
import { nativeIdOf, type GridJob } from './grid-job.js';
import type { GridRun } from './grid-run.js';
import { runCommand } from './run-command.js';

// The job's completed status with the accounting's figures added, when there are some.
export async function withUsage(run: GridRun, job: GridJob, status: JobStatus): Promise<JobStatus> {
  const { scheduler } = run;
  const id = nativeIdOf(job, scheduler.elementId); // as sacct names it: 1234, or 1234_7 for an array element
  if (status.state !== 'completed' || id === undefined || scheduler.usageArgv === undefined) return status;
  const result = await runCommand(scheduler.usageArgv(id), run.launchDir, run.timeoutMs);
  if (result.exitCode !== 0) return status;
  const resources = scheduler.parseUsage?.(result.stdout, id);
  return resources === undefined ? status : { ...status, resources };
}
