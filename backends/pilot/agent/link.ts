// The agent's connection to the server: dial, hello, welcome; after a loss it dials again with exponential
// backoff and jitter until the server answers or giveUpMs has passed since the connection was last up.
import { helloProof, newNonce, proofsMatch, welcomeProof } from '../protocol/auth.js';
import { wrapSocket, dial, type Connection } from '../protocol/connection.js';
import { checkTokenLength } from '../protocol/token.js';
import type { ServerAddress } from '../protocol/address.js';
import type { AgentMessage, Hello, ServerMessage, Welcome } from '../protocol/messages.js';

export const DEFAULT_RECONNECT = { initialMs: 200, maxMs: 10_000, giveUpMs: 600_000 } as const;

export interface LinkOptions {
  readonly address: ServerAddress;
  readonly ca?: string | Buffer | undefined;
  readonly reconnect?: { readonly initialMs?: number; readonly maxMs?: number; readonly giveUpMs?: number } | undefined;
  // The hello to present on each connection (it says what the agent holds at that moment), without its proof.
  readonly hello: () => Omit<Hello, 'nonce' | 'proof'>;
  readonly token: string; // proves the agent to the server, and the server to the agent (protocol/auth.ts)
  readonly onWelcome: (welcome: Welcome, send: (message: AgentMessage) => void) => void;
  readonly onMessage: (message: ServerMessage) => void;
  // A welcomed connection was lost (reconnection attempts follow).
  readonly onLost: (error: Error | undefined) => void;
  readonly onRetry: (attempt: number, delayMs: number, error: Error | undefined) => void;
  readonly onRefused: (reason: string) => void;
  readonly onGiveUp: (error: Error | undefined) => void;
}

export interface Link {
  readonly up: boolean; // welcomed and not lost
  send(message: AgentMessage): void;
  // Ends the connection after what was sent, and stops reconnecting.
  close(): void;
}

// The delay before reconnection attempt `n` (1-based): doubling from initialMs up to maxMs, times 0.5–1.
export function backoffDelay(n: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(n - 1, 30));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

// Starts connecting at once.
export function createLink(opts: LinkOptions): Link {
  checkTokenLength(opts.token, 'the agent’s options');
  const initialMs = opts.reconnect?.initialMs ?? DEFAULT_RECONNECT.initialMs;
  const maxMs = opts.reconnect?.maxMs ?? DEFAULT_RECONNECT.maxMs;
  const giveUpMs = opts.reconnect?.giveUpMs ?? DEFAULT_RECONNECT.giveUpMs;
  let connection: Connection<ServerMessage, AgentMessage> | undefined;
  let up = false;
  let closed = false;
  let failures = 0;
  let downSince = Date.now();
  let retryTimer: NodeJS.Timeout | undefined;
  let expectedProof: string | undefined; // the welcome's proof this connection's hello asks for

  // Waits and dials again, or gives up.
  const retry = (error: Error | undefined): void => {
    if (closed) return;
    failures += 1;
    const delay = backoffDelay(failures, initialMs, maxMs);
    if (Date.now() + delay - downSince > giveUpMs) {
      closed = true;
      opts.onGiveUp(error);
      return;
    }
    opts.onRetry(failures, delay, error);
    retryTimer = setTimeout(connect, delay);
  };

  // Handles one message of the current connection; nothing but welcome or refused counts before the welcome.
  const onMessage = (message: ServerMessage): void => {
    if (up) {
      opts.onMessage(message);
      return;
    }
    if (message.t === 'challenge') {
      const hello = opts.hello();
      const nonce = newNonce();
      expectedProof = welcomeProof(opts.token, nonce, message.nonce);
      connection?.send({ ...hello, nonce, proof: helloProof(opts.token, hello.role, message.nonce, nonce) });
      return;
    }
    if (message.t === 'welcome') {
      if (expectedProof === undefined || !proofsMatch(expectedProof, message.proof)) {
        closed = true;
        connection?.destroy();
        opts.onRefused(
          'the server did not prove that it holds the token: it is not the pipe server this agent was given',
        );
        return;
      }
      up = true;
      failures = 0;
      const current = connection!;
      opts.onWelcome(message, (m) => current.send(m));
    } else if (message.t === 'refused') {
      closed = true;
      connection?.destroy();
      opts.onRefused(message.reason);
    }
  };

  const onClose = (error: Error | undefined): void => {
    connection = undefined;
    if (closed) return;
    if (up) {
      up = false;
      downSince = Date.now();
      opts.onLost(error);
    }
    retry(error);
  };

  // Dials once; the hello answers the server's challenge.
  function connect(): void {
    retryTimer = undefined;
    if (closed) return;
    dial(opts.address, { ca: opts.ca }).then(
      (socket) => {
        if (closed) {
          socket.destroy();
          return;
        }
        connection = wrapSocket<ServerMessage, AgentMessage>(socket, { onMessage, onClose });
      },
      (error: Error) => retry(error),
    );
  }

  connect();
  return {
    get up() {
      return up;
    },
    send(message) {
      if (up) connection?.send(message);
    },
    close() {
      closed = true;
      up = false;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      connection?.end();
    },
  };
}
