// A local stand-in for Globus Auth and Transfer, serving the documented endpoints and error shapes at its root (as
// @globus/sdk reaches it through GLOBUS_SDK_SERVICE_URL_AUTH and _TRANSFER). Collections map to local directories;
// a task copies its items when it is polled for the `pollsToFinish`-th time.
// https://docs.globus.org/api/auth/reference/, https://docs.globus.org/api/transfer/
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';

interface MockTask {
  status: 'ACTIVE' | 'SUCCEEDED' | 'FAILED';
  polls: number;
  bytes: number;
  fail?: string | undefined;
  nice_status: string | null;
  items: { source: string; destination: string }[];
}

export interface GlobusMock {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
  readonly tasks: Map<string, MockTask>;
  readonly cancelled: string[];
  readonly grants: string[]; // grant types asked for, in order
  tokenLifetimeS: number; // expires_in of new access tokens
  pollsToFinish: number;
  failNextTask?: string | undefined; // the fatal error description of the next task
  consentNext?: boolean | undefined; // the next submission asks for consent
  revokeAll(): void; // every access token issued so far stops working (as when it expires)
  close(): Promise<void>;
}

const send = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};
const readBody = async (req: IncomingMessage): Promise<string> => {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
};
const fileDoc = (path: string, name: string) => {
  const st = statSync(path);
  return {
    DATA_TYPE: 'file',
    name,
    type: st.isDirectory() ? 'dir' : 'file',
    size: st.size,
    last_modified: new Date(Math.trunc(st.mtimeMs / 1000) * 1000)
      .toISOString()
      .replace('T', ' ')
      .replace('.000Z', '+00:00'),
    permissions: '0644',
  };
};

// Starts the mock on a free loopback port; `roots` maps collection ids to the local directory each shares as "/".
export async function startGlobusMock(roots: Record<string, string>): Promise<GlobusMock> {
  const tokens = new Map<string, number>(); // access token → expiry (ms)
  const mock = {
    url: '',
    clientId: 'mock-client',
    clientSecret: 'mock-secret',
    refreshToken: 'mock-refresh',
    tasks: new Map<string, MockTask>(),
    cancelled: [] as string[],
    grants: [] as string[],
    tokenLifetimeS: 3600,
    pollsToFinish: 2,
    failNextTask: undefined as string | undefined,
    consentNext: undefined as boolean | undefined,
    revokeAll: () => tokens.clear(),
    close: async () => {},
  };
  const local = (endpoint: string, path: string): string | undefined =>
    roots[endpoint] === undefined ? undefined : join(roots[endpoint], path);

  const onToken = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const form = new URLSearchParams(await readBody(req));
    const grant = form.get('grant_type') ?? '';
    mock.grants.push(grant);
    const basic = `Basic ${Buffer.from(`${mock.clientId}:${mock.clientSecret}`).toString('base64')}`;
    const ok =
      (grant === 'client_credentials' && req.headers.authorization === basic) ||
      (grant === 'refresh_token' && form.get('refresh_token') === mock.refreshToken) ||
      (grant === 'authorization_code' && form.get('code') === 'good-code' && form.get('code_verifier') !== null);
    if (!ok) return send(res, 401, { error: 'invalid_grant' });
    const access = `tok-${randomUUID()}`;
    tokens.set(access, Date.now() + mock.tokenLifetimeS * 1000);
    send(res, 200, {
      access_token: access,
      expires_in: mock.tokenLifetimeS,
      token_type: 'Bearer',
      resource_server: 'transfer.api.globus.org',
      scope: 'urn:globus:auth:scope:transfer.api.globus.org:all',
      ...(grant === 'client_credentials' ? {} : { refresh_token: mock.refreshToken }),
      other_tokens: [],
    });
  };

  const onTransfer = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
    if ((tokens.get(token) ?? 0) < Date.now())
      return send(res, 401, { code: 'AuthenticationFailed', message: 'Token is not active', request_id: 'r' });
    const path = url.pathname.replace(/^\/v0\.10/, '');
    const op = /^\/operation\/endpoint\/([^/]+)\/(ls|stat|mkdir)$/.exec(path);
    if (op !== null) {
      const where = local(op[1]!, url.searchParams.get('path') ?? '/');
      if (where === undefined)
        return send(res, 404, { code: 'EndpointNotFound', message: `No such endpoint ${op[1]}` });
      if (!existsSync(where))
        return send(res, 404, {
          code: 'ClientError.NotFound',
          message: `Path not found: ${url.searchParams.get('path')}`,
        });
      if (op[2] === 'stat') return send(res, 200, fileDoc(where, where.split('/').pop() ?? ''));
      const DATA = readdirSync(where).map((name) => fileDoc(join(where, name), name));
      return send(res, 200, { DATA_TYPE: 'file_list', endpoint: op[1], path: url.searchParams.get('path'), DATA });
    }
    if (path === '/submission_id') return send(res, 200, { DATA_TYPE: 'submission_id', value: randomUUID() });
    if (path === '/transfer' && req.method === 'POST') {
      const body = JSON.parse(await readBody(req)) as {
        source_endpoint: string;
        destination_endpoint: string;
        DATA: { source_path: string; destination_path: string }[];
      };
      if (mock.consentNext === true) {
        mock.consentNext = false;
        return send(res, 403, {
          code: 'ConsentRequired',
          message: 'Missing required data_access consent',
          request_id: 'r',
          required_scopes: [`https://auth.globus.org/scopes/${body.source_endpoint}/data_access`],
          authorization_parameters: { session_message: 'consent', required_scopes: [] },
        });
      }
      const items = body.DATA.map((item) => ({
        source: local(body.source_endpoint, item.source_path) ?? '',
        destination: local(body.destination_endpoint, item.destination_path) ?? '',
      }));
      const id = randomUUID();
      mock.tasks.set(id, {
        status: 'ACTIVE',
        polls: 0,
        bytes: 0,
        fail: mock.failNextTask,
        nice_status: 'Queued',
        items,
      });
      mock.failNextTask = undefined;
      return send(res, 202, {
        DATA_TYPE: 'transfer_result',
        code: 'Accepted',
        task_id: id,
        submission_id: 's',
        resource: '/transfer',
        request_id: 'r',
        message: 'ok',
      });
    }
    const task = /^\/task\/([^/]+)(\/cancel)?$/.exec(path);
    const found = task === null ? undefined : mock.tasks.get(task[1]!);
    if (task !== null && found === undefined) return send(res, 404, { code: 'TaskNotFound', message: 'no such task' });
    if (task !== null && found !== undefined) {
      if (task[2] !== undefined) {
        mock.cancelled.push(task[1]!);
        found.status = 'FAILED';
        found.nice_status = 'CANCELED';
        return send(res, 200, { DATA_TYPE: 'result', code: 'Canceled', message: 'The task has been cancelled.' });
      }
      if (found.status === 'ACTIVE' && ++found.polls >= mock.pollsToFinish) {
        if (found.fail !== undefined) {
          found.status = 'FAILED';
          found.nice_status = null;
        } else {
          for (const item of found.items) {
            mkdirSync(dirname(item.destination), { recursive: true });
            cpSync(item.source, item.destination, { recursive: true });
            found.bytes += statSync(item.source).isDirectory() ? 0 : statSync(item.source).size;
          }
          found.status = 'SUCCEEDED';
          found.nice_status = null;
        }
      }
      return send(res, 200, {
        DATA_TYPE: 'task',
        task_id: task[1],
        type: 'TRANSFER',
        status: found.status,
        nice_status: found.nice_status,
        bytes_transferred: found.bytes,
        fatal_error:
          found.fail === undefined || found.status !== 'FAILED'
            ? null
            : { code: 'PERMISSION_DENIED', description: found.fail },
      });
    }
    send(res, 404, { code: 'ClientError.NotFound', message: `no route ${req.method} ${url.pathname}` });
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://mock');
    const handle = url.pathname === '/v2/oauth2/token' ? onToken(req, res) : onTransfer(req, res, url);
    handle.catch((error: unknown) => send(res, 500, { code: 'ServerError', message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mock.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  mock.close = () => new Promise((resolve) => server.close(() => resolve()));
  return mock;
}
