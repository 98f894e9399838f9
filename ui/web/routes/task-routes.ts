// The routes that read tasks: a page of a run's tasks by filter, a task's attempts, its log files and `pipe why`.
import { join } from 'node:path';
import type { TaskRecord } from '../../../engine/store/store.js';
import { TaskState } from '../../../engine/task.js';
import { tailOf } from '../../commands/store-access.js';
import { resourceLookup } from '../../trace/task-resources.js';
import type { TaskFilter } from '../views.js';
import { HttpError, type ApiRequest, type Route } from './contract.js';
import { latestAttempt, runOf } from './lookups.js';

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

export const filterQuery = {
  state: { type: 'string', enum: STATES, description: 'only tasks whose latest attempt is in this state' },
  step: { type: 'string', description: 'only tasks of this step id' },
  tag: { type: 'string', pattern: '^[^=]+=.*$', description: 'only tasks with this tag, as key=value' },
  text: { type: 'string', description: 'a substring of the task id, its command or its tags' },
} as const;

// A task record as the API shows it: tags parsed, only the asked fields.
export function taskJson(task: TaskRecord, fields?: readonly string[]): Record<string, unknown> {
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

export const TASK_ROUTES: readonly Route[] = [
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
    summary: "A task's attempts, each with its resource use when the run was monitored",
    params: ['id', 'task'],
    handle(ctx, { params }) {
      const run = runOf(ctx, params.id);
      const usage = resourceLookup(ctx.views.store, run.id);
      const attempts = latestAttempt(ctx, run.id, params.task).map((a) => ({ ...taskJson(a), resources: usage(a) }));
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
];
