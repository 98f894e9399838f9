// `pipe why TASK`: whether a task was reused or run again, and which part of its cache key changed.
import { UsageError } from '../../engine/errors.js';
import type { RunRecord, Store, TaskRecord } from '../../engine/store/store.js';
import { closestMatch } from '../../parsers/common/edit-distance.js';
import { openExistingStore, pickRun } from './store-access.js';

// The latest attempt of a task in a run.
function findTask(store: Store, runId: string, taskId: string): TaskRecord | undefined {
  return store.tasks({ runId, taskId, latestAttemptOnly: true })[0];
}

// Names of the step-level key parts that differ between two runs of a step.
function changedStepParts(store: Store, before: TaskRecord, after: TaskRecord): string[] {
  const parts = (run: string): Record<string, unknown> => {
    const step = store.getSteps(run).find((s) => s.stepId === after.stepId);
    return step === undefined ? {} : (JSON.parse(step.parts) as Record<string, unknown>);
  };
  const a = parts(before.runId);
  const b = parts(after.runId);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (name) => name !== 'digest' && JSON.stringify(a[name]) !== JSON.stringify(b[name]),
  );
}

const CONTEXT = 30; // characters shown on each side of what changed

// The two commands cut to where they differ, with some context, and the changed part in [brackets]: a long command
// that changed at its end shows that end, not two identical-looking beginnings.
export function commandDiff(before: string, after: string): [string, string] {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (
    tail < before.length - head &&
    tail < after.length - head &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  )
    tail++;
  const show = (text: string): string => {
    const start = Math.max(0, head - CONTEXT);
    const end = Math.min(text.length, text.length - tail + CONTEXT);
    const changed = text.slice(head, text.length - tail);
    return (
      `${start > 0 ? '…' : ''}${text.slice(start, head)}[${changed}]` +
      `${text.slice(text.length - tail, end)}${end < text.length ? '…' : ''}`
    );
  };
  return [show(before), show(after)];
}

// Explains a key change between an earlier attempt and this one, part by part.
function explainChange(store: Store, before: TaskRecord, after: TaskRecord): string[] {
  const lines: string[] = [];
  if (before.command !== after.command) {
    const [was, now] = commandDiff(before.command, after.command);
    lines.push('its command changed', `  before (run ${before.runId}): ${was}`, `  now: ${now}`);
  }
  if ((before.inputsDigest ?? '') !== (after.inputsDigest ?? '')) lines.push('its input files changed');
  if ((before.occurrence ?? 0) !== (after.occurrence ?? 0)) {
    lines.push(
      `it is now identical command number ${(after.occurrence ?? 0) + 1} of its list (was ${(before.occurrence ?? 0) + 1})`,
    );
  }
  for (const part of changedStepParts(store, before, after)) lines.push(`the ${part} of its step changed`);
  return lines.length > 0 ? lines : ['its cache key changed'];
}

// The reasons a task ran again in a resumed run.
function explainRerun(store: Store, task: TaskRecord, earlier: readonly RunRecord[]): string[] {
  let previous: TaskRecord | undefined;
  for (const run of earlier) {
    previous = findTask(store, run.id, task.taskId);
    if (previous !== undefined) break;
  }
  if (previous === undefined) return [`it is new: no task ${task.taskId} in the runs it resumed`];
  if (previous.key !== task.key) return explainChange(store, previous, task);
  if (previous.state === 'succeeded' || previous.state === 'cached') {
    return task.workDir === undefined
      ? [`its earlier result (run ${previous.runId}) could not be reused`]
      : [`its work dir ${task.workDir} no longer held a successful .exitcode`];
  }
  const exit = previous.exitCode === undefined ? '' : `, exit code ${previous.exitCode}`;
  return [`it had not succeeded in run ${previous.runId} (${previous.state}${exit})`];
}

// Prints why a task was reused or run again; resolves to the exit code.
export async function whyCommand(taskId: string, options: { run?: string }): Promise<number> {
  const store = openExistingStore();
  try {
    const run = pickRun(store, options.run);
    process.stdout.write(`${explainTask(store, run, taskId).join('\n')}\n`);
    return 0;
  } finally {
    store.close();
  }
}

// The forms a task id takes, by workflow format.
const ID_FORMS =
  'task ids (`pipe tasks` lists them) are a line number (text lists), a YAML id (YAML lists), `PROC (tag)` or ' +
  '`PROC (3)` (.nf: the tag, else the task number) and a CWL step path such as `align`, `main/align` (a nested step) or `align[2]` (a scatter job)';

// Why a task of a run was reused or run again, as lines (`pipe why` and `pipe serve` show them).
export function explainTask(store: Store, run: RunRecord, taskId: string): string[] {
  const task = findTask(store, run.id, taskId);
  if (task === undefined) {
    const near = closestMatch(
      taskId,
      store.tasks({ runId: run.id, latestAttemptOnly: true }).map((t) => t.taskId),
    );
    throw new UsageError(`no task "${taskId}" in run ${run.id}`, {
      hint: `${near === undefined ? '' : `did you mean "${near}"? `}${ID_FORMS}`,
    });
  }
  const key = task.key.slice(0, 12);
  const out: string[] = [];
  if (task.state === 'cached') {
    out.push(`task ${taskId} in run ${run.id}: reused`);
    out.push(
      `  same cache key ${key} as in run ${task.cachedFrom ?? '(an earlier run)'}${task.reason?.includes('not running') ? ', which finished it while pipe was not running' : ''}`,
    );
  } else {
    const earlier = store.lineage(run.id).slice(1);
    out.push(
      `task ${taskId} in run ${run.id}: ${earlier.length === 0 ? 'ran' : 'run again'} (${task.state}, key ${key})`,
    );
    if (earlier.length === 0) out.push('  this run resumed no earlier run (use --resume to reuse results)');
    else
      out.push(
        ...explainRerun(store, task, earlier).map((line) =>
          line.startsWith('  ') ? `  ${line}` : `  because ${line}`,
        ),
      );
  }
  return out;
}
