// The agent's side of its connection: the hello it presents (who it is, what it still holds), the session check on
// each welcome (a server restarted without --resume is refused), the heartbeat while welcomed, and the log lines
// of losses, retries, refusals and giving up. Reconnection itself is the link's (link.ts).
import type { ServerAddress } from '../protocol/address.js';
import {
  PROTOCOL_VERSION,
  type AgentInfo,
  type AgentMessage,
  type NodeFigures,
  type ServerMessage,
} from '../protocol/messages.js';
import type { AgentLog } from './agent-info.js';
import { createLink } from './link.js';
import type { AgentExit, AgentOptions } from './types.js';

export interface AgentConnectionOptions {
  readonly address: ServerAddress;
  readonly options: Pick<AgentOptions, 'server' | 'ca' | 'reconnect' | 'token'>;
  readonly info: AgentInfo;
  readonly holding: () => { id: string; attempt: number }[]; // tasks held and results not yet acked
  readonly node?: (() => NodeFigures | undefined) | undefined; // the node's latest figures, sent with each beat
  readonly log: AgentLog;
  // A connection was welcomed: `send` reaches the server until onLost.
  readonly onWelcomed: (send: (message: AgentMessage) => void) => void;
  readonly onMessage: (message: ServerMessage) => void;
  readonly onLost: () => void;
  // The agent cannot go on: refused by the server, or the server stayed unreachable.
  readonly onEnd: (reason: Extract<AgentExit['reason'], 'refused' | 'unreachable'>, message: string) => void;
}

export interface AgentConnection {
  readonly up: boolean; // welcomed and not lost
  send(message: AgentMessage): void;
  // Stops the heartbeat, ends the connection after what was sent, and stops reconnecting.
  close(): void;
}

// Starts connecting at once.
export function connectAgent(opts: AgentConnectionOptions): AgentConnection {
  const server = opts.options.server;
  const because = (error: Error | undefined, separator: string): string =>
    error === undefined ? '' : `${separator}${error.message}`;
  let heartbeat: NodeJS.Timeout | undefined;
  let session: string | undefined; // the server session this agent serves, from its first welcome
  const link = createLink({
    address: opts.address,
    ca: opts.options.ca,
    reconnect: opts.options.reconnect,
    token: opts.options.token,
    hello: () => ({
      t: 'hello',
      version: PROTOCOL_VERSION,
      role: 'agent',
      agent: opts.info,
      holding: opts.holding(),
    }),
    onWelcome: (welcome, send) => {
      // A server that restarted without --resume is another session, whose queue is not the one this agent served:
      // a reconnection to it is refused (its tasks could be anyone's).
      if (session !== undefined && welcome.server !== session) {
        const why = `the server's session changed (${session} → ${welcome.server}): it restarted without --resume`;
        opts.log('warn', 'refused', `refusing ${server}: ${why}`);
        opts.onEnd('refused', why);
        return;
      }
      session = welcome.server;
      const { id, slots, cpus } = opts.info;
      opts.log('info', 'connected', `connected to ${server} as ${id} (${slots} slots, ${cpus} cpus)`, {
        server: welcome.server,
      });
      clearInterval(heartbeat);
      const beat = (): void => link.send({ t: 'beat', node: opts.node?.() });
      heartbeat = setInterval(beat, Math.max(10, welcome.heartbeatMs));
      opts.onWelcomed(send);
      if (opts.node !== undefined) beat(); // the server shows the node at once, not a heartbeat later
    },
    onMessage: opts.onMessage,
    onLost: (error) => {
      clearInterval(heartbeat);
      opts.onLost();
      opts.log('warn', 'disconnected', `lost the connection to ${server}${because(error, ': ')}`);
    },
    onRetry: (attempt, delayMs, error) => {
      opts.log(
        'warn',
        'reconnecting',
        `reconnecting to ${server} in ${delayMs} ms (attempt ${attempt}${because(error, '; ')})`,
      );
    },
    onRefused: (reason) => {
      opts.log('warn', 'refused', `the server refused the agent: ${reason}`);
      opts.onEnd('refused', reason);
    },
    onGiveUp: (error) => opts.onEnd('unreachable', `cannot reach ${server}${because(error, ': ')}`),
  });
  return {
    get up() {
      return link.up;
    },
    send: (message) => link.send(message),
    close() {
      clearInterval(heartbeat);
      link.close();
    },
  };
}
