// The shims' gateway: a loopback TCP listener the shim scripts reach with bash's /dev/tcp, so that a command such
// as `squeue` costs a bash start and one round trip instead of a Node start. One request per connection:
//   request  NUL-terminated fields: token, protocol version (1), command, cwd, argc, args…, envc, NAME=value…
//   answer   `stdin\n` when the script comes from stdin (the shim then sends it as one more NUL-terminated field),
//            then `CODE ERRLINES OUTLINES\n`, that many lines of stderr, then stdout until the connection closes.
import { createServer, type Server, type Socket } from 'node:net';
import { checkTokenLength, tokensMatch } from '../protocol/token.js';
import { SHIM_COMMANDS, type ShimAnswer, type ShimCommand, type ShimRequest } from './shim-commands.js';

export const GATEWAY_VERSION = '1';
const MAX_REQUEST_BYTES = 64 * 1024 * 1024;

export interface Gateway {
  readonly port: number;
  close(): Promise<void>;
}

export interface GatewayOptions {
  readonly token: string;
  readonly handle: (request: ShimRequest) => Promise<ShimAnswer>;
  readonly onError?: ((error: unknown) => void) | undefined;
}

type Parsed = { request: ShimRequest; used: number } | { error: string } | undefined;

// Reads a request from the fields received so far; undefined while more are needed.
export function parseGatewayRequest(buffer: Buffer, token: string): Parsed {
  const fields: string[] = [];
  let at = 0;
  // The next field, or undefined when it has not fully arrived.
  const next = (): string | undefined => {
    const end = buffer.indexOf(0, at);
    if (end < 0) return undefined;
    const field = buffer.toString('utf8', at, end);
    at = end + 1;
    fields.push(field);
    return field;
  };
  const given = next();
  if (given === undefined) return undefined;
  if (!tokensMatch(token, given)) return { error: 'wrong token' };
  const version = next();
  if (version === undefined) return undefined;
  if (version !== GATEWAY_VERSION) return { error: `protocol ${version} is not ${GATEWAY_VERSION}: rewrite the shims` };
  const command = next();
  const cwd = next();
  const argc = next();
  if (argc === undefined) return undefined;
  if (!(SHIM_COMMANDS as readonly string[]).includes(command!)) return { error: `unknown command ${command}` };
  const args: string[] = [];
  for (let i = 0; i < Number(argc); i++) {
    const arg = next();
    if (arg === undefined) return undefined;
    args.push(arg);
  }
  const env: Record<string, string> = {};
  const envc = next();
  if (envc === undefined) return undefined;
  for (let i = 0; i < Number(envc); i++) {
    const pair = next();
    if (pair === undefined) return undefined;
    const eq = pair.indexOf('=');
    if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return { request: { command: command as ShimCommand, args, cwd: cwd!, env }, used: at };
}

// An answer's bytes: the header line, stderr, stdout (each ending in a newline when not empty).
export function encodeAnswer(code: number, stdout: string, stderr: string): string {
  const withEnd = (text: string): string => (text === '' || text.endsWith('\n') ? text : `${text}\n`);
  const out = withEnd(stdout);
  const err = withEnd(stderr);
  const lines = (text: string): number => (text.match(/\n/g) ?? []).length;
  return `${code} ${lines(err)} ${lines(out)}\n${err}${out}`;
}

// Serves one connection.
function serve(socket: Socket, options: GatewayOptions): void {
  let buffer = Buffer.alloc(0);
  let request: ShimRequest | undefined;
  let handling = false;
  socket.on('error', () => socket.destroy());
  // Runs the request (again, once its stdin arrived) and writes the answer.
  const answer = (): void => {
    handling = true;
    options.handle(request!).then(
      (result) => {
        if (result.kind === 'stdin') {
          handling = false;
          socket.write('stdin\n');
          return;
        }
        socket.end(encodeAnswer(result.code, result.stdout, result.stderr));
      },
      (error: unknown) => {
        options.onError?.(error);
        socket.end(encodeAnswer(1, '', `pipe shims: ${error instanceof Error ? error.message : String(error)}`));
      },
    );
  };
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    if (buffer.length > MAX_REQUEST_BYTES) return void socket.destroy();
    if (handling) return;
    if (request === undefined) {
      const parsed = parseGatewayRequest(buffer, options.token);
      if (parsed === undefined) return;
      if ('error' in parsed) return void socket.end(encodeAnswer(1, '', `pipe shims: ${parsed.error}`));
      request = parsed.request;
      buffer = buffer.subarray(parsed.used);
      return answer();
    }
    const end = buffer.indexOf(0);
    if (end < 0) return;
    request = { ...request, stdin: buffer.toString('utf8', 0, end) };
    buffer = buffer.subarray(end + 1);
    answer();
  });
}

// Listens on 127.0.0.1 (a free port).
export function startGateway(options: GatewayOptions): Promise<Gateway> {
  checkTokenLength(options.token, 'the shims gateway’s options');
  const server: Server = createServer((socket) => serve(socket, options));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({
        port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
