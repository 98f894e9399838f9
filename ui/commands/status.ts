// `pipe status`: a run's counts per state and, for each failed task, its command, cause, stderr tail and logs.
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { RunRecord, TaskRecord } from '../../engine/store/store.js';
import { signalOfExit } from '../../engine/outcome.js';
import { processAlive } from '../../engine/process-alive.js';
import { formatClock, formatCount, formatDuration, table, truncate } from '../format.js';
import { openExistingStore, pickRun, tailOf } from './store-access.js';

const STATE_ORDER = ['succeeded', 'cached', 'failed', 'cancelled', 'running', 'submitted', 'pending'] as const;
const FAILED_SHOWN = 20;

// Where a failed task's stderr and other logs are.
function logPaths(task: TaskRecord): { stderr?: string; others: string[] } {
  if (task.workDir !== undefined) {
    return {
      stderr: join(task.workDir, '.command.err'),
      others: ['.command.out', '.command.log', '.command.sh', '.command.run'].map((f) =>
        join(task.workDir as string, f),
      ),
    };
  }
  return task.errFile === undefined ? { others: [] } : { stderr: task.errFile, others: [] };
}

// The exit code or signal of a task, with the likely cause.
function describeExit(task: TaskRecord): string {
  const signal = task.signal ?? signalOfExit(task.exitCode);
  const code = task.exitCode === undefined ? 'no exit code' : `exit code ${task.exitCode}`;
  const parts = [signal === undefined ? code : `${code} (${signal})`];
  if (task.reason !== undefined && !task.reason.startsWith('exit code')) parts.push(task.reason);
  return parts.join(': ');
}

// Renders the failed-task section.
function describeFailed(tasks: readonly TaskRecord[]): string[] {
  const out: string[] = [];
  for (const task of tasks.slice(0, FAILED_SHOWN)) {
    const logs = logPaths(task);
    out.push('', `  task ${task.taskId} (attempt ${task.attempt}): ${describeExit(task)}`);
    out.push(`    command: ${truncate(task.command, 100)}`);
    const tail = logs.stderr === undefined ? undefined : tailOf(logs.stderr, 5);
    if (tail !== undefined) out.push('    stderr (last lines):', ...tail.split('\n').map((l) => `      ${l}`));
    out.push(`    stderr: ${logs.stderr ?? '(the task wrote nothing to stderr)'}`);
    if (task.workDir !== undefined) out.push(`    work dir: ${task.workDir}`);
  }
  if (tasks.length > FAILED_SHOWN)
    out.push('', `  … and ${formatCount(tasks.length - FAILED_SHOWN)} more: pipe tasks --state failed`);
  return out;
}

// A run's status; a run still marked running whose process is gone from this host was killed.
function describeRunStatus(run: RunRecord): string {
  if (run.status !== 'running' || run.host !== hostname()) return run.status;
  return processAlive(run.pid) ? 'running' : 'interrupted (pipe was killed; continue with --resume)';
}

// Renders the list of runs.
function describeRuns(runs: readonly RunRecord[]): string {
  const rows = runs.map((r) => [
    r.id,
    describeRunStatus(r).split(' ')[0] as string,
    formatClock(r.startedAt),
    r.resumedFrom ?? '-',
    r.workflow,
  ]);
  return table([['RUN', 'STATUS', 'STARTED', 'RESUMED FROM', 'WORKFLOW'], ...rows]);
}

// Prints the status of a run; resolves to the exit code.
export async function statusCommand(runId: string | undefined, options: { runs?: boolean }): Promise<number> {
  const store = openExistingStore();
  try {
    const out: string[] = [];
    if (options.runs === true) {
      out.push(describeRuns(store.runs()));
    } else {
      const run = pickRun(store, runId);
      const counts = store.countByState(run.id);
      const steps = store.getSteps(run.id);
      const total = steps.reduce((sum, s) => sum + (s.total ?? 0), 0);
      const recorded = Object.values(counts).reduce((a, b) => a + b, 0);
      const took = run.finishedAt === undefined ? 'not finished' : formatDuration(run.finishedAt - run.startedAt);
      out.push(
        `run ${run.id}: ${describeRunStatus(run)} (${took})`,
        `workflow: ${run.workflow}`,
        `backend: ${run.backend}`,
      );
      if (run.resumedFrom !== undefined) out.push(`resumed from: ${run.resumedFrom}`);
      out.push('');
      for (const state of STATE_ORDER) {
        const n = counts[state] ?? 0;
        if (n > 0) out.push(`  ${state.padEnd(10)} ${formatCount(n)}`);
      }
      if (total > recorded) out.push(`  ${'not run'.padEnd(10)} ${formatCount(total - recorded)}`);
      out.push(`  ${'total'.padEnd(10)} ${formatCount(Math.max(total, recorded))}`);
      const failed = store.tasks({ runId: run.id, state: 'failed', latestAttemptOnly: true });
      if (failed.length > 0) out.push('', `failed tasks (${formatCount(failed.length)}):`, ...describeFailed(failed));
    }
    process.stdout.write(`${out.join('\n')}\n`);
    return 0;
  } finally {
    store.close();
  }
}
