import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createNodeSampler,
  type NodeSampler,
  type TaskSample,
} from '../../../../backends/common/monitor/node-sampler.js';
import type { GpuProbe } from '../../../../backends/common/monitor/gpu-probe.js';
import { scratchFiles } from '../../../helpers/scratch-files.js';

const { dir: root } = scratchFiles('node-sampler');
let samplers: NodeSampler[] = [];
afterEach(() => {
  for (const s of samplers) s.close();
  samplers = [];
});

type FakeProcess = readonly [pid: number, ppid: number, pgrp: number, hwmKiB: number, peakKiB: number];

// Writes one process's stat and status, and its parent's children file, as Linux shows them.
function writeProcess(proc: string, [pid, ppid, pgrp, hwm, peak]: FakeProcess, siblings: readonly number[]): void {
  mkdirSync(join(proc, String(pid), 'task', String(pid)), { recursive: true });
  writeFileSync(join(proc, String(pid), 'stat'), `${pid} (p ${pid}) S ${ppid} ${pgrp} 1 0 -1 0 0 0 0 0 1 1 0 0 20 0`);
  writeFileSync(join(proc, String(pid), 'status'), `Name:\tp\nVmPeak:\t${peak} kB\nVmHWM:\t${hwm} kB\n`);
  mkdirSync(join(proc, String(ppid), 'task', String(ppid)), { recursive: true });
  writeFileSync(join(proc, String(ppid), 'task', String(ppid), 'children'), siblings.map((p) => `${p} `).join(''));
}

// A /proc tree of processes: pid, parent, process group, VmHWM and VmPeak in KiB.
function fakeProc(name: string, procs: readonly FakeProcess[]): string {
  const proc = join(root, name);
  mkdirSync(proc, { recursive: true });
  for (const p of procs)
    writeProcess(
      proc,
      p,
      procs.filter((q) => q[1] === p[1]).map((q) => q[0]),
    );
  writeFileSync(join(proc, 'loadavg'), '1.50 1.00 0.50 2/300 999\n');
  writeFileSync(join(proc, 'meminfo'), 'MemTotal: 8000000 kB\nMemAvailable: 6000000 kB\n');
  return proc;
}

const sampler = (procRoot: string, gpu: GpuProbe | null = null): NodeSampler => {
  const s = createNodeSampler({ intervalMs: 60_000, procRoot, gpu });
  samplers.push(s);
  return s;
};

describe('the node sampler', () => {
  it("sums a task's processes (its tree, with descendants that left its group) and keeps the highest sum", async () => {
    // Task A is group 100: 100 and 101 in it, 102 (child of 101) in a group of its own. 200 belongs to no task.
    const proc = fakeProc('tree', [
      [100, 1, 100, 1000, 5000],
      [101, 100, 100, 2000, 6000],
      [102, 101, 102, 4000, 9000],
      [200, 1, 200, 99999, 99999],
    ]);
    const s = sampler(proc);
    s.track('a', 100);
    await s.sample();
    writeFileSync(join(proc, '102', 'status'), 'VmPeak:\t100 kB\nVmHWM:\t100 kB\n'); // the peak stays the earlier one
    await s.sample();
    expect(s.finish('a')).toEqual({
      peakRssBytes: 7000 * 1024,
      peakVmemBytes: 20000 * 1024,
      gpuUtilPercent: undefined,
      peakGpuMemBytes: undefined,
      samples: 2,
    });
    expect(s.latest()).toMatchObject({ load1: 1.5, memTotalBytes: 8000000 * 1024, memAvailableBytes: 6000000 * 1024 });
  });

  it('keeps counting a member reparented out of the tree, but not a stranger that took a pid it knew', async () => {
    // 101 (group 100) is seen under 100, then its parent's exit reparents it to 1; 102 is seen, ends, and its pid
    // goes to a process of another group.
    const proc = fakeProc('strays', [
      [100, 1, 100, 1000, 1000],
      [101, 100, 100, 2000, 2000],
      [102, 100, 100, 10, 10],
    ]);
    const s = sampler(proc);
    s.track('a', 100);
    await s.sample();
    writeFileSync(join(proc, '100', 'task', '100', 'children'), '');
    writeProcess(proc, [101, 1, 100, 5000, 5000], [101]);
    writeProcess(proc, [102, 1, 300, 90000, 90000], [101, 102]);
    await s.sample();
    expect(s.finish('a')).toMatchObject({ peakRssBytes: 6000 * 1024, samples: 2 });
  });

  it('looks at a young task 50 ms after its start by walking its tree from the leader', async () => {
    const proc = fakeProc('young', [
      [100, 1, 100, 1000, 2000],
      [105, 100, 105, 3000, 4000],
    ]);
    const s = sampler(proc);
    s.track('young', 100);
    await new Promise((r) => setTimeout(r, 150));
    expect(s.finish('young')).toMatchObject({ peakRssBytes: 4000 * 1024, peakVmemBytes: 6000 * 1024, samples: 1 });
  });

  it('reports no figures for a task no sample saw', () => {
    const s = sampler(fakeProc('unseen', []));
    s.track('b', 300);
    expect(s.finish('b')).toEqual({ samples: 0 });
  });

  it('gives each task the GPU memory of its processes and the utilisation of the GPUs they are on', async () => {
    const proc = fakeProc('gpu', [
      [100, 1, 100, 10, 10],
      [110, 1, 110, 10, 10],
    ]);
    const probe: GpuProbe = {
      vendor: 'nvidia',
      snapshot: async () => ({
        processes: [
          { pid: 100, device: 'GPU-a', memoryBytes: 1000 },
          { pid: 110, device: 'GPU-b', memoryBytes: 3000 },
        ],
        devices: [
          { index: 0, uuid: 'GPU-a', utilPercent: 90 },
          { index: 1, uuid: 'GPU-b', utilPercent: 10 },
        ],
      }),
    };
    const s = sampler(proc, probe);
    s.track('a', 100);
    s.track('b', 110);
    await s.sample();
    expect(s.finish('a')).toMatchObject({ gpuUtilPercent: 90, peakGpuMemBytes: 1000 });
    expect(s.finish('b')).toMatchObject({ gpuUtilPercent: 10, peakGpuMemBytes: 3000 });
    expect(s.latest()?.gpus).toHaveLength(2);
  });

  it('sees the real peak memory of a running process group in /proc', async () => {
    const child = spawn('python3', ['-c', "import time; b = b'x' * (64 << 20); time.sleep(30)"], {
      detached: true,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    try {
      const s = sampler('/proc');
      s.track('real', child.pid!);
      let sample: TaskSample = { samples: 0 };
      for (let i = 0; i < 100 && (sample.peakRssBytes ?? 0) < 64 * 2 ** 20; i++) {
        await new Promise((r) => setTimeout(r, 100));
        s.track('real', child.pid!);
        await s.sample();
        sample = s.finish('real');
      }
      expect(sample.peakRssBytes).toBeGreaterThanOrEqual(64 * 2 ** 20);
      expect(sample.peakRssBytes).toBeLessThan(64 * 2 ** 20 * 1.25);
    } finally {
      process.kill(-child.pid!, 'SIGKILL');
    }
  });
});
