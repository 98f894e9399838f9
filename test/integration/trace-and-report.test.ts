import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../engine/store/sqlite-store.js';
import type { TaskRecord } from '../../engine/store/store.js';
import { TRACE_COLUMNS } from '../../ui/trace/trace-file.js';
import { traceDate, traceDuration } from '../../ui/trace/nextflow-format.js';
import { runPipe, scratchDir } from '../helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';

const yaml = `tasks:
  - id: prepare
    command: python3 -c "x = bytearray(30 * 1024 * 1024); import time; time.sleep(0.4)"; echo ready
  - id: align
    after: prepare
    command: head -c 2000000 /dev/zero > blob; cat blob > /dev/null
  - id: flaky
    after: prepare
    retries: 1
    command: echo "oops from flaky" >&2; exit 3
`;

// The trace file as rows of named cells.
function readTrace(file: string): { header: string[]; rows: Record<string, string>[] } {
  const [head, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const header = (head ?? '').split('\t');
  return {
    header,
    rows: lines.map((line) => Object.fromEntries(line.split('\t').map((cell, i) => [header[i], cell]))),
  };
}

// Every attempt of the latest run, from the store the run wrote.
function storedAttempts(dir: string): TaskRecord[] {
  const store = openSqliteStore(join(dir, '.pipe'));
  try {
    return store.tasks({ runId: store.latestRun()!.id });
  } finally {
    store.close();
  }
}

describe('pipe run --with-trace', () => {
  it("writes Nextflow's default columns and pipe's I/O and GPU ones, one row per attempt, agreeing with the store", async () => {
    const dir = scratchDir({ 'tasks.yaml': yaml });
    const result = await runPipe(['run', 'tasks.yaml', '-k', '--retry-delay', '0', '--with-trace', 'trace.txt'], dir);
    expect(result.code).toBe(1);
    const { header, rows } = readTrace(join(dir, 'trace.txt'));
    expect(header).toEqual([...TRACE_COLUMNS]);
    expect(header).toEqual([
      'task_id',
      'hash',
      'native_id',
      'name',
      'status',
      'exit',
      'submit',
      'duration',
      'realtime',
      '%cpu',
      'peak_rss',
      'peak_vmem',
      'rchar',
      'wchar',
      'read_bytes',
      'write_bytes',
      'gpu_util',
      'peak_gpu_mem',
    ]);
    const attempts = storedAttempts(dir);
    expect(rows).toHaveLength(attempts.length);
    expect(rows.map((r) => `${r.task_id} ${r.status} ${r.exit}`).sort()).toEqual([
      'align COMPLETED 0',
      'flaky FAILED 3',
      'flaky FAILED 3',
      'prepare COMPLETED 0',
    ]);
    for (const task of attempts) {
      const row = rows.find((r) => r.task_id === task.taskId && r.submit === traceDate(task.submittedAt));
      expect(row, `row of ${task.taskId} attempt ${task.attempt}`).toBeDefined();
      expect(row!.hash).toBe(`${task.key.slice(0, 2)}/${task.key.slice(2, 8)}`);
      expect(row!.native_id).toBe(task.nativeId ?? '-');
      expect(row!.duration).toBe(traceDuration(task.endedAt! - task.submittedAt!));
      expect(row!.realtime).toBe(traceDuration(task.endedAt! - task.startedAt!));
      expect(row!['%cpu']).toMatch(/^\d+\.\d%$/);
    }
    const prepare = rows.find((r) => r.task_id === 'prepare')!;
    expect(prepare.peak_rss).toMatch(/^(\d+(\.\d)?) MB$/);
    expect(Number.parseFloat(prepare.peak_rss!)).toBeGreaterThanOrEqual(30);
    const align = rows.find((r) => r.task_id === 'align')!;
    expect(align.wchar).toMatch(/^\d+(\.\d)? MB$/);
    expect(Number.parseFloat(align.wchar!)).toBeGreaterThanOrEqual(1.9);
  });

  it('gives light tasks times, exit status and their CPU and I/O figures', async () => {
    const dir = scratchDir({ 'list.txt': 'true\nsh -c "exit 2"\n' });
    await runPipe(['run', 'list.txt', '-k', '--with-trace', 'trace.txt'], dir);
    const { rows } = readTrace(join(dir, 'trace.txt'));
    const cells = rows.map((r) => [r.task_id, r.name, r.status, r.exit]).sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(cells).toEqual([
      ['1', 'list.txt (1)', 'COMPLETED', '0'],
      ['2', 'list.txt (2)', 'FAILED', '2'],
    ]);
    for (const row of rows) {
      expect(row.submit).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
      expect(row.realtime).toMatch(/^\d+ms$|^\d+\.\ds$/);
      expect(row['%cpu']).toMatch(/^\d+\.\d%$/);
      expect(row.rchar).toMatch(/^\d+(\.\d)? [KM]?B$|^0$/);
      expect([row.gpu_util, row.peak_gpu_mem]).toEqual(['-', '-']); // no GPU tool on PATH
    }
  });
});

describe('pipe run --with-report', () => {
  it.skipIf(!existsSync(CHROMIUM) && process.env.PIPE_REQUIRE_SERVICES !== '1')(
    'writes one HTML file that renders in headless Chromium with no console errors and no network',
    async () => {
      const dir = scratchDir({ 'tasks.yaml': yaml });
      await runPipe(['run', 'tasks.yaml', '-k', '--retry-delay', '0', '--with-report', 'report.html'], dir);
      const html = readFileSync(join(dir, 'report.html'), 'utf8');
      expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath: CHROMIUM });
      try {
        const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
        const problems: string[] = [];
        page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
        page.on('pageerror', (e) => problems.push(String(e)));
        await page.route('**/*', (route) =>
          route.request().url().startsWith('file:')
            ? route.continue()
            : (problems.push(`fetched ${route.request().url()}`), route.abort()),
        );
        await page.goto(`file://${join(dir, 'report.html')}`);
        expect(await page.locator('#summary .card').count()).toBeGreaterThanOrEqual(5);
        expect(await page.locator('#summary').innerText()).toMatch(/status\s+failed/);
        expect(await page.locator('#steps tbody tr').count()).toBe(3);
        expect(await page.locator('#durations svg rect').count()).toBe(3);
        for (const plot of ['cpu', 'io-read', 'io-write'])
          expect(await page.locator(`#usage-${plot} svg .box`).count(), plot).toBe(3);
        // Memory is sampled: the short tasks may end before the first look, the 0.4 s one never does.
        for (const plot of ['memory', 'vmem'])
          expect(await page.locator(`#usage-${plot} svg .box`).count(), plot).toBeGreaterThanOrEqual(1);
        expect(await page.locator('#usage-gpu').count()).toBe(0);
        expect(await page.locator('#failures').innerText()).toContain('oops from flaky');
        expect(await page.locator('#failures h3').count()).toBe(2);
        expect(await page.locator('#timeline svg rect').count()).toBe(4);
        await page.locator('#steps th', { hasText: 'attempts' }).click();
        expect(await page.locator('#steps tbody tr').first().innerText()).toMatch(/^(prepare|align)\t1/);
        await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
        expect(readFileSync(join(dir, 'report.png')).subarray(1, 4).toString()).toBe('PNG');
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );
});

describe('pipe dag and --with-dag', () => {
  it('prints the step graph as DOT and writes it in the format its file name says', async () => {
    const dir = scratchDir({ 'tasks.yaml': yaml });
    const dag = await runPipe(['dag', 'tasks.yaml'], dir);
    expect(dag.code).toBe(0);
    expect(dag.stdout).toContain('"prepare" -> "align" [style=dashed];');
    const mermaid = await runPipe(['dag', 'tasks.yaml', '--format', 'mermaid'], dir);
    expect(mermaid.stdout.split('\n')[0]).toBe('flowchart TD');
    await runPipe(['run', 'tasks.yaml', '-k', '--retries', '0', '--with-dag', 'dag.json'], dir);
    const json = JSON.parse(readFileSync(join(dir, 'dag.json'), 'utf8')) as { nodes: { id: string }[] };
    expect(json.nodes.map((n) => n.id)).toEqual(['prepare', 'align', 'flaky']);
    const bad = await runPipe(['run', 'tasks.yaml', '--with-dag', 'dag.gif'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cannot tell the format of the DAG file "dag.gif"');
  });
});
