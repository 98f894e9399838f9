// How the pilot server greets a connection: it sends a challenge; the first message must be a hello answering it
// with the token's proof (within HELLO_TIMEOUT_MS, in a small frame); the hello's role hands the connection to the
// agent or the client session. Anything else is refused with one line saying why, and logged.
import type { Socket } from 'node:net';
import { helloProof, newNonce, proofsMatch, welcomeProof } from '../protocol/auth.js';
import { wrapSocket, type Connection } from '../protocol/connection.js';
import { MAX_FRAME_BYTES, MAX_HELLO_BYTES } from '../protocol/frame.js';
import { PROTOCOL_VERSION, type Message, type ServerMessage } from '../protocol/messages.js';
import { acceptAgent, agentClosed } from './agent-session.js';
import { acceptClient } from './client-session.js';
import type { ServerContext } from './context.js';
import type { Dispatcher } from './dispatcher.js';

export const HELLO_TIMEOUT_MS = 10_000;

// The listener's handler of new sockets; each connection is in `connections` until it closes.
export function greeter(
  ctx: ServerContext,
  dispatcher: Dispatcher,
  token: string,
  connections: Set<Connection<Message, ServerMessage>>,
): (socket: Socket) => void {
  return (socket: Socket): void => {
    const challenge = newNonce();
    let handle: ((message: Message) => void) | undefined;
    let agentId: string | undefined;
    const conn: Connection<Message, ServerMessage> = wrapSocket<Message, ServerMessage>(socket, {
      onMessage(message) {
        if (handle !== undefined) return handle(message);
        clearTimeout(timer);
        const refusal = refusalOf(message, token, challenge);
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
        const proof = welcomeProof(token, hello.nonce, challenge);
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
}

// Why a first message is refused, or undefined when it is a valid hello answering `challenge`.
export function refusalOf(message: Message, token: string, challenge: string): string | undefined {
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
