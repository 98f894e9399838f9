// Resume: finds the run to continue, records what finished while pipe was down, and collects reusable keys.
import { existsSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend } from './backend.js';
import { UsageError } from './errors.js';
import { readDoneLogs } from './done-log.js';
import { KeyTable, type KeyLookup, type ReuseSource } from './key-table.js';
import { processAlive } from './process-alive.js';
import type { RunRecord, Store, TaskRecord } from './store/store.js';
import { BlockBook } from './task-blocks.js';
import { TaskState } from './task.js';
import { readExitCode } from './workdir/index.js';

export interface ResumePlan {
  readonly base: RunRecord | undefined;
  readonly lineage: readonly string[]; // the base run and the runs it resumed, newest first
  readonly completed: KeyLookup; // key → the run that holds it
  readonly blocks: BlockBook; // blocks of tasks the base run finished, reused whole
  readonly reconciled: number;
}

// The keys, read when first asked: a resume whose tasks all come in whole blocks never reads them.
class KeysOnDemand implements KeyLookup {
  private table: KeyLookup | undefined;

  constructor(private readonly load: () => KeyLookup) {}

  get(key: string): string | undefined {
    return this.keys().get(key);
  }

  has(key: string): boolean {
    return this.keys().has(key);
  }

  get size(): number {
    return this.keys().size;
  }

  source(key: string, fields: string): ReuseSource | undefined {
    return this.keys().source?.(key, fields);
  }

  private keys(): KeyLookup {
    this.table ??= this.load();
    return this.table;
  }
}

// Whether the task's wrapper still runs on this host: the pid is alive and (where /proc tells) works in its dir,
// so a reused pid or a pid from another host sharing the file system is not mistaken for it.
function stillRuns(pid: number, workDir: string): boolean {
  if (!processAlive(pid) || readExitCode(workDir) !== undefined) return false;
  try {
    return readlinkSync(`/proc/${pid}/cwd`) === realpathSync(workDir);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' && !existsSync('/proc/self');
  }
}

// Waits while work-dir tasks of a killed run still run here (their launcher outlived pipe), so none runs twice.
async function waitForOrphans(pids: readonly { pid: number; workDir: string }[], signal: AbortSignal): Promise<void> {
  let left = pids.filter((p) => stillRuns(p.pid, p.workDir));
  while (left.length > 0 && !signal.aborted) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    left = left.filter((p) => stillRuns(p.pid, p.workDir));
  }
}

// Waits while cluster jobs a killed run submitted through this backend are still queued or running (reattach),
// so their .exitcode is read below instead of the tasks being submitted again.
async function reattachJobs(
  unfinished: readonly TaskRecord[],
  backend: Backend | undefined,
  signal: AbortSignal,
): Promise<void> {
  if (backend?.reattach === undefined) return;
  const jobs = unfinished
    .filter((t) => t.backend === backend.name && t.workDir !== undefined && t.nativeId !== undefined)
    .map((t) => ({ nativeId: t.nativeId as string, workDir: t.workDir as string }));
  if (jobs.length > 0) await backend.reattach(jobs, signal);
}

// The time .exitcode was written, as the task's end.
function exitTime(workDir: string): number {
  try {
    return statSync(join(workDir, '.exitcode')).mtimeMs;
  } catch {
    return Date.now();
  }
}

// Chooses the run to resume (`true` = the latest of this workflow) and prepares what it lets this run reuse.
export async function planResume(
  store: Store,
  workflow: string,
  resume: true | string | undefined,
  signal: AbortSignal,
  backend?: Backend,
  stateDir?: string,
): Promise<ResumePlan> {
  const none = { base: undefined, lineage: [], completed: new KeyTable(), blocks: new BlockBook(), reconciled: 0 };
  if (resume === undefined) return none;
  const base = resume === true ? store.latestRun(workflow) : store.getRun(resume);
  if (base === undefined) {
    if (resume === true) return none;
    throw new UsageError(`no run "${resume}" in this directory's store`, {
      hint: 'list earlier runs with `pipe status --runs`, or use --resume alone for the latest run of this workflow',
    });
  }
  const lineage = store.lineage(base.id).map((run) => run.id);
  const unfinished = store.unfinished(lineage);
  const orphans = unfinished
    .filter((t) => t.workDir !== undefined && t.nativeId !== undefined && /^\d+$/.test(t.nativeId))
    .map((t) => ({ pid: Number(t.nativeId), workDir: t.workDir as string }));
  await waitForOrphans(orphans, signal);
  await reattachJobs(unfinished, backend, signal);
  let reconciled = 0;
  for (const task of unfinished) {
    if (task.workDir === undefined) continue;
    const code = readExitCode(task.workDir);
    if (code === undefined) continue;
    reconciled += 1;
    store.recordTask({
      ...task,
      state: code === 0 ? TaskState.Succeeded : TaskState.Failed,
      exitCode: code,
      endedAt: exitTime(task.workDir),
      reason:
        code === 0 ? 'finished while pipe was not running' : `exit code ${code} (finished while pipe was not running)`,
    });
  }
  store.flush();
  const completed = new KeysOnDemand(() => {
    const keys = store.completedKeys(lineage);
    // Light tasks that ended after the last commit of a killed run: their keys are in its done log.
    if (stateDir !== undefined) readDoneLogs(stateDir, lineage, keys);
    return keys;
  });
  // The blocks of the run resumed, not of older runs: a newer run's record of a task is the one a resume follows (a
  // run's blocks are dropped when its rows change; an older run's would still point past them).
  return { base, lineage, completed, blocks: new BlockBook(store.blocks([base.id])), reconciled };
}
