// The REST API of `pipe serve` as a table: each route's method, path, JSON schemas and handler. The server
// registers them with Fastify (which validates requests against the schemas) and openapi.ts documents them.
import { join } from 'node:path';
import type { TaskRecord } from '../../engine/store/store.js';
import { TaskState } from '../../engine/task.js';
import { tailOf } from '../commands/store-access.js';
import { readCommandTrace } from '../trace/command-trace.js';
import type { Actions } from './actions.js';
import type { Views, TaskFilter } from './views.js';

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

const STATES = Object.values(TaskState);
const LOG_FILES = {
  stdout: '.command.out',
  stderr: '.command.err',
  log: '.command.log',
  script: '.command.sh',
  wrapper: '.command.run',
  trace: '.command.trace',
} as const;
export const TASK_FIELDS = [
  'taskId',
  'stepId',
  'idx',
  'attempt',
  'state',
  'exitCode',
  'signal',
  'reason',
  'command',
  'key',
  'backend',
  'nativeId',
  'workDir',
  'submittedAt',
  'startedAt',
  'endedAt',
  'tags',
  'cachedFrom',
] as const;

const filterQuery = {
  state: { type: 'string', enum: STATES, description: 'only tasks whose latest attempt is in this state' },
  step: { type: 'string', description: 'only tasks of this step id' },
  tag: { type: 'string', pattern: '^[^=]+=.*$', description: 'only tasks with this tag, as key=value' },
  text: { type: 'string', description: 'a substring of the task id, its command or its tags' },
} as const;

// The run named in the path, or 404.
function runOf(ctx: ApiContext, id: string | undefined) {
  const run = id === undefined ? undefined : ctx.views.run(id);
  if (run === undefined) throw new HttpError(404, `no run "${id}"`);
  return run;
}

// A task record as the API shows it: tags parsed, only the asked fields.
function taskJson(task: TaskRecord, fields?: readonly string[]): Record<string, unknown> {
  const full: Record<string, unknown> = { ...task, tags: task.tags === undefined ? {} : JSON.parse(task.tags) };
  delete full.runId;
  if (fields === undefined) return full;
  return Object.fromEntries(fields.map((f) => [f, full[f]]));
}

// The filter of a request's query string.
export function filterOf(query: ApiRequest['query']): TaskFilter {
  const tag = typeof query.tag === 'string' ? query.tag : undefined;
  const at = tag?.indexOf('=') ?? -1;
  return {
    state: query.state as string | undefined,
    step: query.step as string | undefined,
    tag: tag === undefined ? undefined : [tag.slice(0, at), tag.slice(at + 1)],
    text: query.text as string | undefined,
  };
}

// Counts per state of a run's latest attempts.
function countsOf(ctx: ApiContext, runId: string): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const counts of ctx.views.stepCounts(runId).values())
    for (const [state, n] of Object.entries(counts)) totals[state] = (totals[state] ?? 0) + n;
  return totals;
}

// A run's steps, each with its total and counts per state.
function stepsOf(ctx: ApiContext, runId: string) {
  const perStep = ctx.views.stepCounts(runId);
  return ctx.views.steps(runId).map((s) => ({
    id: s.stepId,
    name: s.name,
    total: s.total,
    counts: perStep.get(s.stepId) ?? {},
  }));
}

// The latest attempt of a task, or 404.
function latestAttempt(ctx: ApiContext, runId: string, taskId: string | undefined): TaskRecord[] {
  const attempts = taskId === undefined ? [] : ctx.views.attempts(runId, taskId);
  if (attempts.length === 0) throw new HttpError(404, `no task "${taskId}" in run ${runId}`);
  return attempts;
}

export const ROUTES: readonly Route[] = [
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
    path: '/api/runs/:id/tasks',
    summary:
      "A page of a run's tasks (latest attempts), filtered, ordered by task id; `next` is the next page's cursor",
    params: ['id'],
    query: {
      ...filterQuery,
      limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
      cursor: { type: 'string', description: 'the `next` of the previous page' },
      fields: { type: 'string', description: `comma-separated fields of: ${TASK_FIELDS.join(', ')}` },
    },
    handle(ctx, { params, query }) {
      const run = runOf(ctx, params.id);
      const fields = typeof query.fields === 'string' ? query.fields.split(',').filter((f) => f !== '') : undefined;
      const unknown = fields?.find((f) => !(TASK_FIELDS as readonly string[]).includes(f));
      if (unknown !== undefined)
        throw new HttpError(400, `unknown field "${unknown}"; fields are ${TASK_FIELDS.join(', ')}`);
      const cursor = typeof query.cursor === 'string' ? query.cursor : undefined;
      const page = ctx.views.taskPage(run.id, filterOf(query), Number(query.limit ?? 100), cursor);
      return { tasks: page.tasks.map((t) => taskJson(t, fields)), next: page.next };
    },
  },
  {
    method: 'GET',
    path: '/api/runs/:id/tasks/:task',
    summary: "A task's attempts, each with its resource use when .command.trace recorded it",
    params: ['id', 'task'],
    handle(ctx, { params }) {
      const run = runOf(ctx, params.id);
      const attempts = latestAttempt(ctx, run.id, params.task).map((a) => ({
        ...taskJson(a),
        resources: readCommandTrace(a.workDir),
      }));
      return { taskId: params.task, attempts };
    },
  },
  {
    method: 'GET',
    path: '/api/runs/:id/tasks/:task/logs',
    summary: "The tail of one of a task attempt's files: stdout, stderr, log, script, wrapper or trace",
    params: ['id', 'task'],
    query: {
      file: { type: 'string', enum: Object.keys(LOG_FILES), default: 'stderr' },
      attempt: { type: 'integer', minimum: 1 },
      lines: { type: 'integer', minimum: 1, maximum: 10000, default: 200 },
    },
    handle(ctx, { params, query }) {
      const run = runOf(ctx, params.id);
      const attempts = latestAttempt(ctx, run.id, params.task);
      const attempt =
        query.attempt === undefined
          ? attempts[attempts.length - 1]
          : attempts.find((a) => a.attempt === Number(query.attempt));
      if (attempt === undefined) throw new HttpError(404, `task "${params.task}" has no attempt ${query.attempt}`);
      const name = LOG_FILES[(query.file ?? 'stderr') as keyof typeof LOG_FILES];
      const path =
        attempt.workDir !== undefined
          ? join(attempt.workDir, name)
          : name === '.command.err'
            ? attempt.errFile
            : undefined;
      const text = path === undefined ? undefined : tailOf(path, Number(query.lines ?? 200));
      return { attempt: attempt.attempt, file: path ?? null, text: text ?? '' };
    },
  },
  {
    method: 'GET',
    path: '/api/runs/:id/tasks/:task/why',
    summary: 'Why the task was reused or run again (as `pipe why`)',
    params: ['id', 'task'],
    handle(ctx, { params }) {
      const run = runOf(ctx, params.id);
      latestAttempt(ctx, run.id, params.task);
      return { lines: ctx.actions.why(run, params.task as string) };
    },
  },
  {
    method: 'GET',
    path: '/api/runs/:id/dag',
    summary: "The run's step graph (nodes and edges), read again from its workflow file",
    params: ['id'],
    handle: (ctx, { params }) => ctx.actions.dag(runOf(ctx, params.id)),
  },
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
