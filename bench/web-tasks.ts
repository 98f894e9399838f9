// (m) `pipe serve`: a page of 100 tasks out of a million, through the HTTP layer (Fastify's inject), against the
// floor of the same rows read straight from SQLite by primary key in the same run. Target: ≤ 100 ms a page.
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../engine/store/sqlite-store.js';
import { createActions } from '../ui/web/actions.js';
import { createWebServer } from '../ui/web/server.js';
import { openViews } from '../ui/web/views.js';
import { median } from './measure.js';

const TOKEN = 'b'.repeat(64);

// Milliseconds of `fn`, the median of `rounds` calls after one warm-up.
async function timed(rounds: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

export async function webTasksBench(n: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-bench-web-'));
  try {
    const store = openSqliteStore(join(dir, '.pipe'));
    const runId = 'bench-run';
    store.createRun({
      id: runId,
      workflow: join(dir, 'l.txt'),
      launchDir: dir,
      backend: 'local',
      status: 'succeeded',
      startedAt: 0,
      finishedAt: n,
      pid: 1,
      host: hostname(),
      argv: '[]',
    });
    store.putSteps([{ runId, stepId: 'tasks', name: 'tasks', parts: '{}', total: n }]);
    for (let i = 0; i < n; i++) {
      store.recordTask({
        runId,
        taskId: String(i + 1),
        stepId: 'tasks',
        idx: i,
        attempt: 1,
        state: i % 1000 === 0 ? 'failed' : 'succeeded',
        key: String(i).padStart(64, '0'),
        command: `true ${i}`,
        exitCode: i % 1000 === 0 ? 1 : 0,
        startedAt: i,
        endedAt: i + 1,
      });
    }
    store.flush();
    store.close();
    const views = openViews(join(dir, '.pipe'));
    const actions = createActions({ views, stateDir: join(dir, '.pipe'), pipeExecutable: 'pipe' });
    const app = createWebServer({ token: TOKEN, views, actions, stateDir: join(dir, '.pipe'), version: 'bench' });
    await app.ready();
    const get = async (url: string): Promise<unknown> => {
      const res = await app.inject({ url, headers: { authorization: `Bearer ${TOKEN}` } });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const middle = Buffer.from(String(Math.floor(n / 2))).toString('base64url');
    const floorStmt = views.db.prepare(
      'SELECT * FROM tasks WHERE run_id = ? AND task_id > ? ORDER BY task_id LIMIT 100',
    );
    const floor = await timed(20, () => floorStmt.all(runId, String(Math.floor(n / 2))));
    const first = await timed(20, () => get(`/api/runs/${runId}/tasks?limit=100`));
    const deep = await timed(20, () => get(`/api/runs/${runId}/tasks?limit=100&cursor=${middle}`));
    const failed = await timed(10, () => get(`/api/runs/${runId}/tasks?limit=100&state=failed`));
    const cold = performance.now();
    await get(`/api/runs/${runId}`);
    const detailCold = performance.now() - cold;
    const detail = await timed(3, () => get(`/api/runs/${runId}`));
    const coldSeries = performance.now();
    await get(`/api/runs/${runId}/series?buckets=120`);
    const seriesCold = performance.now() - coldSeries;
    const series = await timed(3, () => get(`/api/runs/${runId}/series?buckets=120`));
    const f = (ms: number): string => `${ms.toFixed(1)} ms`;
    console.log(
      `web tasks (${n.toLocaleString('en-US')} tasks; median): a page of 100 ${f(first)}, deep page ${f(deep)} ` +
        `(${(deep / floor).toFixed(1)}x the SQLite floor of ${f(floor)}), failed filter ${f(failed)} · ` +
        `run detail ${f(detailCold)} first, then ${f(detail)} · series ${f(seriesCold)} first, then ${f(series)} · target <= 100 ms a page: ${Math.max(first, deep, failed) <= 100 ? 'met' : 'NOT met'}`,
    );
    await app.close();
    views.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
