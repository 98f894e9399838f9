// Measured local runs: the node sampler watches each running task's process group, and the figures of the
// launcher (CPU time, I/O) and of the sampler (peak memory, GPU) make the task's resources at its end.
import { cpuPercentOf, type TaskResources } from '../../engine/resources.js';
import { createNodeSampler, type NodeSampler } from '../common/monitor/node-sampler.js';
import type { LocalJob } from './job.js';
import type { LauncherEvent } from './protocol.js';

export interface LocalMonitorOptions {
  readonly intervalMs: number; // how often the sampler reads /proc (and asks the GPU tool)
  readonly sampler?: NodeSampler | undefined; // a sampler to share (a pilot agent's); default: one of its own
}

export interface Measure {
  started(job: LocalJob, pid: number): void;
  // The task ended: its resources, and the sampler forgets it.
  ended(job: LocalJob, endedAt: number): TaskResources;
  close(): void;
}

// Keeps the launcher's figures of a job, which come just before its end: its CPU time, and its I/O as the
// difference of the launcher's reading at its end from `start`, the reading before it (undefined: no figures).
export function takeFigures(
  job: LocalJob,
  event: Extract<LauncherEvent, { type: 'figures' }>,
  start: readonly number[] | undefined,
): void {
  job.cpuMs = event.cpuMs;
  const end = event.io;
  job.io = start === undefined || end === undefined ? undefined : end.map((v, i) => v - (start[i] ?? v));
}

// Creates the measuring side of a local backend.
export function createMeasure(opts: LocalMonitorOptions): Measure {
  const own = opts.sampler === undefined;
  const sampler = opts.sampler ?? createNodeSampler({ intervalMs: opts.intervalMs });
  return {
    started(job, pid) {
      sampler.track(job.task.id, pid, job.devices?.map(Number).filter(Number.isInteger));
    },
    ended(job, endedAt) {
      const sample = sampler.finish(job.task.id);
      const realtimeMs = job.startedAt === undefined ? undefined : Math.max(0, Math.round(endedAt - job.startedAt));
      const [rchar, wchar, syscr, syscw, readBytes, writeBytes] = job.io ?? [];
      return {
        realtimeMs,
        cpuMs: job.cpuMs,
        cpuPercent: cpuPercentOf(job.cpuMs, realtimeMs),
        peakRssBytes: sample.peakRssBytes,
        peakVmemBytes: sample.peakVmemBytes,
        rcharBytes: rchar,
        wcharBytes: wchar,
        readBytes,
        writeBytes,
        syscr,
        syscw,
        gpuUtilPercent: sample.gpuUtilPercent,
        peakGpuMemBytes: sample.peakGpuMemBytes,
      };
    },
    close() {
      if (own) sampler.close();
    },
  };
}
