// `pipe server`'s engine: a queue store, a listener, and the agents and clients connected to it (greeted by
// greeting.ts, then served by agent-session.ts and client-session.ts).
import { UsageError } from '../../../engine/errors.js';
import type { Connection } from '../protocol/connection.js';
import { DEFAULT_PORT } from '../protocol/address.js';
import type { Message, ServerMessage } from '../protocol/messages.js';
import { checkTokenLength } from '../protocol/token.js';
import { storeFailed } from './agent-session.js';
import { createStepDurations } from './bundle.js';
import { enqueueTasks } from './client-session.js';
import { greeter } from './greeting.js';
import type { AgentState, ServerContext } from './context.js';
import { createDispatcher } from './dispatcher.js';
import { listen, type Listener } from './listener.js';
import { openQueueStore } from './open-queue-store.js';
import { createReadyWindow } from './ready-window.js';
import { restoreDispatches } from './restore.js';
import { cancelTasks } from './cancel.js';
import { expireSilent } from './requeue.js';
import { createSerial } from './serial.js';
import { agentSummaries } from './agent-summaries.js';
import type { PilotServer, PilotServerOptions, ServerTaskEvent } from './types.js';

// Starts a pilot server: opens (or resumes) the queue, then listens.
export async function createPilotServer(options: PilotServerOptions): Promise<PilotServer> {
  checkTokenLength(options.token, 'the pilot server’s options');
  const heartbeatMs = options.heartbeatMs ?? 5000;
  const heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? 4 * heartbeatMs;
  const store = await openQueueStore(options.launchDir, options.db);
  const listeners: ((event: ServerTaskEvent) => void)[] = [];
  let ctx: ServerContext;
  try {
    const { id: session, resumed } = await store.openSession(options.resume === true, Date.now());
    const serial = createSerial();
    let wakeQueued = false;
    ctx = {
      store,
      session,
      serial,
      window: createReadyWindow(store, session),
      durations: createStepDurations(resumed ? await store.stepDurations(session) : new Map()),
      running: new Map(),
      agents: new Map<string, AgentState>(),
      cancelRequested: new Set(),
      heartbeatMs,
      heartbeatTimeoutMs,
      ended: undefined,
      closing: false,
      log: (event) => options.log?.(event),
      emit: (event) => listeners.forEach((listener) => listener(event)),
      wake() {
        if (wakeQueued) return;
        wakeQueued = true;
        void serial
          .run(() => {
            wakeQueued = false;
            return dispatcher.round();
          })
          .catch((error) => storeFailed(ctx, error));
      },
    };
    if (resumed) await restoreDispatches(ctx);
  } catch (error) {
    await store.close();
    throw error;
  }
  const dispatcher = createDispatcher(ctx);
  const connections = new Set<Connection<Message, ServerMessage>>();
  const onSocket = greeter(ctx, dispatcher, options.token, connections);

  let listener: Listener;
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? DEFAULT_PORT;
  try {
    listener = await listen(host, port, options.tls, onSocket);
  } catch (error) {
    await store.close();
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`Cannot listen on ${host}:${port}: ${code ?? String(error)}`, {
      cause: error,
      hint:
        code === 'EADDRINUSE'
          ? 'Another process uses that port: pick another with --port (0 picks a free one).'
          : 'Check --host and --port.',
    });
  }
  const tick = setInterval(
    () => {
      void ctx.serial.run(() => expireSilent(ctx, Date.now())).catch((error) => storeFailed(ctx, error));
    },
    Math.max(10, Math.min(heartbeatMs, Math.floor(heartbeatTimeoutMs / 4))),
  );
  tick.unref();
  ctx.wake();

  return {
    url: listener.url,
    session: ctx.session,
    enqueue: (tasks) => enqueueTasks(ctx, tasks),
    cancel: (ids) => ctx.serial.run(() => cancelTasks(ctx, ids)),
    subscribe: (listener) => void listeners.push(listener),
    counts: () => ctx.store.counts(ctx.session),
    list: (query) => ctx.store.list(ctx.session, query),
    agents: () => agentSummaries(ctx, Date.now()),
    nodeHistory: () =>
      [...ctx.agents.values()]
        .filter((agent) => agent.node.history.length > 0)
        .map((agent) => ({ agent: agent.id, host: agent.info?.host ?? '?', samples: [...agent.node.history] })),
    end(reason) {
      if (ctx.ended !== undefined) return;
      ctx.ended = reason;
      for (const agent of ctx.agents.values()) agent.conn?.send({ t: 'end', reason });
    },
    async close() {
      if (ctx.closing) return;
      ctx.closing = true;
      clearInterval(tick);
      const closed = listener.close();
      for (const conn of connections) conn.end();
      setTimeout(() => connections.forEach((conn) => conn.destroy()), 1000).unref();
      await ctx.serial.idle();
      await closed;
      await ctx.store.close();
    },
  };
}
