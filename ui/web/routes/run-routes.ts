// The routes that read runs: the list, a run, its summary, steps, time series, failures and step graph.
import { join } from 'node:path';
import { tailOf } from '../../commands/store-access.js';
import type { Route } from './contract.js';
import { countsOf, runOf, stepsOf } from './lookups.js';
import { taskJson } from './task-routes.js';

export const RUN_ROUTES: readonly Route[] = [
  {
    method: 'GET',
    path: '/api/runs',
    summary: 'Every run of this launch directory, newest first, with counts per state',
    handle: (ctx) => ({ runs: ctx.views.runs().map((run) => ({ ...run, counts: countsOf(ctx, run.id) })) }),
  },
  {
    method: 'GET',
    path: '/api/runs/:id',
    summary: "A run: its record, whether it is alive, counts per state, and each step's progress",
    params: ['id'],
    handle(ctx, { params }) {
      const run = runOf(ctx, params.id);
      return { run, status: ctx.actions.liveStatus(run), counts: countsOf(ctx, run.id), steps: stepsOf(ctx, run.id) };
    },
  },
  {
    method: 'GET',
    path: '/api/runs/:id/summary',
    summary: "A run's outcome in numbers: live status, counts per state, tasks, wall time and how long attempts ran",
    params: ['id'],
    handle(ctx, { params }) {
      const run = runOf(ctx, params.id);
      const counts = countsOf(ctx, run.id);
      const end = run.finishedAt ?? Date.now();
      return {
        id: run.id,
        status: ctx.actions.liveStatus(run),
        counts,
        tasks: Object.values(counts).reduce((a, b) => a + b, 0),
        wallMs: end - run.startedAt,
        attemptMs: ctx.views.attemptMs(run.id),
        resumedFrom: run.resumedFrom,
      };
    },
  },
  {
    method: 'GET',
    path: '/api/runs/:id/steps',
    summary: "A run's steps with their task totals and counts per state",
    params: ['id'],
    handle(ctx, { params }) {
      return { steps: stepsOf(ctx, runOf(ctx, params.id).id) };
    },
  },
  {
    method: 'GET',
    path: '/api/runs/:id/series',
    summary: 'Throughput (attempts ended) and concurrency (attempts running) over time, in equal buckets',
    params: ['id'],
    query: { buckets: { type: 'integer', minimum: 1, maximum: 2000, default: 120 } },
    handle(ctx, { params, query }) {
      const run = runOf(ctx, params.id);
      return (
        ctx.views.series(run.id, Number(query.buckets ?? 120)) ?? {
          start: run.startedAt,
          bucketMs: 1,
          ended: [],
          running: [],
        }
      );
    },
  },
  {
    method: 'GET',
    path: '/api/runs/:id/failures',
    summary: 'Failed tasks with their cause and the tail of their stderr',
    params: ['id'],
    query: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
    handle(ctx, { params, query }) {
      const run = runOf(ctx, params.id);
      const page = ctx.views.taskPage(run.id, { state: 'failed' }, Number(query.limit ?? 50));
      return {
        failures: page.tasks.map((task) => {
          const stderr = task.workDir !== undefined ? join(task.workDir, '.command.err') : task.errFile;
          return { ...taskJson(task), stderrTail: stderr === undefined ? undefined : tailOf(stderr, 20) };
        }),
        more: page.next !== undefined,
      };
    },
  },
  {
    method: 'GET',
    path: '/api/runs/:id/dag',
    summary: "The run's step graph (nodes and edges), read again from its workflow file",
    params: ['id'],
    handle: (ctx, { params }) => ctx.actions.dag(runOf(ctx, params.id)),
  },
];
