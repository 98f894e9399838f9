// `pipe serve`: the REST API and web dashboard of this launch directory's runs, until SIGINT or SIGTERM.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../engine/errors.js';
import { generateToken, readTokenFile, resolveToken, writeTokenFile } from '../../backends/pilot/protocol/token.js';
import { packageVersion } from '../cli/version.js';
import type { PilotClient } from '../../backends/pilot/client/pilot-client.js';
import type { TaskStateName } from '../../backends/pilot/protocol/messages.js';
import { createActions, type PilotQuery, type SubmitBody } from '../web/actions.js';
import { createWebServer } from '../web/server.js';
import { openSubmissions } from '../web/submissions.js';
import { openViews } from '../web/views.js';
import { clientToken } from './pilot-access.js';

export const SERVE_TOKEN_FILE = join('.pipe', 'serve', 'token');

export interface ServeOptions {
  readonly host?: string;
  readonly port?: number;
  readonly tokenFile?: string;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly server?: string; // a pilot server tasks may be submitted to
  readonly serverTokenFile?: string;
}

// The token clients must present: --token-file, else $PIPE_TOKEN, else .pipe/serve/token (made once).
function serveToken(options: ServeOptions, dir: string): { token: string; source: string } {
  const given = resolveToken(options.tokenFile);
  if (given !== undefined) return { token: given, source: options.tokenFile ?? '$PIPE_TOKEN' };
  const file = join(dir, SERVE_TOKEN_FILE);
  if (existsSync(file)) return { token: readTokenFile(file), source: SERVE_TOKEN_FILE };
  const token = generateToken();
  writeTokenFile(file, token);
  return { token, source: SERVE_TOKEN_FILE };
}

// Reads a PEM file named on the command line.
function pem(file: string, option: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${option} "${file}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

// Serves until a signal; resolves to the exit code.
export async function serveCommand(options: ServeOptions): Promise<number> {
  const dir = process.cwd();
  const stateDir = join(dir, '.pipe');
  if (!existsSync(join(stateDir, 'pipe.db')))
    throw new UsageError(`no pipe runs recorded in ${dir}`, { hint: 'run `pipe serve` where you ran `pipe run`' });
  if ((options.tlsCert === undefined) !== (options.tlsKey === undefined))
    throw new UsageError('--tls-cert and --tls-key go together', { hint: 'give both PEM files, or neither' });
  const tls =
    options.tlsCert === undefined || options.tlsKey === undefined
      ? undefined
      : { cert: pem(options.tlsCert, '--tls-cert'), key: pem(options.tlsKey, '--tls-key') };
  const { token, source } = serveToken(options, dir);
  const views = openViews(stateDir);
  const pilot = options.server;
  const submissions = pilot === undefined ? undefined : openSubmissions(stateDir);
  const pilotToken = pilot === undefined ? undefined : clientToken(options.serverTokenFile, dir);
  // One short connection per request: the pilot server may restart while `pipe serve` runs.
  const withPilot = async <T>(use: (client: PilotClient) => Promise<T>): Promise<T> => {
    if (pilot === undefined || pilotToken === undefined) throw new Error('no pilot server');
    const { connectClient } = await import('../../backends/pilot/client/pilot-client.js');
    const client = await connectClient(pilot, pilotToken);
    try {
      return await use(client);
    } finally {
      client.close();
    }
  };
  const submitToPilot =
    pilot === undefined
      ? undefined
      : (tasks: SubmitBody['tasks']): Promise<string[]> =>
          withPilot((client) =>
            client.submit(
              tasks.map((t) => ({ command: t.command, name: t.name, cpus: t.cpus, tags: t.tags, light: true })),
            ),
          );
  const queryPilot =
    pilot === undefined
      ? undefined
      : (query: PilotQuery): Promise<unknown> =>
          withPilot((client) =>
            client.query({ state: query.state as TaskStateName | undefined, tags: query.tags, limit: query.limit }),
          );
  const actions = createActions({
    views,
    stateDir,
    pipeExecutable: process.argv[1] ?? 'pipe',
    submissions,
    submitToPilot,
    queryPilot,
  });
  const app = createWebServer({ token, views, actions, stateDir, version: packageVersion(), tls });
  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 8080 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const host = options.host ?? '127.0.0.1';
  const base = `${tls === undefined ? 'http' : 'https'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  process.stderr.write(`pipe serve: ${base}/?token=${token}\n`);
  process.stderr.write(
    `pipe serve: API ${base}/api/ (Authorization: Bearer, token in ${source}); ${base}/openapi.json\n`,
  );
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  await app.close();
  submissions?.close();
  views.close();
  process.stderr.write(`pipe serve: stopped (${signal})\n`);
  return 0;
}
