// The contract between the engine and every way of running a prepared task.
import type { TaskResources } from './resources.js';
import type { SchedulerOptions } from './task.js';

// A task ready to run: either a light command run directly, or a work dir holding .command.run.
export interface PreparedTask {
  readonly id: string; // unique per attempt within the engine
  readonly name: string; // readable, e.g. "align (sample1)"
  readonly stepName: string;
  readonly light: boolean;
  readonly command: string; // light tasks: the shell line to run
  readonly workDir?: string | undefined; // work-dir tasks: run `bash .command.run` here
  // Only for backends with `direct`: the work dir holds no .command.run; source .command.sh there (bash, no
  // options, no env to export), send its output to .command.log and write .exitcode.
  readonly direct?: boolean | undefined;
  readonly errFile?: string | undefined; // light tasks: where to keep stderr when the task fails
  // Light tasks: a backend that can appends `line` and a newline to `path` as soon as the task exits 0, before it
  // reports the end, so that a resume after pipe was killed finds the task done (engine/resume.ts).
  readonly doneLog?: { readonly path: string; readonly line: string } | undefined;
  readonly cpus: number;
  readonly memoryBytes?: number | undefined;
  readonly timeLimitMs?: number | undefined;
  readonly gpus?: number | undefined; // devices it must hold alone (Resources.gpus)
  readonly env?: Readonly<Record<string, string>> | undefined;
  readonly scheduler?: SchedulerOptions | undefined; // grid backends: queue, account, extra directives of this task
}

export type JobStatus =
  | {
      readonly state: 'queued';
      readonly nativeId?: string | undefined;
      // A light task a cluster backend gave a work dir of its own: recorded with the job id, so --resume can
      // reattach to it and read its .exitcode there.
      readonly workDir?: string | undefined;
    }
  | {
      readonly state: 'running';
      readonly startedAt?: number | undefined;
      readonly nativeId?: string | undefined;
      readonly workDir?: string | undefined; // as for queued
    }
  | {
      readonly state: 'completed';
      readonly exitCode: number | null;
      readonly signal?: string | undefined;
      readonly startedAt?: number | undefined;
      readonly endedAt: number;
      readonly reason?: string | undefined; // scheduler's word: TIMEOUT, OUT_OF_MEMORY, cancelled, …
      readonly errFile?: string | undefined; // where the stderr tail was kept
      readonly resources?: TaskResources | undefined; // what the task used, from a backend that `monitors`
    }
  | { readonly state: 'unknown' };

// A job a killed run left with a scheduler: its recorded native id and its work dir.
export interface ReattachRef {
  readonly nativeId: string;
  readonly workDir: string;
}

export type StatusListener = (jobId: string, status: JobStatus) => void;

export interface Backend {
  readonly name: string;
  submit(task: PreparedTask, signal: AbortSignal): Promise<string>;
  poll(jobIds: readonly string[]): Promise<ReadonlyMap<string, JobStatus>>;
  cancel(jobIds: readonly string[]): Promise<void>;
  close(): Promise<void>;
  // Push-capable backends (local, pilot) report changes as they happen, so the engine need not poll them.
  subscribe?(listener: StatusListener): void;
  // Runs `direct` work-dir tasks itself (see PreparedTask.direct): the engine then writes them no .command.run.
  readonly direct?: boolean | undefined;
  // Measures what each task uses (CPU, memory, I/O, GPU) itself and reports it with the completion
  // (JobStatus.resources): the engine then asks no task wrapper to sample.
  readonly monitors?: boolean | undefined;
  // Forcefully ends whatever still runs (a second Ctrl-C).
  kill?(): void;
  // Light tasks the backend accepts beyond the run's job limit: it queues them and never runs more than the
  // limit it was created with at once, so the engine may submit ahead and no slot idles between tasks.
  readonly lookahead?: number | undefined;
  // Cluster backends: tasks the engine keeps submitted when -j is not given; cpus and memory are left to the
  // scheduler, so the engine does not count them against this machine.
  readonly queueSize?: number | undefined;
  // Cluster backends: waits while jobs a killed run submitted are still queued or running, so that --resume
  // reads their .exitcode instead of submitting them again.
  reattach?(jobs: readonly ReattachRef[], signal: AbortSignal): Promise<void>;
  // Backends whose nodes report their load (pilot agents with --monitor): each node's samples so far, for the report.
  nodeSamples?(): Promise<readonly NodeSeries[]>;
}

// One node at one moment: one-minute load average, memory in use of the total, and each visible GPU.
export interface NodeSample {
  readonly at: number; // epoch ms
  readonly load1?: number | undefined;
  readonly memUsedBytes?: number | undefined;
  readonly memTotalBytes?: number | undefined;
  readonly gpus?:
    | readonly {
        readonly index: number;
        readonly utilPercent?: number | undefined;
        readonly memUsedBytes?: number | undefined;
        readonly memTotalBytes?: number | undefined;
      }[]
    | undefined;
}

// The samples of one node (a pilot agent) over a run.
export interface NodeSeries {
  readonly node: string; // the agent's id
  readonly host: string;
  readonly samples: readonly NodeSample[];
}
