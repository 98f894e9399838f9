// The OpenAPI 3.1 document of `pipe serve`, made from the same route table the server registers.
import { ROUTES } from './routes.js';

const errorResponse = {
  description: 'an error, with its message',
  content: {
    'application/json': { schema: { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] } },
  },
};

// Fastify's `/api/runs/:id` as OpenAPI's `/api/runs/{id}`.
function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}

export function openApiDocument(version: string): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of ROUTES) {
    const parameters = [
      ...(route.params ?? []).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ...Object.entries(route.query ?? {}).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
    ];
    const operation: Record<string, unknown> = {
      summary: route.summary,
      security: [{ bearer: [] }, { cookie: [] }],
      parameters,
      responses: {
        [String(route.status ?? 200)]: {
          description: 'success',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        '400': errorResponse,
        '401': errorResponse,
        '404': errorResponse,
        '409': errorResponse,
      },
    };
    if (route.body !== undefined)
      operation.requestBody = { required: true, content: { 'application/json': { schema: route.body } } };
    (paths[openApiPath(route.path)] ??= {})[route.method.toLowerCase()] = operation;
  }
  paths['/api/runs/{id}/events'] = {
    get: {
      summary:
        'Server-sent events of a run: `update` with its status and counts per step whenever they change; while ' +
        "its process runs on this host, the engine's own events, each named by its type (`task.state`, " +
        '`stage.progress`, `run.finished`, …), and `live`, the live view snapshot, every second',
      security: [{ bearer: [] }, { cookie: [] }],
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
        {
          name: 'types',
          in: 'query',
          required: false,
          description: 'comma-separated engine event types to send (default: all)',
          schema: { type: 'string' },
        },
      ],
      responses: {
        '200': { description: 'an event stream', content: { 'text/event-stream': {} } },
        '401': errorResponse,
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'pipe serve', version, description: 'Runs, tasks and actions of one launch directory of pipe.' },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'the token in .pipe/serve/token' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'pipe_token', description: 'set by opening /?token=TOKEN' },
      },
    },
    paths,
  };
}
