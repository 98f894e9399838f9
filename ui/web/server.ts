// The HTTP server of `pipe serve`: the REST API of routes.ts behind token auth, its OpenAPI document, live updates
// as server-sent events, and the dashboard (one HTML page and one script bundle, no CDN).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { authorized, tokenCookie } from './auth.js';
import type { Actions } from './actions.js';
import { snapshot, streamRun } from './live.js';
import { connectTap } from './tap-client.js';
import { openApiDocument } from './openapi.js';
import { dashboardPage } from './page.js';
import { HttpError, ROUTES, type ApiContext } from './routes.js';
import type { Views } from './views.js';

export interface ServerOptions {
  readonly token: string;
  readonly views: Views;
  readonly actions: Actions;
  readonly stateDir: string;
  readonly version: string;
  readonly tls?: { readonly cert: string; readonly key: string } | undefined;
}

// The dashboard's script, built by scripts/bundle.ts into dist/bundle/web/app.js.
function appBundle(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, 'web', 'app.js'), join(here, '..', '..', 'dist', 'bundle', 'web', 'app.js')]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

// Builds the server (not yet listening).
export function createWebServer(options: ServerOptions): FastifyInstance {
  const { token, views, actions } = options;
  const app = Fastify({
    logger: false,
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, useDefaults: true } },
    ...(options.tls === undefined ? {} : { https: { cert: options.tls.cert, key: options.tls.key } }),
  }) as FastifyInstance;
  const ctx: ApiContext = { views, actions, stateDir: options.stateDir };
  const live = new AbortController();
  app.addHook('onClose', async () => live.abort());

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof HttpError) return reply.code(error.status).send({ error: error.message });
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500)
      return reply.code(status).send({ error: (error as Error).message });
    return reply.code(500).send({ error: error instanceof Error ? error.message : String(error) });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: `no such path: ${request.url}` }));

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    if (!authorized(token, request.headers)) {
      await reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: 'a token is needed: Authorization: Bearer TOKEN' });
    }
  });

  app.get('/openapi.json', async () => openApiDocument(options.version));
  app.get('/', async (request, reply) => {
    const presented = (request.query as Record<string, string | undefined>).token;
    if (presented !== undefined) {
      if (!authorized(token, { authorization: `Bearer ${presented}` }))
        return reply.code(401).type('text/plain').send('This token is not the one `pipe serve` printed.\n');
      return reply.header('set-cookie', tokenCookie(presented, options.tls !== undefined)).redirect('/', 303);
    }
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(dashboardPage());
  });
  app.get('/app.js', async (_request, reply) => {
    const file = appBundle();
    if (file === undefined) return reply.code(404).send({ error: 'the dashboard is not built: run npm run build' });
    return reply.type('text/javascript; charset=utf-8').send(readFileSync(file));
  });

  for (const route of ROUTES) {
    const schema: Record<string, object> = {};
    if (route.params !== undefined)
      schema.params = {
        type: 'object',
        properties: Object.fromEntries(route.params.map((p) => [p, { type: 'string' }])),
      };
    if (route.query !== undefined)
      schema.querystring = { type: 'object', properties: route.query, additionalProperties: false };
    if (route.body !== undefined) schema.body = route.body;
    app.route({
      method: route.method,
      url: route.path,
      schema,
      handler: async (request, reply) => {
        const result = await route.handle(ctx, {
          params: request.params as Record<string, string>,
          query: request.query as Record<string, string | number | undefined>,
          body: request.body,
        });
        return reply.code(route.status ?? 200).send(result);
      },
    });
  }

  app.get('/api/runs/:id/events', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (views.run(id) === undefined) return reply.code(404).send({ error: `no run "${id}"` });
    reply.hijack();
    const liveStatus = (runId: string): string => {
      const run = views.run(runId);
      return run === undefined ? 'gone' : actions.liveStatus(run);
    };
    const { types } = request.query as { types?: string };
    streamRun(
      reply.raw,
      {
        take: () => snapshot(views, id, liveStatus),
        tap: (on) => connectTap(options.stateDir, id, on),
        types: types === undefined || types === '' ? undefined : new Set(types.split(',')),
      },
      live.signal,
    );
    return reply;
  });
  return app;
}
