// `pipe server`'s engine: a queue store, a listener, and the agents and clients connected to it.
import type { Socket } from 'node:net';
import { UsageError } from '../../../engine/errors.js';
import { wrapSocket, type Connection } from '../protocol/connection.js';
import { MAX_FRAME_BYTES, MAX_HELLO_BYTES } from '../protocol/frame.js';
import { DEFAULT_PORT } from '../protocol/address.js';
import { PROTOCOL_VERSION, type Message, type ServerMessage } from '../protocol/messages.js';
import { helloProof, newNonce, proofsMatch, welcomeProof } from '../protocol/auth.js';
import { checkTokenLength } from '../protocol/token.js';
import { acceptAgent, agentClosed, storeFailed } from './agent-session.js';
import { createStepDurations } from './bundle.js';
import { acceptClient, enqueueTasks } from './client-session.js';
import type { AgentState, ServerContext } from './context.js';
import { createDispatcher } from './dispatcher.js';
import { listen, type Listener } from './listener.js';
import { openQueueStore } from './open-queue-store.js';
import { createReadyWindow } from './ready-window.js';
import { restoreDispatches } from './restore.js';
import { cancelTasks } from './cancel.js';
import { expireSilent } from './requeue.js';
import { createSerial } from './serial.js';
import type { AgentSummary, PilotServer, PilotServerOptions, ServerTaskEvent } from './types.js';

const HELLO_TIMEOUT_MS = 10_000;

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

  // Greets a new connection: the first message must be a hello with the right token.
  const onSocket = (socket: Socket): void => {
    const challenge = newNonce();
    let handle: ((message: Message) => void) | undefined;
    let agentId: string | undefined;
    const conn: Connection<Message, ServerMessage> = wrapSocket<Message, ServerMessage>(socket, {
      onMessage(message) {
        if (handle !== undefined) return handle(message);
        clearTimeout(timer);
        const refusal = refusalOf(message, options.token, challenge);
        if (refusal !== undefined) {
          const role = message.t === 'hello' && message.role === 'client' ? 'client' : 'agent';
          ctx.log({
            level: 'warn',
            event: `${role}-refused`,
            message: `refused ${role} connection from ${conn.remote}: ${refusal}`,
            remote: conn.remote,
            reason: refusal,
          });
          conn.send({ t: 'refused', reason: refusal });
          conn.end();
          handle = () => undefined;
          return;
        }
        const hello = message as Extract<Message, { t: 'hello' }>;
        const proof = welcomeProof(options.token, hello.nonce, challenge);
        if (hello.role === 'agent') {
          agentId = hello.agent!.id;
          handle = acceptAgent(ctx, dispatcher, conn, hello, proof) as (message: Message) => void;
        } else handle = acceptClient(ctx, conn, proof) as (message: Message) => void;
      },
      // Until its hello is accepted, a connection may send only a small frame (a stranger must not make the server
      // buffer 64 MiB per connection).
      maxFrameBytes: () => (handle === undefined ? MAX_HELLO_BYTES : MAX_FRAME_BYTES),
      onClose() {
        clearTimeout(timer);
        connections.delete(conn);
        if (agentId !== undefined) agentClosed(ctx, dispatcher, agentId, conn);
      },
    });
    connections.add(conn);
    conn.send({ t: 'challenge', version: PROTOCOL_VERSION, nonce: challenge });
    const timer = setTimeout(() => {
      ctx.log({
        level: 'warn',
        event: 'hello-timeout',
        message: `closed connection from ${conn.remote}: no hello within ${HELLO_TIMEOUT_MS / 1000} s`,
        remote: conn.remote,
      });
      conn.destroy();
    }, HELLO_TIMEOUT_MS);
  };

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
    agents: () => summaries(ctx, Date.now()),
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

// Why a first message is refused, or undefined when it is a valid hello answering `challenge`.
function refusalOf(message: Message, token: string, challenge: string): string | undefined {
  if (message.t !== 'hello') return `expected hello first, got ${JSON.stringify(message.t)}`;
  if (message.version !== PROTOCOL_VERSION)
    return `protocol version ${String(message.version)} is not ${PROTOCOL_VERSION}: use the same pipe version`;
  if (message.role !== 'agent' && message.role !== 'client') return `unknown role ${JSON.stringify(message.role)}`;
  if (typeof message.nonce !== 'string' || message.nonce.length < 16 || typeof message.proof !== 'string')
    return 'no token given';
  if (!proofsMatch(helloProof(token, message.role, challenge, message.nonce), message.proof)) return 'wrong token';
  if (message.role === 'agent' && (typeof message.agent?.id !== 'string' || message.agent.id === ''))
    return 'an agent hello needs agent.id';
  return undefined;
}

// What launchers see of the agents.
function summaries(ctx: ServerContext, now: number): AgentSummary[] {
  return [...ctx.agents.values()].map((agent) => ({
    id: agent.id,
    host: agent.info?.host ?? '?',
    slots: agent.info?.slots ?? 0,
    running: agent.running.size,
    connected: agent.conn !== undefined && !agent.conn.closed,
    idleSinceMs: agent.running.size === 0 ? now - agent.idleSince : undefined,
  }));
}
