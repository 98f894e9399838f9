// The routes that act: cancel a run, retry its failed tasks, retag tasks, and the pilot server's queue.
import type { Actions } from '../actions.js';
import type { Route } from './contract.js';
import { runOf } from './lookups.js';
import { filterOf, filterQuery } from './task-routes.js';

export const ACTION_ROUTES: readonly Route[] = [
  {
    method: 'POST',
    path: '/api/runs/:id/cancel',
    summary: 'Cancels a running run (as Ctrl-C would): its running tasks are cancelled and it ends',
    params: ['id'],
    status: 202,
    handle: (ctx, { params }) => ctx.actions.cancel(runOf(ctx, params.id)),
  },
  {
    method: 'POST',
    path: '/api/runs/:id/retry',
    summary: 'Runs the workflow again with --resume of this run: what succeeded is reused, failed tasks run again',
    params: ['id'],
    status: 202,
    handle: (ctx, { params }) => ctx.actions.retry(runOf(ctx, params.id)),
  },
  {
    method: 'POST',
    path: '/api/runs/:id/tags',
    summary: 'Sets tags on every task the filter selects; idempotent',
    params: ['id'],
    body: {
      type: 'object',
      required: ['tags'],
      additionalProperties: false,
      properties: {
        filter: { type: 'object', additionalProperties: false, properties: filterQuery },
        tags: { type: 'object', minProperties: 1, additionalProperties: { type: 'string' } },
      },
    },
    handle(ctx, { params, body }) {
      const run = runOf(ctx, params.id);
      const { filter, tags } = body as { filter?: Record<string, string>; tags: Record<string, string> };
      return { updated: ctx.views.retag(run.id, filterOf(filter ?? {}), tags) };
    },
  },
  {
    method: 'GET',
    path: '/api/pilot/tasks',
    summary:
      'The queue of the pilot server `pipe serve --server` names: counts by state and its tasks (as `pipe tasks --server`)',
    query: {
      state: { type: 'string', enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] },
      tag: filterQuery.tag,
      limit: { type: 'integer', minimum: 1, maximum: 10000, default: 100 },
    },
    handle(ctx, { query }) {
      const tag = filterOf(query).tag;
      return ctx.actions.pilotTasks({
        state: query.state as string | undefined,
        tags: tag === undefined ? undefined : { [tag[0]]: tag[1] },
        limit: Number(query.limit ?? 100),
      });
    },
  },
  {
    method: 'POST',
    path: '/api/pilot/tasks',
    summary:
      "Submits tasks to the pilot server `pipe serve --server` names; a retried request with the same submissionId returns the first one's task ids",
    body: {
      type: 'object',
      required: ['submissionId', 'tasks'],
      additionalProperties: false,
      properties: {
        submissionId: { type: 'string', minLength: 1, maxLength: 200 },
        tasks: {
          type: 'array',
          minItems: 1,
          maxItems: 100000,
          items: {
            type: 'object',
            required: ['command'],
            additionalProperties: false,
            properties: {
              command: { type: 'string', minLength: 1 },
              name: { type: 'string' },
              cpus: { type: 'integer', minimum: 1 },
              tags: { type: 'object', additionalProperties: { type: 'string' } },
            },
          },
        },
      },
    },
    handle: (ctx, { body }) => ctx.actions.submit(body as Parameters<Actions['submit']>[0]),
  },
];
