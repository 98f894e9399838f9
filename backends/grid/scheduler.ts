// The holes a batch scheduler fills in the grid template: directives, submit/status/cancel commands and parsers.
import type { TaskResources } from '../../engine/resources.js';

// What the queue says about one job: still waiting, running, or ended (with the scheduler's own state name).
export interface QueueEntry {
  readonly phase: 'queued' | 'running' | 'ended';
  readonly state: string; // the scheduler's word, e.g. PENDING, R, TIMEOUT
  readonly reason?: string | undefined; // why it ended abnormally or waits, in the scheduler's words
  readonly hopeless?: boolean | undefined; // waits for something that never comes (a failed dependency)
}

// How a job ended, from the scheduler's record of it (scontrol, qstat -x).
export interface EndRecord {
  readonly state: string;
  readonly reason?: string | undefined; // e.g. "time limit exceeded (Slurm TIMEOUT)"
  readonly exitCode?: number | undefined;
}

// One batch job as the template renders it: a single task, or an array of `size` tasks of one step.
export interface BatchSpec {
  readonly name: string; // pipe-<step>-<n>
  readonly size: number; // 1 = a plain job, more = an array job with indexes 0..size-1
  readonly cpus: number;
  readonly memoryBytes?: number | undefined;
  readonly timeLimitMs?: number | undefined;
}

// The options every grid scheduler understands.
export interface GridSiteOptions {
  readonly queue?: string | undefined; // Slurm partition, PBS queue
  readonly account?: string | undefined;
  readonly clusterOptions?: readonly string[] | undefined; // passed through as extra directives
}

export interface GridScheduler {
  readonly name: string; // also the backend's name
  readonly label: string; // how reasons name the scheduler, e.g. "Slurm"
  readonly headerToken: string; // '#SBATCH', '#PBS'
  // Directive arguments (without the token) for a batch.
  directives(batch: BatchSpec, site: GridSiteOptions): readonly string[];
  // The command that submits a script file; options that must be on the command line go here.
  submitArgv(scriptPath: string, batch: BatchSpec): readonly string[];
  // The job id in the submit command's stdout.
  parseJobId(stdout: string): string;
  // One query for the state of all these jobs (plain, array, or array element ids).
  statusArgv(ids: readonly string[]): readonly string[];
  // True when a status query for an array job lists each element (Slurm), so elements need not be queried.
  readonly arrayQueryListsElements: boolean;
  // Queue entries by every id the output names for a job.
  parseStatus(stdout: string): ReadonlyMap<string, QueueEntry>;
  // Whether a failed status command still gave a trustworthy answer (e.g. "unknown job id": those jobs are gone).
  statusGone(exitCode: number, stderr: string): boolean;
  cancelArgv(ids: readonly string[]): readonly string[];
  // The id a user sees for element `index` of array `batchId`, and back.
  elementId(batchId: string, index: number): string;
  parseElementId(id: string): { readonly batchId: string; readonly index: number | undefined };
  // A query of the scheduler's record of ended jobs (scontrol show job -o, qstat -x), one command per id.
  endArgv?(id: string): readonly string[];
  parseEnd?(stdout: string): ReadonlyMap<string, EndRecord>;
  // A query of what an ended job used (Slurm: sacct), read when the run monitors; its figures take precedence over
  // those the job's wrapper measured (.command.trace) where both have one.
  usageArgv?(id: string): readonly string[];
  parseUsage?(stdout: string, id: string): TaskResources | undefined;
}
