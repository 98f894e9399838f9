// Renders the batch script of a grid job: scheduler directives, then a body that runs the .command.run of the
// work dir its array index selects (a plain job is index 0), with combined output in .command.log.
import { shellQuote } from '../../engine/workdir/shell-quote.js';
import type { BatchSpec, GridScheduler, GridSiteOptions } from './scheduler.js';

// The job's own scheduler id, as each scheduler exports it (PBS Pro and Torque, Slurm and its PBS wrappers).
const JOB_ID = '${PBS_JOBID:-${SLURM_JOB_ID:-}}';
// The array index: PBS Pro, Torque, Slurm; 0 for a plain job.
const ARRAY_INDEX = '${PBS_ARRAY_INDEX:-${PBS_ARRAYID:-${SLURM_ARRAY_TASK_ID:-0}}}';

// The file in a work dir where the running job records its own scheduler id (for status queries and reattach).
export const JOB_ID_FILE = '.command.jobid';

// Returns the script for `dirs` (absolute work dirs, one per array index).
export function renderJobScript(
  scheduler: GridScheduler,
  batch: BatchSpec,
  site: GridSiteOptions,
  dirs: readonly string[],
): string {
  const header = scheduler.directives(batch, site).map((d) => `${scheduler.headerToken} ${d}`);
  return `#!/bin/bash
${header.join('\n')}
# pipe: ${dirs.length} task${dirs.length === 1 ? '' : 's'} of one step; each runs its work dir's .command.run
pipe_dirs=(
${dirs.map(shellQuote).join('\n')}
)
pipe_dir=\${pipe_dirs[${ARRAY_INDEX}]}
cd "$pipe_dir" || exit 1
printf '%s' "${JOB_ID}" >${JOB_ID_FILE}
exec bash .command.run >.command.log 2>&1
`;
}

// A readable job name: pipe-<step>-<n>, with characters schedulers reject replaced.
export function jobName(stepName: string, seq: number): string {
  const step = stepName.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 40);
  return `pipe-${step === '' ? 'task' : step}-${seq}`;
}

// Minutes of wall time for a time limit in ms, rounded up (schedulers count whole minutes).
export function wallMinutes(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}

// Formats minutes as HH:MM:SS for directives.
export function hhmmss(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`;
}
