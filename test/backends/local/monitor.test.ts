import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Backend, PreparedTask } from '../../../engine/backend.js';
import { createLocalBackend } from '../../../backends/local/index.js';
import { writeWorkDir } from '../../../engine/workdir/index.js';
import { trackStatuses, type Completed } from '../status-tracker.js';

const launchDir = realpathSync(mkdtempSync(join(tmpdir(), 'pipe-test-local-monitor-')));
const never = new AbortController().signal;
const open: Backend[] = [];
const MIB = 2 ** 20;

afterEach(async () => {
  for (const backend of open.splice(0)) await backend.close();
});
afterAll(() => rmSync(launchDir, { recursive: true, force: true }));

// Runs tasks on a measuring local backend; resolves with their completions.
async function runMeasured(tasks: readonly PreparedTask[], intervalMs = 100): Promise<Completed[]> {
  const backend = createLocalBackend({ launchDir, stdout: 'ignore', stderr: 'ignore', monitor: { intervalMs } });
  open.push(backend);
  const tracker = trackStatuses(backend, 50);
  const ids = await Promise.all(tasks.map((t) => backend.submit(t, never)));
  return Promise.all(
    ids.map(async (id) => (await tracker.waitFor(id, (s) => s.state === 'completed', 60_000)) as Completed),
  );
}

const task = (id: string, command: string, extra: Partial<PreparedTask> = {}): PreparedTask => ({
  id,
  name: id,
  stepName: 's',
  light: true,
  command,
  cpus: 1,
  ...extra,
});

describe('local backend with monitoring', () => {
  it('says it monitors only when asked to', () => {
    const plain = createLocalBackend({ launchDir });
    const measuring = createLocalBackend({ launchDir, monitor: { intervalMs: 1000 } });
    open.push(plain, measuring);
    expect(plain.monitors).toBe(false);
    expect(measuring.monitors).toBe(true);
  });

  it("reports a light task's CPU time, peak memory and I/O with its completion", async () => {
    // Allocates and touches 80 MiB, burns 0.5 s of CPU, writes 3 MB and reads it back; prints its own CPU time.
    const burn =
      "python3 -c \"import time; b = b'x' * (80 << 20); t = time.process_time()\n" +
      'while time.process_time() - t < 0.5: pass\n' +
      'time.sleep(0.3)"; head -c 3000000 /dev/zero > blob; cat blob > /dev/null; rm blob';
    const [status] = await runMeasured([task('burn', burn)]);
    const r = status!.resources!;
    expect(status!.exitCode).toBe(0);
    expect(r.cpuMs).toBeGreaterThanOrEqual(500);
    expect(r.cpuMs).toBeLessThan(500 + 1500);
    expect(r.realtimeMs).toBeGreaterThanOrEqual(800);
    expect(r.cpuPercent).toBeCloseTo((100 * r.cpuMs!) / r.realtimeMs!, 0);
    expect(r.peakRssBytes).toBeGreaterThanOrEqual(80 * MIB);
    expect(r.peakRssBytes).toBeLessThan(80 * MIB * 1.3);
    expect(r.peakVmemBytes).toBeGreaterThanOrEqual(r.peakRssBytes!);
    expect(r.wcharBytes).toBeGreaterThanOrEqual(3_000_000);
    expect(r.rcharBytes).toBeGreaterThanOrEqual(3_000_000);
  });

  it('gives each task only its own figures when tasks run side by side and one after another', async () => {
    const tasks = [
      task('idle-1', 'sleep 0.4'),
      task('busy', "awk 'BEGIN { for (i = 0; i < 30000000; i++) s += i }'; sleep 0.3"),
      task('idle-2', 'sleep 0.4'),
    ];
    const [idle1, busy, idle2] = await runMeasured(tasks);
    expect(busy!.resources!.cpuMs).toBeGreaterThan(200);
    for (const idle of [idle1, idle2]) expect(idle!.resources!.cpuMs).toBeLessThan(100);
  });

  it('measures work-dir tasks, whose wrapper then does not sample', async () => {
    const workDir = join(launchDir, 'wd');
    writeWorkDir(workDir, { script: 'head -c 2000000 /dev/zero > out.bin\nsleep 0.3', name: 'wd' });
    const [status] = await runMeasured([task('wd', '', { light: false, workDir })]);
    expect(status!.exitCode).toBe(0);
    expect(status!.resources!.wcharBytes).toBeGreaterThanOrEqual(2_000_000);
    expect(status!.resources!.peakRssBytes).toBeGreaterThan(0);
  });
});
