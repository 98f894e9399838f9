// An in-process pilot agent for queue benchmarks: it speaks the agent protocol, pulls up to `slots` tasks at a time
// and reports each bundle as succeeded at once, so that what is measured is the server and its queue store.
import { helloProof, newNonce } from '../backends/pilot/protocol/auth.js';
import { parseServerUrl } from '../backends/pilot/protocol/address.js';
import { dial, wrapSocket, type Connection } from '../backends/pilot/protocol/connection.js';
import { PROTOCOL_VERSION, type AgentMessage, type ServerMessage } from '../backends/pilot/protocol/messages.js';

export interface InstantAgent {
  // Tasks this agent has reported done.
  readonly completed: () => number;
  // Of those, the ones the server has acknowledged: their results are committed.
  readonly acknowledged: () => number;
  stop(): void;
}

// Connects agent `id` and keeps pulling and completing until stopped or the connection closes.
export async function startInstantAgent(url: string, token: string, id: string, slots: number): Promise<InstantAgent> {
  let completed = 0;
  let acknowledged = 0;
  let seq = 0;
  const sizes = new Map<number, number>(); // results in each unacknowledged `done`, by seq
  let beats: NodeJS.Timeout | undefined;
  const pull = (): void => conn.send({ t: 'pull', max: slots });
  const conn: Connection<ServerMessage, AgentMessage> = wrapSocket(await dial(parseServerUrl(url)), {
    onMessage(message) {
      if (message.t === 'challenge') {
        const nonce = newNonce();
        conn.send({
          t: 'hello',
          version: PROTOCOL_VERSION,
          nonce,
          proof: helloProof(token, 'agent', message.nonce, nonce),
          role: 'agent',
          agent: { id, host: 'bench', pid: process.pid, slots, cpus: slots },
        });
      } else if (message.t === 'welcome') {
        beats = setInterval(() => conn.send({ t: 'beat' }), message.heartbeatMs);
        pull();
      } else if (message.t === 'tasks') {
        const now = Date.now();
        const results = message.tasks.map((task) => ({
          id: task.id,
          attempt: task.attempt,
          exitCode: 0,
          startedAt: now,
          endedAt: now,
        }));
        if (results.length > 0) {
          sizes.set(++seq, results.length);
          conn.send({ t: 'done', seq, results });
        }
        completed += results.length;
        pull();
      } else if (message.t === 'ack') {
        acknowledged += sizes.get(message.seq) ?? 0;
        sizes.delete(message.seq);
      }
    },
    onClose: () => clearInterval(beats),
  });
  return {
    completed: () => completed,
    acknowledged: () => acknowledged,
    stop() {
      clearInterval(beats);
      conn.destroy();
    },
  };
}
