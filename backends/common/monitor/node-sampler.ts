// One sampler per node: every interval it looks at the tasks it tracks (each a process group: the tree from its
// leader, and the members that left the tree), keeping each task's peak memory, and asks the GPU tool, if any, for
// each task's GPU memory and utilisation. It reads only the tasks' own processes in /proc, never the whole of it
// (one pass over every process cost 55 ms on a node with 160 of them). Also samples the node itself: load, memory,
// GPUs. A task younger than the interval is also looked at 50, 200 and 500 ms after its start: short tasks get
// figures too, and a task that ends first costs nothing.
import { findGpuProbe, type GpuProbe } from './gpu-probe.js';
import type { GpuDevice } from './gpu-smi.js';
import { shareGpu, type GpuUser } from './gpu-share.js';
import { createEarlyLooks, type YoungTask } from './early-looks.js';
import { lookAt, readProcFile, taskProcesses } from './process-looks.js';
import { parseLoadavg, parseMeminfo } from './proc-files.js';

export interface TaskSample {
  readonly peakRssBytes?: number | undefined;
  readonly peakVmemBytes?: number | undefined;
  readonly gpuUtilPercent?: number | undefined;
  readonly peakGpuMemBytes?: number | undefined;
  readonly samples: number; // how many passes saw the task's processes
}

export interface NodeSample {
  readonly time: number;
  readonly load1?: number | undefined;
  readonly memTotalBytes?: number | undefined;
  readonly memAvailableBytes?: number | undefined;
  readonly gpus: readonly GpuDevice[];
}

export interface NodeSamplerOptions {
  readonly intervalMs: number;
  readonly procRoot?: string | undefined; // default /proc
  // The GPU tool to ask (default: nvidia-smi or rocm-smi when on PATH); null: none.
  readonly gpu?: GpuProbe | null | undefined;
  readonly sampleNode?: boolean | undefined; // also sample the node when no task runs (pilot agents)
}

export interface NodeSampler {
  // Starts watching a task: its process group id, and the GPU indices it holds (when GPU slots assigned some).
  track(id: string, pgid: number, devices?: readonly number[]): void;
  // Stops watching a task and returns what the samples saw.
  finish(id: string): TaskSample;
  // One pass now (the timer calls this); resolves when the GPU tool has answered too.
  sample(): Promise<void>;
  latest(): NodeSample | undefined;
  close(): void;
}

interface Tracked extends GpuUser, YoungTask {
  readonly pgid: number;
  rssKiB: number;
  vmemKiB: number;
  samples: number;
}

// What finish() says of a task no pass saw (a short task ends before its first look): one object for all of them.
const UNSEEN: TaskSample = Object.freeze({ samples: 0 });

// Creates the sampler; its timer is unref'd and runs only while there is something to sample.
export function createNodeSampler(opts: NodeSamplerOptions): NodeSampler {
  const proc = opts.procRoot ?? '/proc';
  const gpu = opts.gpu === null ? undefined : (opts.gpu ?? findGpuProbe());
  const tracked = new Map<string, Tracked>();
  let node: NodeSample | undefined;
  let gpuBusy = false;

  // Adds one look at a task's memory: the sum over `pids` of their peaks.
  const addLook = (t: Tracked, pids: readonly number[]): void => {
    const look = lookAt(proc, pids);
    if (look === undefined) return;
    t.rssKiB = Math.max(t.rssKiB, look.rssKiB);
    t.vmemKiB = Math.max(t.vmemKiB, look.vmemKiB);
    t.pids = look.pids;
    t.samples += 1;
  };

  const earlyLooks = createEarlyLooks(
    opts.intervalMs,
    () => tracked.values(),
    (t) => addLook(t, taskProcesses(proc, t.pgid, t.pids)),
  );

  // Memory of each tracked task now; its peak grows when the sum over its processes does.
  const sampleProcesses = (): void => {
    for (const t of tracked.values()) addLook(t, taskProcesses(proc, t.pgid, t.pids));
  };

  const sampleNode = (gpus: readonly GpuDevice[]): void => {
    const load = parseLoadavg(readProcFile(`${proc}/loadavg`) ?? '');
    const memory = parseMeminfo(readProcFile(`${proc}/meminfo`) ?? '');
    node = {
      time: Date.now(),
      load1: load?.load1,
      memTotalBytes: memory?.totalBytes,
      memAvailableBytes: memory?.availableBytes,
      gpus,
    };
  };

  const sample = async (): Promise<void> => {
    if (tracked.size > 0) sampleProcesses();
    if (gpu === undefined || gpuBusy) {
      sampleNode(node?.gpus ?? []);
      return;
    }
    gpuBusy = true;
    try {
      const snap = await gpu.snapshot();
      if (snap !== undefined) shareGpu(tracked.values(), snap);
      sampleNode(snap?.devices ?? []);
    } finally {
      gpuBusy = false;
    }
  };

  const timer = setInterval(() => {
    if (tracked.size > 0 || opts.sampleNode === true) void sample().catch(() => undefined);
  }, opts.intervalMs);
  timer.unref();

  return {
    track(id, pgid, devices) {
      const now = Date.now();
      tracked.set(id, {
        pgid,
        startedAt: now,
        early: 0,
        devices,
        pids: [pgid],
        rssKiB: 0,
        vmemKiB: 0,
        gpuMem: 0,
        utilSum: 0,
        utilCount: 0,
        samples: 0,
      });
      earlyLooks.started(now);
    },
    finish(id) {
      const t = tracked.get(id);
      tracked.delete(id);
      if (t === undefined || t.samples === 0) return UNSEEN;
      return {
        peakRssBytes: t.rssKiB * 1024,
        peakVmemBytes: t.vmemKiB * 1024,
        gpuUtilPercent: t.utilCount === 0 ? undefined : Math.round((t.utilSum / t.utilCount) * 10) / 10,
        peakGpuMemBytes: t.utilCount === 0 && t.gpuMem === 0 ? undefined : t.gpuMem,
        samples: t.samples,
      };
    },
    sample,
    latest: () => node,
    close() {
      clearInterval(timer);
      earlyLooks.stop();
    },
  };
}
