// `pipe tasks --server URL`: a pilot server's queue — counts by state, a table of its tasks, then one of its agents
// (with their node figures when they monitor).
import { UsageError } from '../../engine/errors.js';
import { connectClient } from '../../backends/pilot/client/pilot-client.js';
import type { QueueCounts, TaskStateName } from '../../backends/pilot/protocol/messages.js';
import { formatCount, formatDuration, table, truncate } from '../format.js';
import { agentRows } from '../progress/node-figures.js';
import { clientToken, parseTags } from './pilot-access.js';

const STATES: readonly TaskStateName[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];
const DEFAULT_LIMIT = 1000;

export interface ServerTasksOptions {
  readonly server: string;
  readonly tokenFile?: string;
  readonly state?: string;
  readonly tag?: string;
  readonly limit?: number;
}

// "queued 3 · running 1 · …" for the counts line.
export function formatCounts(counts: QueueCounts): string {
  return STATES.map((state) => `${state} ${formatCount(counts[state])}`).join(' · ');
}

// Prints the queue of the server; resolves to the exit code.
export async function serverTasksCommand(options: ServerTasksOptions): Promise<number> {
  if (options.state !== undefined && !(STATES as readonly string[]).includes(options.state)) {
    throw new UsageError(`unknown state "${options.state}"`, { hint: `with --server use one of ${STATES.join(', ')}` });
  }
  const tags = parseTags(options.tag === undefined ? undefined : [options.tag]);
  const client = await connectClient(options.server, clientToken(options.tokenFile));
  try {
    const { counts, tasks, agents } = await client.query({
      state: options.state as TaskStateName | undefined,
      tags,
      limit: options.limit ?? DEFAULT_LIMIT,
    });
    const rows = tasks.map((t) => [
      t.id,
      t.state,
      String(t.attempt),
      t.exitCode === undefined || t.exitCode === null ? '-' : String(t.exitCode),
      t.agent ?? '-',
      t.startedAt !== undefined && t.endedAt !== undefined ? formatDuration(t.endedAt - t.startedAt) : '-',
      truncate(t.name ?? '-', 30),
      truncate(t.command, 60),
    ]);
    process.stdout.write(`${formatCounts(counts)}\n`);
    process.stdout.write(
      `${table([['TASK', 'STATE', 'ATTEMPT', 'EXIT', 'AGENT', 'DURATION', 'NAME', 'COMMAND'], ...rows])}\n`,
    );
    if (agents.length > 0) process.stdout.write(`\n${table(agentRows(agents))}\n`);
    return 0;
  } finally {
    client.close();
  }
}
