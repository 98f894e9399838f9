// A stand-in for `pipe server` in agent tests: speaks the pilot protocol over node:net, records what agents
// send, hands out queued tasks on pull, and acks done batches unless told not to.
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { helloProof, newNonce, welcomeProof } from '../../../../backends/pilot/protocol/auth.js';
import { wrapSocket, type Connection } from '../../../../backends/pilot/protocol/connection.js';
import { PROTOCOL_VERSION } from '../../../../backends/pilot/protocol/messages.js';
import { testToken } from '../../../helpers/token.js';
import type {
  AgentMessage,
  Hello,
  Pull,
  ServerMessage,
  TaskResult,
  WireTask,
} from '../../../../backends/pilot/protocol/messages.js';

export interface FakeServerOptions {
  readonly token?: string; // default testToken()
  readonly heartbeatMs?: number; // default 5,000
  readonly autoAck?: boolean; // default true
  readonly tls?: { readonly cert: string; readonly key: string } | undefined; // PEM: serve tls:// instead of tcp://
  // An impostor: welcomes any hello (its proof made with its own token), as a process that took a dead server's port.
  readonly welcomeAnyone?: boolean | undefined;
  readonly session?: string | undefined; // the session id it welcomes with (default "fake")
}

export interface Received {
  readonly connection: number; // 1 for the first connection, 2 after a reconnection, …
  readonly message: AgentMessage;
}

export interface FakeServer {
  readonly url: string;
  readonly received: Received[];
  autoAck: boolean;
  session: string; // the session id the next welcome carries
  // Queues tasks: sent on the next pull (or the outstanding one).
  push(tasks: readonly WireTask[]): void;
  send(message: ServerMessage): void;
  // Every result reported so far, in order.
  results(): TaskResult[];
  // Resolves with the latest result of each id once all have one.
  resultsFor(ids: readonly string[], timeoutMs?: number): Promise<Map<string, TaskResult>>;
  // Resolves with the first received message (from `from` on) that satisfies `accept`.
  next<T extends AgentMessage>(
    accept: (message: AgentMessage) => message is T,
    from?: number,
    timeoutMs?: number,
  ): Promise<T>;
  // Cuts the current connection.
  drop(): void;
  readonly connections: number;
  close(): Promise<void>;
}

// A task as the server would send it.
export function wireTask(id: string, command: string, extra: Partial<WireTask> = {}): WireTask {
  return { id, attempt: 1, command, light: true, cpus: 1, ...extra };
}

export const is =
  <K extends AgentMessage['t']>(t: K) =>
  (message: AgentMessage): message is Extract<AgentMessage, { t: K }> =>
    message.t === t;

// Starts a fake server on a free loopback port.
export async function startFakeServer(opts: FakeServerOptions = {}): Promise<FakeServer> {
  const token = opts.token ?? testToken();
  const received: Received[] = [];
  const queue: WireTask[] = [];
  const wakers = new Set<() => void>();
  const sockets = new Set<Socket>();
  let current: Connection<AgentMessage, ServerMessage> | undefined;
  let pending: Pull | undefined;
  let connections = 0;

  // Answers the outstanding pull when tasks are queued.
  const serve = (): void => {
    if (pending === undefined || queue.length === 0 || current === undefined) return;
    const tasks = queue.splice(0, Math.max(1, pending.max));
    pending = undefined;
    current.send({ t: 'tasks', tasks });
  };

  const onSocket = (socket: Socket): void => {
    sockets.add(socket);
    connections += 1;
    const number = connections;
    const challenge = newNonce();
    const connection: Connection<AgentMessage, ServerMessage> = wrapSocket<AgentMessage, ServerMessage>(socket, {
      onMessage(message) {
        received.push({ connection: number, message });
        if (message.t === 'hello') {
          const hello = message as Hello;
          if (opts.welcomeAnyone !== true && hello.proof !== helloProof(token, hello.role, challenge, hello.nonce)) {
            connection.send({ t: 'refused', reason: 'wrong token' });
            connection.end();
          } else {
            current = connection;
            pending = undefined;
            connection.send({
              t: 'welcome',
              server: fake.session,
              heartbeatMs: opts.heartbeatMs ?? 5_000,
              proof: welcomeProof(token, hello.nonce, challenge),
            });
          }
        } else if (message.t === 'pull') {
          pending = message;
          serve();
        } else if (message.t === 'done' && fake.autoAck) {
          connection.send({ t: 'ack', seq: message.seq });
        }
        for (const wake of wakers) wake();
      },
      onClose() {
        sockets.delete(socket);
        if (current === connection) current = undefined;
      },
    });
    connection.send({ t: 'challenge', version: PROTOCOL_VERSION, nonce: challenge });
  };
  const server: Server = opts.tls === undefined ? createServer(onSocket) : createTlsServer(opts.tls, onSocket);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  const fake: FakeServer = {
    url: `${opts.tls === undefined ? 'tcp' : 'tls'}://127.0.0.1:${port}`,
    received,
    autoAck: opts.autoAck ?? true,
    session: opts.session ?? 'fake',
    push(tasks) {
      queue.push(...tasks);
      serve();
    },
    send(message) {
      current?.send(message);
    },
    results() {
      return received.flatMap((r) => (r.message.t === 'done' ? r.message.results : []));
    },
    async resultsFor(ids, timeoutMs = 20_000) {
      const all = (m: AgentMessage): m is AgentMessage => {
        if (m.t !== 'done') return false;
        const have = new Set(fake.results().map((r) => r.id));
        return ids.every((id) => have.has(id));
      };
      await fake.next(all, 0, timeoutMs);
      return new Map(fake.results().map((r) => [r.id, r]));
    },
    next(accept, from = 0, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = received.slice(from).find((r) => accept(r.message));
          if (found === undefined) return false;
          wakers.delete(check);
          clearTimeout(timer);
          resolve(found.message as never);
          return true;
        };
        const timer = setTimeout(() => {
          wakers.delete(check);
          reject(
            new Error(
              `no matching message within ${timeoutMs} ms; received: ${received.map((r) => r.message.t).join(' ')}`,
            ),
          );
        }, timeoutMs);
        if (!check()) wakers.add(check);
      });
    },
    drop() {
      current?.destroy();
      current = undefined;
    },
    get connections() {
      return connections;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
