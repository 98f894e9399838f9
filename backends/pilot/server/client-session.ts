// A client's side of the server (`pipe submit`, `pipe tasks --server`, the shims' gateway): submits, queries and
// cancels.
import type { Connection } from '../protocol/connection.js';
import type { ClientMessage, NewTask, ServerMessage } from '../protocol/messages.js';
import { agentSummaries } from './agent-summaries.js';
import type { ServerContext } from './context.js';
import { cancelTasks } from './cancel.js';
import { validateQuery, validateTasks } from './validate.js';

type ClientConnection = Connection<ClientMessage, ServerMessage>;

// Adds tasks to the queue and wakes the dispatcher; resolves to their ids. Runs the insert serially.
export function enqueueTasks(ctx: ServerContext, tasks: readonly NewTask[]): Promise<string[]> {
  if (tasks.length === 0) return Promise.resolve([]);
  return ctx.serial.run(async () => {
    const first = await ctx.store.insert(ctx.session, tasks, Date.now());
    ctx.window.added();
    ctx.wake();
    return tasks.map((_, i) => String(first + i));
  });
}

// The message handler of a client connection.
export function acceptClient(
  ctx: ServerContext,
  conn: ClientConnection,
  proof: string, // the welcome's proof that this server holds the token
): (message: ClientMessage) => void {
  conn.send({ t: 'welcome', server: ctx.session, heartbeatMs: ctx.heartbeatMs, proof });
  // Sends an error answer to request `seq`.
  const fail = (seq: number | undefined, error: unknown): void =>
    conn.send({ t: 'error', seq, message: error instanceof Error ? error.message : String(error) });

  return (message) => {
    switch (message.t) {
      case 'submit': {
        const checked = validateTasks(message.tasks);
        if (!checked.ok) return fail(message.seq, checked.message);
        enqueueTasks(ctx, checked.tasks).then(
          (ids) => conn.send({ t: 'submitted', seq: message.seq, ids }),
          (error) => fail(message.seq, error),
        );
        return;
      }
      case 'query': {
        const checked = validateQuery(message.query);
        if (!checked.ok) return fail(message.seq, checked.message);
        const { query } = checked;
        Promise.all([ctx.store.counts(ctx.session, query.tags), ctx.store.list(ctx.session, query)]).then(
          ([counts, tasks]) =>
            conn.send({ t: 'result', seq: message.seq, counts, tasks, agents: agentSummaries(ctx, Date.now()) }),
          (error) => fail(message.seq, error),
        );
        return;
      }
      case 'cancel-tasks': {
        const ids = Array.isArray(message.ids) ? message.ids.filter((id): id is string => typeof id === 'string') : [];
        ctx.serial
          .run(() => cancelTasks(ctx, ids))
          .then(
            () => conn.send({ t: 'cancelled', seq: message.seq }),
            (error) => fail(message.seq, error),
          );
        return;
      }
      case 'hello':
        return fail(undefined, 'hello was already received on this connection');
      default: {
        const never: never = message;
        fail(undefined, `unknown message type ${JSON.stringify((never as { t?: unknown }).t)}`);
      }
    }
  };
}
