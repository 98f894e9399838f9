// The REST API of `pipe serve` as a table: each route's method, path, JSON schemas and handler. The server
// registers them with Fastify (which validates requests against the schemas) and openapi.ts documents them.
import { ACTION_ROUTES } from './routes/action-routes.js';
import type { Route } from './routes/contract.js';
import { RUN_ROUTES } from './routes/run-routes.js';
import { TASK_ROUTES } from './routes/task-routes.js';

export { HttpError, type ApiContext, type ApiRequest, type Route } from './routes/contract.js';
export { filterOf, TASK_FIELDS } from './routes/task-routes.js';

export const ROUTES: readonly Route[] = [...RUN_ROUTES, ...TASK_ROUTES, ...ACTION_ROUTES];
