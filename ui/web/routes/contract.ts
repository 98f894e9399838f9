// What every route of `pipe serve`'s REST API is: its method, path, JSON schemas and handler, the context handlers
// read, and the error a handler throws to answer with a status.
import type { Actions } from '../actions.js';
import type { Views } from '../views.js';

export interface ApiContext {
  readonly views: Views;
  readonly actions: Actions;
  readonly stateDir: string;
}

export interface ApiRequest {
  readonly params: Record<string, string>;
  readonly query: Record<string, string | number | undefined>;
  readonly body: unknown;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Route {
  readonly method: 'GET' | 'POST';
  readonly path: string; // Fastify's form: /api/runs/:id
  readonly summary: string;
  readonly params?: readonly string[];
  readonly query?: Readonly<Record<string, object>>;
  readonly body?: object;
  readonly status?: number; // success status (default 200)
  handle(ctx: ApiContext, request: ApiRequest): unknown;
}
