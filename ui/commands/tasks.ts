// `pipe tasks`: a run's tasks as a table, filtered by state or tag.
import { UsageError } from '../../engine/errors.js';
import { closestMatch } from '../../engine/text/edit-distance.js';
import type { Store, TaskRecord } from '../../engine/store/store.js';
import { TaskState } from '../../engine/task.js';
import { table } from '../format.js';
import { resourceLookup } from '../trace/task-resources.js';
import { openExistingStore, pickRun } from './store-access.js';
import { needsResources, parseTaskFields, TASK_FIELDS } from './task-fields.js';

const STATES = new Set<string>(Object.values(TaskState));
const NATURAL = new Intl.Collator('en', { numeric: true });

// Splits "k=v" into a tag filter, naming a malformed value.
function parseTag(tag: string): [string, string] {
  const at = tag.indexOf('=');
  if (at <= 0)
    throw new UsageError(`expected --tag as key=value, got "${tag}"`, { hint: 'for example --tag sample=A1' });
  return [tag.slice(0, at), tag.slice(at + 1)];
}

const BLOCKED = 'not run: blocked by a failed task, or the run stopped first';

// The steps of a finished run with tasks that never ran (their inputs never came): a step of one task is named by
// its id (a YAML task), others by how many.
function notRun(
  store: Store,
  runId: string,
  listed: readonly TaskRecord[],
): { stepId: string; count: number; single: boolean }[] {
  const seen = new Map<string, number>();
  for (const t of listed) seen.set(t.stepId, (seen.get(t.stepId) ?? 0) + 1);
  return store.getSteps(runId).flatMap((step) => {
    const count = (step.total ?? 0) - (seen.get(step.stepId) ?? 0);
    return count > 0 ? [{ stepId: step.stepId, count, single: step.total === 1 }] : [];
  });
}

// The options of `pipe tasks`, as the command line gives them.
export interface TasksOptions {
  run?: string;
  state?: string;
  tag?: string;
  limit?: number;
  server?: string;
  tokenFile?: string;
  fields?: string;
}

// Prints the tasks of a run (or, with --server, of a pilot server's queue); resolves to the exit code.
export async function tasksCommand(options: TasksOptions): Promise<number> {
  if (options.server !== undefined) {
    if (options.run !== undefined)
      throw new UsageError('--run and --server do not go together', {
        hint: 'a pilot server has one queue: drop --run',
      });
    return (await import('./server-tasks.js')).serverTasksCommand({ ...options, server: options.server });
  }
  if (options.state !== undefined && !STATES.has(options.state)) {
    const near = closestMatch(options.state, [...STATES]);
    throw new UsageError(`unknown state "${options.state}"`, {
      hint: `${near === undefined ? '' : `did you mean \`${near}\`? `}use one of ${[...STATES].join(', ')}`,
    });
  }
  const tag = options.tag === undefined ? undefined : parseTag(options.tag);
  const fields = parseTaskFields(options.fields);
  const store = openExistingStore();
  try {
    const run = pickRun(store, options.run);
    const tasks = store.tasks({
      runId: run.id,
      state: options.state as TaskState | undefined,
      tag,
      latestAttemptOnly: true,
      limit: options.limit,
    });
    // Natural order within a step: t2 before t10, as a person numbers tasks.
    const sorted = [...tasks].sort((a, b) => a.idx - b.idx || NATURAL.compare(a.taskId, b.taskId));
    const usage = needsResources(fields) ? resourceLookup(store, run.id) : () => undefined;
    const columns = fields.map((f) => TASK_FIELDS[f]!);
    const rows = sorted.map((t) => {
      const used = usage(t);
      return columns.map(([, cell]) => cell(t, used));
    });
    const blocked =
      options.state === undefined && tag === undefined && options.limit === undefined && run.status !== 'running'
        ? notRun(store, run.id, tasks)
        : [];
    const notRunRow = (stepId: string): string[] =>
      fields.map((f) => (f === 'task' ? stepId : f === 'state' ? 'not run' : f === 'command' ? BLOCKED : '-'));
    const more = blocked.flatMap((b) => (b.single ? [notRunRow(b.stepId)] : []));
    const lines = [table([columns.map(([header]) => header), ...rows, ...more])];
    for (const b of blocked.filter((x) => !x.single))
      lines.push(`${b.count} more task${b.count === 1 ? '' : 's'} of step ${b.stepId}: ${BLOCKED}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    store.close();
  }
}
