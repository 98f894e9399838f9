// A client of `pipe server` (role client): submits, queries and cancels tasks over one connection.
import { helloProof, newNonce, proofsMatch, welcomeProof } from '../protocol/auth.js';
import { ExitCode, PipeError } from '../../../engine/errors.js';
import { parseServerUrl } from '../protocol/address.js';
import { dial, wrapSocket, type Connection } from '../protocol/connection.js';
import { checkTokenLength } from '../protocol/token.js';
import {
  type AgentRow,
  PROTOCOL_VERSION,
  type ClientMessage,
  type NewTask,
  type QueueCounts,
  type ServerMessage,
  type TaskQuery,
  type TaskRow,
} from '../protocol/messages.js';

// The server said no to this client (wrong token, other protocol version).
export class RefusedError extends PipeError {
  override readonly code = 'REFUSED';
  override readonly exitCode = ExitCode.Usage;
}

// The server cannot be reached, or the connection broke.
export class ServerUnreachableError extends PipeError {
  override readonly code = 'UNREACHABLE';
}

export interface PilotClient {
  readonly session: string;
  submit(tasks: readonly NewTask[]): Promise<string[]>;
  query(query: TaskQuery): Promise<{ counts: QueueCounts; tasks: TaskRow[]; agents: AgentRow[] }>;
  // Cancels tasks: queued ones end at once, dispatched ones are signalled on their agents.
  cancel(ids: readonly string[]): Promise<void>;
  close(): void;
}

export interface ClientOptions {
  readonly ca?: string | Buffer | undefined;
  readonly timeoutMs?: number | undefined;
}

type Pending = { resolve: (message: ServerMessage) => void; reject: (error: Error) => void };

// Whether a failed TLS handshake's error code says the server's certificate was not trusted: OpenSSL's
// verification codes (https://docs.openssl.org/master/man1/openssl-verification-options/), or a name mismatch.
function isCertificateError(code: string | undefined): boolean {
  return (
    code !== undefined &&
    (/CERT|SELF_SIGNED|UNABLE_TO_(GET_ISSUER|VERIFY)/.test(code) || code === 'ERR_TLS_CERT_ALTNAME_INVALID')
  );
}

// Connects to the server at `url` and says hello with `token`.
export async function connectClient(url: string, token: string, options: ClientOptions = {}): Promise<PilotClient> {
  checkTokenLength(token, 'the client’s options');
  const address = parseServerUrl(url);
  const hint = `Is \`pipe server\` running at ${url}? Start it, or give its URL with --server.`;
  const socket = await dial(address, options).catch((error: Error) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (address.tls && isCertificateError(code)) {
      throw new ServerUnreachableError(
        `Cannot connect to ${url}: its certificate is not trusted (${code}: ${error.message})`,
        {
          cause: error,
          hint: "Trust the server's certificate, or the CA that signed it: add its PEM to the file NODE_EXTRA_CA_CERTS names.",
        },
      );
    }
    throw new ServerUnreachableError(`Cannot connect to ${url}: ${code ?? error.message}`, { cause: error, hint });
  });
  const pending = new Map<number, Pending>();
  let greeting: Pending | undefined;
  let nextSeq = 1;

  // Fails everything waiting with `error`.
  const failAll = (error: Error): void => {
    greeting?.reject(error);
    greeting = undefined;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  let challenge: string | undefined;
  const conn: Connection<ServerMessage, ClientMessage> = wrapSocket<ServerMessage, ClientMessage>(socket, {
    onMessage(message) {
      if (message.t === 'challenge') {
        challenge = message.nonce;
        conn.send({
          t: 'hello',
          version: PROTOCOL_VERSION,
          role: 'client',
          nonce,
          proof: helloProof(token, 'client', message.nonce, nonce),
        });
        return;
      }
      if (message.t === 'welcome' && !proofsMatch(welcomeProof(token, nonce, challenge ?? ''), message.proof)) {
        failAll(
          new RefusedError(`The server at ${url} did not prove that it holds the token`, {
            hint: 'It is not the pipe server whose token you gave: check the URL and the token file.',
          }),
        );
        conn.destroy();
        return;
      }
      if (message.t === 'welcome' || message.t === 'refused') {
        if (message.t === 'refused') {
          failAll(
            new RefusedError(`The server at ${url} refused the connection: ${message.reason}`, {
              hint: 'Give the token `pipe server` wrote (.pipe/pilot/token in its directory) with --token-file, or set PIPE_TOKEN.',
            }),
          );
        } else greeting?.resolve(message);
        greeting = undefined;
        return;
      }
      if ('seq' in message && message.seq !== undefined) {
        const p = pending.get(message.seq);
        pending.delete(message.seq);
        if (message.t === 'error') p?.reject(new PipeError(`The server at ${url} answered: ${message.message}`));
        else p?.resolve(message);
      } else if (message.t === 'error') failAll(new PipeError(`The server at ${url} answered: ${message.message}`));
    },
    onClose(error) {
      failAll(
        new ServerUnreachableError(
          `The connection to ${url} closed${error === undefined ? '' : `: ${error.message}`}`,
          { hint },
        ),
      );
    },
  });

  const nonce = newNonce();
  const welcome = await new Promise<ServerMessage>((resolve, reject) => {
    greeting = { resolve, reject };
  }).catch((error: unknown) => {
    conn.destroy();
    throw error;
  });

  // Sends a request and resolves to its answer.
  const request = (build: (seq: number) => ClientMessage): Promise<ServerMessage> =>
    new Promise((resolve, reject) => {
      if (conn.closed) return reject(new ServerUnreachableError(`The connection to ${url} is closed`, { hint }));
      const seq = nextSeq++;
      pending.set(seq, { resolve, reject });
      conn.send(build(seq));
    });

  return {
    session: welcome.t === 'welcome' ? welcome.server : '',
    async submit(tasks) {
      const answer = await request((seq) => ({ t: 'submit', seq, tasks }));
      return answer.t === 'submitted' ? [...answer.ids] : [];
    },
    async query(query) {
      const answer = await request((seq) => ({ t: 'query', seq, query }));
      if (answer.t !== 'result')
        return { counts: { queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 }, tasks: [], agents: [] };
      return { counts: answer.counts, tasks: [...answer.tasks], agents: [...(answer.agents ?? [])] };
    },
    async cancel(ids) {
      if (ids.length > 0) await request((seq) => ({ t: 'cancel-tasks', seq, ids }));
    },
    close: () => conn.end(),
  };
}
