// When an agent's allocation ends: given as an end time or a walltime, else read from Slurm (the job's end time)
// or PBS (PBS_WALLTIME seconds); and the drain deadline some margin before it.
import { execFileSync } from 'node:child_process';

export const DEFAULT_DRAIN_MARGIN_MS = 60_000;

export interface WalltimeSource {
  readonly endsAt?: number | undefined;
  readonly walltimeMs?: number | undefined;
}

export interface AllocationEnd {
  readonly endsAt: number; // epoch ms the allocation ends
  readonly source: string; // for the log: "--walltime", "Slurm job 42", …
}

// Runs a command and returns its stdout; throws when it fails.
export type CommandRunner = (file: string, args: readonly string[]) => string;

// Runs a short command with a timeout.
const runCommand: CommandRunner = (file, args) =>
  execFileSync(file, args, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });

// Parses squeue's %e (or scontrol's EndTime=) output, a local time like 2024-05-01T12:34:56; undefined for
// "N/A", "Unknown" or anything else.
export function parseSlurmEndTime(text: string): number | undefined {
  const match = /(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const at = new Date(year, month - 1, day, hour, minute, second).getTime();
  return Number.isNaN(at) ? undefined : at;
}

// The end of the Slurm job this process runs in: SLURM_JOB_END_TIME (newer Slurm), else squeue, else scontrol.
export function slurmJobEnd(env: NodeJS.ProcessEnv, run: CommandRunner = runCommand): number | undefined {
  const jobId = env.SLURM_JOB_ID;
  if (jobId === undefined || jobId === '') return undefined;
  const fromEnv = Number(env.SLURM_JOB_END_TIME);
  if (env.SLURM_JOB_END_TIME !== undefined && Number.isFinite(fromEnv) && fromEnv > 0) return fromEnv * 1000;
  try {
    const end = parseSlurmEndTime(run('squeue', ['-h', '-j', jobId, '-o', '%e']));
    if (end !== undefined) return end;
  } catch {
    // squeue missing or failing: try scontrol
  }
  try {
    const text = run('scontrol', ['show', 'job', jobId]);
    return parseSlurmEndTime(/EndTime=(\S+)/.exec(text)?.[1] ?? '');
  } catch {
    return undefined;
  }
}

// The allocation's end, from options first, then the batch system; undefined when the agent has no end.
export function allocationEnd(
  options: WalltimeSource,
  startedAt: number,
  env: NodeJS.ProcessEnv = process.env,
  run: CommandRunner = runCommand,
): AllocationEnd | undefined {
  if (options.endsAt !== undefined) return { endsAt: options.endsAt, source: 'the given end time' };
  if (options.walltimeMs !== undefined) return { endsAt: startedAt + options.walltimeMs, source: 'the given walltime' };
  const slurm = slurmJobEnd(env, run);
  if (slurm !== undefined) return { endsAt: slurm, source: `Slurm job ${env.SLURM_JOB_ID}` };
  const pbs = Number(env.PBS_WALLTIME);
  if (env.PBS_WALLTIME !== undefined && Number.isFinite(pbs) && pbs > 0) {
    return { endsAt: startedAt + pbs * 1000, source: `PBS job ${env.PBS_JOBID ?? ''}`.trim() };
  }
  return undefined;
}

// When the agent stops taking tasks and hands back what still runs: the margin given, else 60 s but at most a
// tenth of the time between the agent's start and the end.
export function drainDeadline(end: number, startedAt: number, marginMs: number | undefined): number {
  const margin = marginMs ?? Math.min(DEFAULT_DRAIN_MARGIN_MS, Math.max(0, end - startedAt) / 10);
  return end - margin;
}
