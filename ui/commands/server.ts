// `pipe server`: runs a pilot server in this directory until SIGINT or SIGTERM, logging one line per event.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../engine/errors.js';
import { generateToken, resolveToken, TOKEN_ENV, writeTokenFile } from '../../backends/pilot/protocol/token.js';
import { createPilotServer, DEFAULT_QUEUE_FILE, type TlsFiles } from '../../backends/pilot/server/index.js';
import { DEFAULT_TOKEN_FILE } from './pilot-access.js';
import { serverOutput, wantsLiveView } from './server-view.js';

export { formatServerEvent } from './server-log.js';

export interface ServerOptions {
  readonly host?: string;
  readonly port?: number;
  readonly db?: string;
  readonly tokenFile?: string;
  readonly resume?: boolean;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly heartbeat?: number; // seconds
  readonly plain?: boolean; // log lines only, even on a terminal
  readonly tui?: boolean; // the live view even when stderr is not a terminal
}

// Reads a PEM file given on the command line, naming it when it cannot be read.
function readPem(file: string, option: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${option} "${file}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`, {
      cause: error,
    });
  }
}

// The TLS files, when both --tls-cert and --tls-key are given.
function tlsFiles(options: ServerOptions): TlsFiles | undefined {
  if (options.tlsCert === undefined && options.tlsKey === undefined) return undefined;
  if (options.tlsCert === undefined || options.tlsKey === undefined) {
    throw new UsageError('--tls-cert and --tls-key go together', {
      hint: 'give both PEM files, or neither for plain TCP',
    });
  }
  return { cert: readPem(options.tlsCert, '--tls-cert'), key: readPem(options.tlsKey, '--tls-key') };
}

// The token agents must present, and where it comes from (generating one when none is given).
function serverToken(options: ServerOptions, dir: string): { token: string; source: string } {
  const given = resolveToken(options.tokenFile);
  if (given !== undefined) return { token: given, source: options.tokenFile ?? `$${TOKEN_ENV}` };
  const token = generateToken();
  writeTokenFile(join(dir, DEFAULT_TOKEN_FILE), token);
  return { token, source: DEFAULT_TOKEN_FILE };
}

// Runs the server until a signal; resolves to the exit code.
export async function serverCommand(options: ServerOptions): Promise<number> {
  const dir = process.cwd();
  const tls = tlsFiles(options);
  if (options.heartbeat !== undefined && !(options.heartbeat > 0)) {
    throw new UsageError(`expected --heartbeat to be a positive number of seconds, got "${options.heartbeat}"`);
  }
  const { token, source } = serverToken(options, dir);
  const output = serverOutput(wantsLiveView(options));
  const server = await createPilotServer({
    launchDir: dir,
    db: options.db,
    host: options.host,
    port: options.port,
    token,
    tls,
    resume: options.resume === true,
    heartbeatMs: options.heartbeat === undefined ? undefined : Math.round(options.heartbeat * 1000),
    log: (event) => output.log(event),
  });
  const queue = options.db === undefined ? DEFAULT_QUEUE_FILE : options.db.replace(/:[^:@/]*@/, ':***@');
  process.stderr.write(
    `pipe server: listening on ${server.url} (token: ${source}, queue: ${queue}, session ${server.session})\n`,
  );
  await output.show(server);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  output.close();
  server.end(`server stopped (${signal})`);
  await server.close();
  process.stderr.write(`pipe server: stopped (${signal})\n`);
  return 0;
}
