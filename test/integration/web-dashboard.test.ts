// `pipe serve`'s dashboard in headless Chromium: a 10,000-task run renders, filters and pages work, a running run
// updates without a reload, and no page logs an error or fetches anything from another host.
import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../engine/store/sqlite-store.js';
import type { TaskRecord } from '../../engine/store/store.js';
import { runPipe, scratchDir, startPipe, waitFor } from '../helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const required = process.env.PIPE_REQUIRE_SERVICES === '1';
const TASKS = 10_000;
const FAILED = 37;

// Starts `pipe serve --port 0` in `dir` and resolves to its printed URL with the token.
async function serve(dir: string, extra: string[] = []): Promise<{ url: string; stop: () => void }> {
  const { child, done } = startPipe(['serve', '--port', '0', ...extra], dir);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  void done;
  await waitFor(() => /\?token=\w+/.test(stderr), 30_000);
  return { url: /(http:\S+\?token=\w+)/.exec(stderr)![1]!, stop: () => child.kill('SIGTERM') };
}

// A store holding one finished run of 10,000 tasks in two steps, some failed with a stderr file.
function bigRun(dir: string): string {
  const store = openSqliteStore(join(dir, '.pipe'));
  const runId = '20260101-000000-big0';
  const t0 = Date.now() - 600_000;
  store.createRun({
    id: runId,
    workflow: join(dir, 'tasks.txt'),
    launchDir: dir,
    backend: 'local',
    status: 'failed',
    startedAt: t0,
    finishedAt: t0 + 500_000,
    pid: 1,
    host: hostname(),
    argv: JSON.stringify(['run', 'tasks.txt']),
  });
  store.putSteps([
    { runId, stepId: 'align', name: 'align', parts: '{}', total: TASKS / 2 },
    { runId, stepId: 'count', name: 'count', parts: '{}', total: TASKS / 2 },
  ]);
  writeFileSync(join(dir, 'err.txt'), 'segmentation fault in sample\n');
  for (let i = 0; i < TASKS; i++) {
    const failed = i % Math.floor(TASKS / FAILED) === 0 && i / Math.floor(TASKS / FAILED) < FAILED;
    const task: TaskRecord = {
      runId,
      taskId: `t${String(i).padStart(5, '0')}`,
      stepId: i < TASKS / 2 ? 'align' : 'count',
      idx: i,
      attempt: 1,
      state: failed ? 'failed' : 'succeeded',
      key: `${i}`.padStart(64, '0'),
      command: `tool --sample s${i}`,
      exitCode: failed ? 139 : 0,
      reason: failed ? 'exit code 139' : undefined,
      submittedAt: t0 + i * 50,
      startedAt: t0 + i * 50,
      endedAt: t0 + i * 50 + 120,
      errFile: failed ? join(dir, 'err.txt') : undefined,
      tags: JSON.stringify({ sample: `s${i}` }),
    };
    store.recordTask(task);
  }
  store.flush();
  store.close();
  return runId;
}

describe.skipIf(!existsSync(CHROMIUM) && !required)('pipe serve dashboard in Chromium', () => {
  let browser: Browser;
  const problems: string[] = [];

  // A page that records console errors, page errors and any request off the server's own host.
  async function newPage(origin: string): Promise<Page> {
    problems.length = 0;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('response', (r) => void (r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`)));
    await page.route('**/*', (route) =>
      route.request().url().startsWith(origin)
        ? route.continue()
        : (problems.push(`fetched ${route.request().url()}`), route.abort()),
    );
    return page;
  }

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 60_000);
  afterAll(async () => browser?.close());

  it('renders a 10,000-task run, its steps, charts and failures, and filters and pages its tasks', async () => {
    const dir = scratchDir();
    const runId = bigRun(dir);
    const server = await serve(dir);
    try {
      const origin = new URL(server.url).origin;
      const page = await newPage(origin);
      await page.goto(server.url); // sets the cookie, redirects to /
      expect(new URL(page.url()).search).toBe('');
      await page.getByRole('link', { name: runId }).click();
      await expect.poll(() => page.locator('h2').first().innerText()).toContain(`Run ${runId}`);
      await expect.poll(() => page.getByText(`all ${TASKS} tasks`).count()).toBe(1);
      await expect.poll(() => page.locator('svg[aria-label="step graph"] rect').count()).toBe(2);
      expect(await page.locator('svg[aria-label^="Throughput"] polyline').count()).toBe(1);
      expect(await page.locator('svg[aria-label^="Concurrency"] polyline').count()).toBe(1);
      await expect.poll(() => page.getByText('segmentation fault in sample').count()).toBe(20);
      await page.getByText('more failures').click();
      await expect.poll(() => page.getByTestId('task-row').count()).toBe(FAILED);
      await page.getByLabel('state').selectOption('');
      await page.getByLabel('text').fill('s123');
      await page.getByRole('button', { name: 'Filter' }).click();
      // s123, s1230..s1239: the text filter searches commands
      await expect.poll(() => page.getByTestId('task-row').count()).toBe(11);
      await page.getByLabel('text').fill('');
      await page.getByLabel('step').fill('count');
      await page.getByRole('button', { name: 'Filter' }).click();
      await expect.poll(() => page.getByTestId('task-row').first().innerText()).toContain('t05000');
      await page.getByRole('button', { name: 'next →' }).click();
      await expect.poll(() => page.getByTestId('task-row').first().innerText()).toContain('t05100');
      await page.getByTestId('task-row').first().getByRole('link').click();
      await expect.poll(() => page.locator('h2').first().innerText()).toContain('Task t05100');
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      server.stop();
    }
  }, 120_000);

  it('updates a running run without a reload', async () => {
    const lines = Array.from({ length: 60 }, () => 'sleep 0.5').join('\n');
    const dir = scratchDir({ 'slow.txt': `${lines}\n` });
    const run = startPipe(['run', 'slow.txt', '-j', '2', '--plain'], dir);
    await waitFor(() => existsSync(join(dir, '.pipe', 'pipe.db')), 30_000);
    const server = await serve(dir);
    try {
      const page = await newPage(new URL(server.url).origin);
      await page.goto(server.url);
      await page.locator('a[href^="#/runs/"]').first().click();
      const succeeded = async (): Promise<number> => {
        const text = await page.locator('.card').first().innerText();
        return Number(/succeeded\s+(\d+)/.exec(text)?.[1] ?? 0);
      };
      await expect.poll(succeeded, { timeout: 30_000 }).toBeGreaterThan(0);
      // The run's own live view: its light tasks running now, which the store records only once they end.
      await expect
        .poll(() => page.getByTestId('live-view').innerText(), { timeout: 30_000 })
        .toMatch(/Live [1-9]\d* running · \d+\/60 done/);
      const first = await succeeded();
      await expect.poll(succeeded, { timeout: 30_000 }).toBeGreaterThan(first);
      expect((await run.done).code).toBe(0);
      await expect.poll(succeeded, { timeout: 30_000 }).toBe(60);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      server.stop();
      run.child.kill('SIGTERM');
    }
  }, 120_000);

  it("shows a pilot server's queue, queues commands from its form, and follows them as an agent runs them", async () => {
    const dir = scratchDir({ 'list.txt': 'true\n' });
    expect((await runPipe(['run', 'list.txt', '--plain'], dir)).code).toBe(0);
    const pilot = startPipe(['server', '--port', '0'], dir);
    let pilotLog = '';
    pilot.child.stderr?.on('data', (chunk: Buffer) => (pilotLog += chunk.toString()));
    await waitFor(() => /listening on (\S+)/.test(pilotLog), 30_000);
    const address = /listening on (\S+)/.exec(pilotLog)![1]!;
    const server = await serve(dir, ['--server', address]);
    let agent: ReturnType<typeof startPipe> | undefined;
    try {
      const page = await newPage(new URL(server.url).origin);
      await page.goto(server.url);
      await page.getByRole('link', { name: 'pilot queue' }).click();
      await expect.poll(() => page.getByTestId('queue-counts').innerText()).toMatch(/queued\s+0/);
      await page.getByLabel('commands').fill('echo from-the-dashboard\nexit 3');
      await page.getByRole('button', { name: 'Submit' }).click();
      await expect.poll(() => page.getByTestId('queue-row').count(), { timeout: 10_000 }).toBe(2);
      await expect.poll(() => page.getByTestId('queue-counts').innerText()).toMatch(/queued\s+2/);
      agent = startPipe(['agent', '--server', address, '-j', '2'], dir);
      await expect
        .poll(() => page.getByTestId('queue-counts').innerText(), { timeout: 30_000 })
        .toMatch(/succeeded\s+1\s*failed\s+1/);
      await page.getByLabel('state').selectOption('failed');
      await expect.poll(() => page.getByTestId('queue-row').count()).toBe(1);
      expect(await page.getByTestId('queue-row').innerText()).toContain('exit 3');
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      agent?.child.kill('SIGTERM');
      server.stop();
      pilot.child.kill('SIGTERM');
    }
  }, 120_000);
});
