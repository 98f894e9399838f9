// The store: runs, steps and task attempts, behind an interface that SQLite and PostgreSQL both implement.
import type { TaskResources } from '../resources.js';
import type { KeyTable, ReuseSource } from '../key-table.js';
import type { TaskBlock } from '../task-blocks.js';
import type { TaskState } from '../task.js';

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface RunRecord {
  readonly id: string;
  readonly workflow: string; // absolute path
  readonly launchDir: string;
  readonly backend: string;
  readonly status: RunStatus;
  readonly startedAt: number;
  readonly finishedAt?: number | undefined;
  readonly resumedFrom?: string | undefined;
  readonly pid: number;
  readonly host: string;
  readonly argv: string; // JSON array of the command line
}

export interface StepRecord {
  readonly runId: string;
  readonly stepId: string;
  readonly name: string;
  readonly parts: string; // JSON of the step-level cache-key parts
  readonly total?: number | undefined;
}

export interface TaskRecord {
  readonly runId: string;
  readonly taskId: string;
  readonly stepId: string;
  readonly idx: number;
  readonly attempt: number;
  readonly state: TaskState;
  readonly key: string;
  readonly command: string;
  readonly backend?: string | undefined;
  readonly nativeId?: string | undefined;
  readonly workDir?: string | undefined;
  readonly exitCode?: number | undefined;
  readonly signal?: string | undefined;
  readonly reason?: string | undefined; // why it failed or why it was (not) reused
  readonly submittedAt?: number | undefined;
  readonly startedAt?: number | undefined;
  readonly endedAt?: number | undefined;
  readonly errFile?: string | undefined;
  readonly tags?: string | undefined; // JSON object
  readonly inputsDigest?: string | undefined;
  readonly occurrence?: number | undefined;
  readonly cachedFrom?: string | undefined; // run id a cached task was reused from
  // A reused task the same as this earlier row but for its run, state, attempt, reason and cachedFrom: written as
  // part of a row id range (engine/store/task-reuse.ts), not as a row.
  readonly reusedRow?: ReuseSource | undefined;
  // What the attempt used, when the run monitored it: kept in its own table (task_resources), read by resources().
  readonly resources?: TaskResources | undefined;
  // Set by the store when it writes a success as a row: that row's id (what a block of this run names).
  rowId?: number | undefined;
}

export interface TaskQuery {
  readonly runId: string;
  readonly state?: TaskState | undefined;
  readonly tag?: readonly [string, string] | undefined;
  readonly taskId?: string | undefined;
  readonly latestAttemptOnly?: boolean | undefined;
  readonly limit?: number | undefined;
}

// The key of an attempt in Store.resources().
export function resourceKey(taskId: string, attempt: number): string {
  return `${taskId}\t${attempt}`;
}

export interface Store {
  createRun(run: RunRecord): void;
  finishRun(runId: string, status: RunStatus, finishedAt: number): void;
  getRun(runId: string): RunRecord | undefined;
  latestRun(workflow?: string): RunRecord | undefined;
  // Every run, newest first.
  runs(): RunRecord[];
  // The run and the runs it resumed, newest first.
  lineage(runId: string): RunRecord[];
  // Forgets a run: its record, steps and task attempts (`pipe clean`); false when there is no such run.
  deleteRun(runId: string): boolean;
  putSteps(steps: readonly StepRecord[]): void;
  getSteps(runId: string): StepRecord[];
  // Queues a task change; written with others in one transaction (group commit).
  recordTask(task: TaskRecord): void;
  flush(): void;
  // Commits the task changes a killed run journaled but never committed (call with the run lock held); how many.
  recover(): number;
  // Keys of tasks that succeeded (or were reused) in these runs, with the run that holds each.
  completedKeys(runIds: readonly string[]): KeyTable;
  // Records blocks of tasks a run finished (engine/task-blocks.ts), once their tasks' changes are written.
  recordBlocks(runId: string, blocks: readonly TaskBlock[]): void;
  // Records that a run reused the tasks of a block (their rows by row id ranges), and the block as the run's.
  reuseBlock(runId: string, block: TaskBlock): void;
  // The blocks of these runs, in their order.
  blocks(runIds: readonly string[]): TaskBlock[];
  // Work-dir attempts of these runs that were submitted but whose end was never recorded.
  unfinished(runIds: readonly string[]): TaskRecord[];
  tasks(query: TaskQuery): TaskRecord[];
  countByState(runId: string): Record<string, number>;
  // What each monitored attempt of a run used, by resourceKey(taskId, attempt).
  resources(runId: string): Map<string, TaskResources>;
  close(): void;
}
