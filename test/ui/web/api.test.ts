// The REST API of `pipe serve` against the store of real runs of the built CLI, through Fastify's inject.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActions } from '../../../ui/web/actions.js';
import { openApiDocument } from '../../../ui/web/openapi.js';
import { ROUTES } from '../../../ui/web/routes.js';
import { createWebServer } from '../../../ui/web/server.js';
import { openSubmissions } from '../../../ui/web/submissions.js';
import { openViews, type Views } from '../../../ui/web/views.js';
import { pipeBin, runPipe, scratchDir } from '../../helpers/cli.js';

const TOKEN = 'a'.repeat(64);
let dir: string;
let views: Views;
let app: FastifyInstance;
let runId: string;
const submitted: string[][] = [];

// A JSON GET or POST with the token.
async function call(url: string, body?: unknown, token: string | null = TOKEN) {
  const res = await app.inject({
    method: body === undefined ? 'GET' : 'POST',
    url,
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return { status: res.statusCode, json: res.json() as Record<string, any>, headers: res.headers };
}

beforeAll(async () => {
  const lines = Array.from({ length: 250 }, (_, i) => `echo line ${i + 1}`);
  lines.push("sh -c 'echo broken >&2; exit 3'");
  dir = scratchDir({ 'list.txt': `${lines.join('\n')}\n` });
  const result = await runPipe(['run', 'list.txt', '--plain', '-k'], dir);
  expect(result.code).toBe(1);
  views = openViews(join(dir, '.pipe'));
  runId = views.runs()[0]!.id;
  const submissions = openSubmissions(join(dir, '.pipe'));
  const actions = createActions({
    views,
    stateDir: join(dir, '.pipe'),
    pipeExecutable: pipeBin,
    submissions,
    submitToPilot: async (tasks) => {
      await new Promise((r) => setTimeout(r, 20));
      const ids = tasks.map((_, i) => `${submitted.length}-${i}`);
      submitted.push(ids);
      return ids;
    },
  });
  app = createWebServer({ token: TOKEN, views, actions, stateDir: join(dir, '.pipe'), version: 'test' });
  await app.ready();
}, 120_000);

afterAll(async () => {
  await app?.close();
  views?.close();
});

describe('pipe serve API', () => {
  it('answers 401 without the token or with another, and serves /openapi.json without one', async () => {
    expect((await call('/api/runs', undefined, null)).status).toBe(401);
    expect((await call('/api/runs', undefined, 'b'.repeat(64))).status).toBe(401);
    const doc = await app.inject({ url: '/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toContain('/api/runs/{id}/tasks');
  });

  it('documents every route it serves in OpenAPI', () => {
    const doc = openApiDocument('x') as { paths: Record<string, Record<string, unknown>> };
    for (const route of ROUTES) {
      expect(doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()]).toBeDefined();
    }
  });

  it('lists runs with counts per state, and a run with its steps', async () => {
    const { json } = await call('/api/runs');
    expect(json.runs[0].counts).toEqual({ succeeded: 250, failed: 1 });
    const run = await call(`/api/runs/${runId}`);
    expect(run.json.status).toBe('failed');
    expect(run.json.steps[0].counts).toEqual({ succeeded: 250, failed: 1 });
    expect((await call('/api/runs/nope')).status).toBe(404);
    const steps = await call(`/api/runs/${runId}/steps`);
    expect(steps.json.steps).toEqual([expect.objectContaining({ total: 251, counts: { succeeded: 250, failed: 1 } })]);
    const summary = await call(`/api/runs/${runId}/summary`);
    expect(summary.json).toMatchObject({ status: 'failed', tasks: 251, counts: { succeeded: 250, failed: 1 } });
    expect(summary.json.attemptMs).toBeGreaterThan(0);
  });

  it('pages through every task exactly once by cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const { json } = await call(`/api/runs/${runId}/tasks?limit=40${cursor ? `&cursor=${cursor}` : ''}`);
      expect(json.tasks.length).toBeLessThanOrEqual(40);
      seen.push(...json.tasks.map((t: { taskId: string }) => t.taskId));
      cursor = json.next;
    } while (cursor !== undefined);
    expect(seen).toHaveLength(251);
    expect(new Set(seen).size).toBe(251);
  });

  it('filters by state, tag, text and step, and returns only the fields asked for', async () => {
    const failed = await call(`/api/runs/${runId}/tasks?state=failed`);
    expect(failed.json.tasks.map((t: { taskId: string }) => t.taskId)).toEqual(['251']);
    const text = await call(`/api/runs/${runId}/tasks?text=line%2017&fields=taskId,state`);
    expect(text.json.tasks).toEqual([
      { taskId: '17', state: 'succeeded' },
      { taskId: '170', state: 'succeeded' },
      { taskId: '171', state: 'succeeded' },
      { taskId: '172', state: 'succeeded' },
      { taskId: '173', state: 'succeeded' },
      { taskId: '174', state: 'succeeded' },
      { taskId: '175', state: 'succeeded' },
      { taskId: '176', state: 'succeeded' },
      { taskId: '177', state: 'succeeded' },
      { taskId: '178', state: 'succeeded' },
      { taskId: '179', state: 'succeeded' },
    ]);
    expect((await call(`/api/runs/${runId}/tasks?step=nope`)).json.tasks).toEqual([]);
    const bad = await call(`/api/runs/${runId}/tasks?fields=taskId,colour`);
    expect(bad.status).toBe(400);
    expect(bad.json.error).toContain('colour');
    expect((await call(`/api/runs/${runId}/tasks?state=finished`)).status).toBe(400);
  });

  it("shows a failure's cause and stderr tail, its attempts, logs and why", async () => {
    const { json } = await call(`/api/runs/${runId}/failures`);
    expect(json.failures).toHaveLength(1);
    expect(json.failures[0]).toMatchObject({ taskId: '251', exitCode: 3, stderrTail: 'broken' });
    const task = await call(`/api/runs/${runId}/tasks/251`);
    expect(task.json.attempts).toHaveLength(1);
    const log = await call(`/api/runs/${runId}/tasks/251/logs?file=stderr`);
    expect(log.json.text).toBe('broken');
    const why = await call(`/api/runs/${runId}/tasks/251/why`);
    expect(why.json.lines[0]).toContain('task 251');
    expect((await call(`/api/runs/${runId}/tasks/999/logs`)).status).toBe(404);
  });

  it('gives throughput and concurrency series that account for every attempt', async () => {
    const { json } = await call(`/api/runs/${runId}/series?buckets=10`);
    expect(json.ended.reduce((a: number, b: number) => a + b, 0)).toBe(251);
    expect(json.running[json.running.length - 1]).toBe(0);
    expect(Math.max(...json.running)).toBeGreaterThan(0);
  });

  it("gives the run's step graph", async () => {
    const { json } = await call(`/api/runs/${runId}/dag`);
    expect(json.complete).toBe(true);
    expect(json.nodes).toHaveLength(1);
  });

  it('retags the tasks a filter selects, and the filter then finds them', async () => {
    const first = await call(`/api/runs/${runId}/tags`, { filter: { state: 'failed' }, tags: { triage: 'yes' } });
    expect(first.json).toEqual({ updated: 1 });
    const again = await call(`/api/runs/${runId}/tags`, { filter: { state: 'failed' }, tags: { triage: 'yes' } });
    expect(again.json).toEqual({ updated: 1 });
    const found = await call(`/api/runs/${runId}/tasks?tag=triage%3Dyes&fields=taskId,tags`);
    expect(found.json.tasks).toEqual([{ taskId: '251', tags: { triage: 'yes' } }]);
    expect((await call(`/api/runs/${runId}/tags`, { tags: {} })).status).toBe(400);
  });

  it('submits tasks once per submission id, even when the request is retried at once', async () => {
    const body = { submissionId: 'client-1', tasks: [{ command: 'true' }, { command: 'false' }] };
    const [a, b] = await Promise.all([call('/api/pilot/tasks', body), call('/api/pilot/tasks', body)]);
    expect(a.json.taskIds).toEqual(b.json.taskIds);
    const c = await call('/api/pilot/tasks', body);
    expect(c.json).toMatchObject({ taskIds: a.json.taskIds, replayed: true });
    expect(submitted).toHaveLength(1);
    expect((await call('/api/pilot/tasks', { submissionId: 'x', tasks: [] })).status).toBe(400);
  });

  it('refuses to cancel a run that is not running', async () => {
    const res = await call(`/api/runs/${runId}/cancel`, {});
    expect(res.status).toBe(409);
    expect(res.json.error).toContain('not running');
  });

  it('retries a failed run with --resume: what succeeded is reused, the failed task runs again', async () => {
    writeFileSync(
      join(dir, 'list.txt'),
      `${Array.from({ length: 250 }, (_, i) => `echo line ${i + 1}`).join('\n')}\ntrue\n`,
    );
    mkdirSync(join(dir, '.pipe', 'serve'), { recursive: true });
    const res = await call(`/api/runs/${runId}/retry`, {});
    expect(res.status).toBe(202);
    expect(res.json.argv).toEqual(['run', 'list.txt', '--plain', '-k', '--resume', runId]);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && (views.runs().length < 2 || views.runs()[0]!.status === 'running'))
      await new Promise((r) => setTimeout(r, 100));
    const newest = views.runs()[0]!;
    expect(newest.resumedFrom).toBe(runId);
    expect(newest.status).toBe('succeeded');
    const counts = (await call(`/api/runs/${newest.id}`)).json.counts;
    expect(counts).toEqual({ cached: 250, succeeded: 1 });
  }, 90_000);
});
