// Prepares task attempts for a backend: cache keys, reuse decisions, work dirs, and the records the store keeps
// (made in task-records.ts).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { PreparedTask } from './backend.js';
import { taskKey } from './cache-key.js';
import { FileSystemError } from './errors.js';
import type { KeyLookup } from './key-table.js';
import type { StepRun } from './step-tracker.js';
import type { TaskResources } from './resources.js';
import type { TaskRecord } from './store/store.js';
import { attemptRecord, reusedRecord } from './task-records.js';
import { taskDisplayName, type TaskSpec, type TaskState } from './task.js';
import { freshDir, readExitCode, workDirFor, writeWorkDir, writeWorkDirScripts } from './workdir/index.js';

export interface Attempt {
  readonly jobId: string;
  readonly spec: TaskSpec;
  readonly step: StepRun;
  readonly number: number;
  readonly key: string;
  readonly workDir?: string | undefined;
  readonly prepared: PreparedTask;
  readonly unwritable?: string | undefined; // why its work dir could not be written (a full disk): it fails unrun
  submittedAt?: number;
  startedAt?: number;
  endedAt?: number;
  nativeId?: string;
}

// What an earlier run left that this run may reuse.
export interface ReuseSource {
  readonly completed: KeyLookup; // key → run id that ran it
  readonly resuming: boolean;
}

export interface RecordDetails {
  readonly exitCode?: number | undefined;
  readonly signal?: string | undefined;
  readonly reason?: string | undefined;
  readonly errFile?: string | undefined;
  readonly resources?: TaskResources | undefined; // from the backend, when it monitors
}

export interface TaskPreparer {
  prepare(spec: TaskSpec, step: StepRun, attemptNo: number): Attempt;
  // Runs a task's stage hook in its fresh work dir and writes the wrapper around the script it returns.
  stage(attempt: Attempt, signal: AbortSignal): Promise<void>;
  // A record of reuse when an earlier run already did this task, else undefined.
  cached(spec: TaskSpec, step: StepRun): TaskRecord | undefined;
  record(attempt: Attempt, state: TaskState, details?: RecordDetails): TaskRecord;
}

export interface PreparerOptions {
  readonly runId: string;
  readonly workRoot: string;
  readonly logDir: string;
  readonly backendName: string;
  readonly reuse: ReuseSource;
  readonly monitor?: boolean | undefined; // work dirs write .command.trace, read when an attempt ends
  readonly direct?: boolean | undefined; // the backend runs `direct` tasks from .command.sh alone (Backend.direct)
  readonly doneLog?: string | undefined; // where backends append the keys of light tasks that exit 0 (done-log.ts)
}

// Keeps a task id usable as a file name.
function fileSafe(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_');
}

// Whether the backend runs the task from .command.sh alone: a work-dir task that asks for it, with no environment
// to export and no resource monitoring (which lives in .command.run).
function runsDirect(spec: TaskSpec, opts: PreparerOptions): boolean {
  if (opts.direct !== true || spec.light || spec.wrapper?.direct !== true || opts.monitor === true) return false;
  return spec.env === undefined || Object.keys(spec.env).length === 0;
}

// Creates the preparer for one run.
export function createTaskPreparer(opts: PreparerOptions): TaskPreparer {
  const keys = new WeakMap<TaskSpec, string>();
  let jobSeq = 0;
  // A task's key, remembered from cached() for the prepare() of a task that was not reused.
  const keyOf = (spec: TaskSpec, step: StepRun): string => keys.get(spec) ?? taskKey(step.digest, spec);

  return {
    prepare(spec, step, attemptNo) {
      const key = keyOf(spec, step);
      const jobId = String(++jobSeq);
      const name = taskDisplayName(step.attrs.name, spec.stepId, spec.id, spec.tag);
      let workDir: string | undefined;
      let unwritable: string | undefined;
      const direct = runsDirect(spec, opts);
      if (!spec.light) {
        workDir = workDirFor(opts.workRoot, key);
        // A task with a stage hook gets its fresh work dir in stage(), when its turn to run comes.
        if (spec.hooks?.stage === undefined) {
          try {
            rmSync(workDir, { recursive: true, force: true });
            writeWorkDir(workDir, {
              script: spec.command,
              env: spec.env,
              name,
              monitor: opts.monitor,
              wrapper: spec.wrapper,
              direct,
            });
          } catch (error) {
            if (!(error instanceof FileSystemError)) throw error;
            unwritable = error.message;
          }
        }
      }
      const prepared: PreparedTask = {
        id: jobId,
        name,
        stepName: step.attrs.name,
        light: spec.light,
        command: spec.command,
        workDir,
        direct,
        errFile: spec.light ? join(opts.logDir, `${fileSafe(spec.id)}.${attemptNo}.err`) : undefined,
        doneLog: spec.light && opts.doneLog !== undefined ? { path: opts.doneLog, line: key } : undefined,
        cpus: spec.resources.cpus,
        memoryBytes: spec.resources.memoryBytes,
        timeLimitMs: spec.resources.timeLimitMs,
        gpus: spec.resources.gpus,
        env: spec.env,
        scheduler: spec.scheduler,
      };
      return { jobId, spec, step, number: attemptNo, key, workDir, prepared, unwritable };
    },

    async stage(attempt, signal) {
      const { spec, workDir, prepared } = attempt;
      if (spec.hooks?.stage === undefined || workDir === undefined) return;
      freshDir(workDir);
      const script = await spec.hooks.stage(workDir, signal, attempt.number);
      const staged = spec.hooks.stagedWrapper?.(workDir);
      writeWorkDirScripts(workDir, {
        script,
        env: spec.env,
        name: prepared.name,
        monitor: opts.monitor,
        wrapper: staged === undefined ? spec.wrapper : { ...spec.wrapper, ...staged },
        direct: prepared.direct,
      });
    },

    cached(spec, step) {
      if (!opts.reuse.resuming) return undefined;
      const key = keyOf(spec, step);
      const from = opts.reuse.completed.get(key);
      let workDir: string | undefined;
      if (!spec.light) {
        workDir = workDirFor(opts.workRoot, key);
        if (readExitCode(workDir) !== 0) {
          keys.set(spec, key);
          return undefined;
        }
      } else if (from === undefined) {
        keys.set(spec, key);
        return undefined;
      }
      if (spec.hooks?.finish !== undefined) keys.set(spec, key); // its finish hook may still refuse the reuse
      return reusedRecord(opts.runId, spec, key, workDir, from, opts.reuse.completed);
    },

    record: (attempt, state, details = {}) =>
      attemptRecord(opts.runId, opts.backendName, attempt, state, details, opts.monitor === true),
  };
}
