// Task monitoring through the built CLI: the figures pipe records agree with what the task itself did and measured.
import { hostname } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../engine/store/sqlite-store.js';
import type { TaskResources } from '../../engine/resources.js';
import { runPipe, scratchDir } from '../helpers/cli.js';

const MIB = 2 ** 20;

// Allocates and touches 300 MiB, then burns two seconds of CPU; the script measures its own CPU time (bash's
// `times`: what its children used) and wall time, and writes them to self.txt in its work dir.
const BURN = `tasks:
  - id: burn
    command: |
      t0=$EPOCHREALTIME
      python3 -c "
      import time
      b = b'x' * (300 << 20)
      t = time.process_time()
      while time.process_time() - t < 2:
          pass
      "
      t1=$EPOCHREALTIME
      times > times.txt
      echo "$t0 $t1" > self.txt
`;

// The trace file's rows by task id.
function traceRows(file: string): Map<string, Record<string, string>> {
  const [head, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const header = (head ?? '').split('\t');
  const rows = lines.map((line) => Object.fromEntries(line.split('\t').map((cell, i) => [header[i], cell])));
  return new Map(rows.map((r) => [r.task_id!, r]));
}

// A trace memory cell ("321.6 MB") in bytes.
function bytesOf(cell: string): number {
  const [value, unit] = cell.split(' ');
  const power = ['B', 'KB', 'MB', 'GB'].indexOf(unit ?? 'B');
  return Number(value) * 1024 ** power;
}

// The resource figures the latest run stored, by task id.
function storedResources(dir: string): Map<string, TaskResources> {
  const store = openSqliteStore(join(dir, '.pipe'));
  try {
    const run = store.latestRun()!;
    const byKey = store.resources(run.id);
    return new Map([...byKey].map(([key, r]) => [key.split('\t')[0]!, r]));
  } finally {
    store.close();
  }
}

// The one work dir under `work/`.
function onlyWorkDir(dir: string): string {
  const [a] = readdirSync(join(dir, 'work'));
  const [b] = readdirSync(join(dir, 'work', a!));
  return join(dir, 'work', a!, b!);
}

// CPU seconds from bash's `times` output (its second line: the children's user and system time).
function childCpuSeconds(text: string): number {
  const line = text.trim().split('\n')[1] ?? '';
  return line
    .split(' ')
    .map((part) => /^(\d+)m([\d.]+)s$/.exec(part))
    .reduce((sum, m) => sum + (m === null ? 0 : Number(m[1]) * 60 + Number(m[2])), 0);
}

describe('pipe run --with-trace (task monitoring)', () => {
  it('shows a 300 MB, two-CPU-second task with peak RSS within 10% and %CPU as the task measured itself', async () => {
    const dir = scratchDir({ 'tasks.yaml': BURN });
    const result = await runPipe(['run', 'tasks.yaml', '--with-trace', 'trace.txt'], dir);
    expect(result.stderr).toContain('succeeded');
    expect(result.code).toBe(0);
    const row = traceRows(join(dir, 'trace.txt')).get('burn')!;
    const peak = bytesOf(row.peak_rss!);
    expect(Math.abs(peak - 300 * MIB) / (300 * MIB)).toBeLessThanOrEqual(0.1);
    expect(bytesOf(row.peak_vmem!)).toBeGreaterThanOrEqual(peak);

    const work = onlyWorkDir(dir);
    const cpu = childCpuSeconds(readFileSync(join(work, 'times.txt'), 'utf8'));
    const [t0, t1] = readFileSync(join(work, 'self.txt'), 'utf8').trim().split(' ').map(Number);
    const selfPercent = (100 * cpu) / (t1! - t0!);
    const percent = Number.parseFloat(row['%cpu']!);
    expect(Math.abs(percent - selfPercent)).toBeLessThanOrEqual(10);
    expect(percent).toBeLessThanOrEqual(105); // one thread: never more than one core

    const stored = storedResources(dir).get('burn')!;
    expect(stored.cpuMs! / 1000).toBeGreaterThanOrEqual(2);
    expect(Math.abs(stored.cpuMs! / 1000 - cpu)).toBeLessThanOrEqual(0.3);
  });

  it('records I/O of light tasks too, and `pipe tasks --fields` shows the figures', async () => {
    const dir = scratchDir({ 'list.txt': 'head -c 4000000 /dev/zero > blob; cat blob > /dev/null\ntrue\n' });
    const result = await runPipe(['run', 'list.txt', '--with-monitoring'], dir);
    expect(result.code).toBe(0);
    const stored = storedResources(dir);
    expect(stored.get('1')!.wcharBytes).toBeGreaterThanOrEqual(4_000_000);
    expect(stored.get('1')!.rcharBytes).toBeGreaterThanOrEqual(4_000_000);
    expect(stored.get('2')!.wcharBytes).toBeLessThan(100_000);
    const tasks = await runPipe(['tasks', '--fields', 'task,state,wchar,cpu_time,%cpu'], dir);
    expect(tasks.code).toBe(0);
    const lines = tasks.stdout.trim().split('\n');
    expect(lines[0]!.split(/\s+/)).toEqual(['TASK', 'STATE', 'WCHAR', 'CPU_TIME', '%CPU']);
    expect(lines[1]).toMatch(/^1\s+succeeded\s+7\.\d MB\s+\S+\s+\d+\.\d%$/);
    const bad = await runPipe(['tasks', '--fields', 'task,peak_rs'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown field "peak_rs"');
  });

  it('measures tasks on pilot agents, which send the figures with each completion', async () => {
    const dir = scratchDir({ 'list.txt': 'head -c 3000000 /dev/zero > blob; cat blob > /dev/null\ntrue\n' });
    const result = await runPipe(['run', 'list.txt', '--agents', 'local:1', '--with-trace', 'trace.txt'], dir);
    expect(result.stderr).toContain('succeeded');
    expect(result.code).toBe(0);
    const stored = storedResources(dir);
    expect(stored.get('1')!.wcharBytes).toBeGreaterThanOrEqual(3_000_000);
    expect(stored.get('1')!.cpuMs).toBeGreaterThanOrEqual(0);
    expect(traceRows(join(dir, 'trace.txt')).get('1')!.wchar).toMatch(/^5\.\d MB$/);
  });

  it("shows the pilot agents' nodes in the report: load and memory each reported", async () => {
    const dir = scratchDir({ 'list.txt': 'sleep 0.5\ntrue\n' });
    const result = await runPipe(['run', 'list.txt', '--agents', 'local:2', '--with-report', 'report.html'], dir);
    expect(result.code, result.stderr).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const section = html.slice(
      html.indexOf('<section id="nodes">'),
      html.indexOf('</section>', html.indexOf('id="nodes"')),
    );
    expect(section).toMatch(/<h2>Nodes \([12]\)<\/h2>/);
    expect(section).toContain(`<td>${hostname()}</td>`);
    expect(section).toMatch(/ of \d+(\.\d)? GB<\/td>/); // memory in use of the node's total
  });

  it('is off unless asked for, and `monitoring: true` in pipe.yaml turns it on', async () => {
    const dir = scratchDir({ 'list.txt': 'true\n' });
    await runPipe(['run', 'list.txt'], dir);
    expect(storedResources(dir).size).toBe(0);
    const on = scratchDir({ 'list.txt': 'true\n', 'pipe.yaml': "monitoring:\n  interval: '200ms'\n" });
    expect((await runPipe(['run', 'list.txt'], on)).code).toBe(0);
    expect(storedResources(on).get('1')?.realtimeMs).toBeGreaterThanOrEqual(0);
    const bad = scratchDir({ 'list.txt': 'true\n', 'pipe.yaml': 'monitoring:\n  interval: fast\n' });
    const refused = await runPipe(['run', 'list.txt'], bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/pipe\.yaml:2:\d+: expected a sampling interval of at least 10ms, got "fast"/);
  });
});
