// `pipe tasks`: a run's tasks as a table, filtered by state or tag.
import { UsageError } from '../../engine/errors.js';
import { TaskState } from '../../engine/task.js';
import { formatDuration, table, truncate } from '../format.js';
import { openExistingStore, pickRun } from './store-access.js';

const STATES = new Set<string>(Object.values(TaskState));
const NATURAL = new Intl.Collator('en', { numeric: true });

// Splits "k=v" into a tag filter, naming a malformed value.
function parseTag(tag: string): [string, string] {
  const at = tag.indexOf('=');
  if (at <= 0)
    throw new UsageError(`expected --tag as key=value, got "${tag}"`, { hint: 'for example --tag sample=A1' });
  return [tag.slice(0, at), tag.slice(at + 1)];
}

// Prints the tasks of a run (or, with --server, of a pilot server's queue); resolves to the exit code.
export async function tasksCommand(options: {
  run?: string;
  state?: string;
  tag?: string;
  limit?: number;
  server?: string;
  tokenFile?: string;
}): Promise<number> {
  if (options.server !== undefined) {
    if (options.run !== undefined)
      throw new UsageError('--run and --server do not go together', {
        hint: 'a pilot server has one queue: drop --run',
      });
    return (await import('./server-tasks.js')).serverTasksCommand({ ...options, server: options.server });
  }
  if (options.state !== undefined && !STATES.has(options.state)) {
    throw new UsageError(`unknown state "${options.state}"`, { hint: `use one of ${[...STATES].join(', ')}` });
  }
  const tag = options.tag === undefined ? undefined : parseTag(options.tag);
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
    const rows = sorted.map((t) => [
      t.taskId,
      t.state,
      String(t.attempt),
      t.exitCode === undefined ? '-' : String(t.exitCode),
      t.startedAt !== undefined && t.endedAt !== undefined ? formatDuration(t.endedAt - t.startedAt) : '-',
      t.key.slice(0, 8),
      truncate(t.command, 60),
    ]);
    process.stdout.write(`${table([['TASK', 'STATE', 'ATTEMPT', 'EXIT', 'DURATION', 'KEY', 'COMMAND'], ...rows])}\n`);
    return 0;
  } finally {
    store.close();
  }
}
