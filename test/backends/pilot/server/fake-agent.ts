// A scripted agent for the server tests: speaks the protocol through connection.ts and lets a test wait for
// what the server sends.
import { helloProof, newNonce } from '../../../../backends/pilot/protocol/auth.js';
import { parseServerUrl } from '../../../../backends/pilot/protocol/address.js';
import { dial, wrapSocket, type Connection } from '../../../../backends/pilot/protocol/connection.js';
import {
  PROTOCOL_VERSION,
  type AgentMessage,
  type Hello,
  type Pull,
  type ServerMessage,
  type TaskResult,
  type WireTask,
} from '../../../../backends/pilot/protocol/messages.js';

export interface FakeAgent {
  readonly id: string;
  readonly received: ServerMessage[];
  send(message: AgentMessage): void;
  // The next message of type `t` not yet taken by an earlier call.
  next<T extends ServerMessage['t']>(t: T): Promise<Extract<ServerMessage, { t: T }>>;
  // Pulls and resolves to the tasks of the answer.
  pull(pull?: Partial<Omit<Pull, 't'>>): Promise<WireTask[]>;
  // Reports results and resolves once they are acknowledged.
  done(results: readonly TaskResult[]): Promise<void>;
  readonly closed: Promise<void>;
  destroy(): void;
}

let seq = 0;

// The result of a task that exited with `exitCode`.
export function result(task: WireTask, exitCode = 0, extra: Partial<TaskResult> = {}): TaskResult {
  return { id: task.id, attempt: task.attempt, exitCode, startedAt: Date.now() - 5, endedAt: Date.now(), ...extra };
}

// Connects an agent and says hello, then beats as often as the welcome asks; resolves after the server's first
// answer (welcome or refused).
export async function connectAgent(
  url: string,
  token: string,
  options: { id?: string; holding?: Hello['holding']; slots?: number } = {},
): Promise<FakeAgent> {
  const id = options.id ?? `agent-${++seq}`;
  const received: ServerMessage[] = [];
  const taken = new Set<ServerMessage>();
  const waiters: (() => void)[] = [];
  let onClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (onClosed = resolve));
  let beats: NodeJS.Timeout | undefined;
  let gotChallenge: (nonce: string) => void = () => undefined;
  const challenged = new Promise<string>((resolve) => (gotChallenge = resolve));
  const conn: Connection<ServerMessage, AgentMessage> = wrapSocket(await dial(parseServerUrl(url)), {
    onMessage(message) {
      if (message.t === 'challenge') return gotChallenge(message.nonce);
      received.push(message);
      if (message.t === 'welcome') beats = setInterval(() => conn.send({ t: 'beat' }), message.heartbeatMs);
      waiters.splice(0).forEach((wake) => wake());
    },
    onClose() {
      clearInterval(beats);
      onClosed();
    },
  });

  // Resolves to the first untaken message of type t, waiting for it if needed.
  const next = async <T extends ServerMessage['t']>(t: T): Promise<Extract<ServerMessage, { t: T }>> => {
    for (;;) {
      const found = received.find((m) => m.t === t && !taken.has(m));
      if (found !== undefined) {
        taken.add(found);
        return found as Extract<ServerMessage, { t: T }>;
      }
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };

  const agent: FakeAgent = {
    id,
    received,
    send: (message) => conn.send(message),
    next,
    async pull(pull = {}) {
      conn.send({ t: 'pull', max: 10, ...pull });
      return [...(await next('tasks')).tasks];
    },
    async done(results) {
      const mySeq = ++seq;
      conn.send({ t: 'done', seq: mySeq, results });
      for (;;) {
        const ack = await next('ack');
        if (ack.seq === mySeq) return;
      }
    },
    closed,
    destroy: () => conn.destroy(),
  };
  const challenge = { nonce: await challenged };
  const nonce = newNonce();
  conn.send({
    t: 'hello',
    version: PROTOCOL_VERSION,
    nonce,
    proof: helloProof(token, 'agent', challenge.nonce, nonce),
    role: 'agent',
    agent: { id, host: 'test-host', pid: process.pid, slots: options.slots ?? 4, cpus: 4 },
    holding: options.holding,
  });
  await new Promise<void>((resolve) => {
    const check = (): void => {
      if (received.some((m) => m.t === 'welcome' || m.t === 'refused')) resolve();
      else waiters.push(check);
    };
    check();
  });
  return agent;
}
