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

// Keeps the launcher's figures of a job, which come just before its end: its CPU time, and its I/O as the difference
// of the launcher's /proc/PID/io reading at its end from the one before it. Each measuring launcher's last reading is
// kept by its slot: a task's end reading is the next task's start unless the launcher sends a fresh one on its S
// line (see launcher-script.ts).
export function createIoReadings(): {
  started(slot: object, io: readonly number[] | undefined): void;
  figures(slot: object, job: LocalJob, event: Extract<LauncherEvent, { type: 'figures' }>): void;
} {
  const readings = new WeakMap<object, readonly number[]>();
  return {
    started(slot, io) {
      if (io !== undefined) readings.set(slot, io);
    },
    figures(slot, job, event) {
      const start = readings.get(slot);
      const end = event.io;
      job.cpuMs = event.cpuMs;
      job.io = start === undefined || end === undefined ? undefined : end.map((v, i) => v - (start[i] ?? v));
      if (end === undefined) readings.delete(slot);
      else readings.set(slot, end);
    },
  };
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
      const io = job.io;
      return {
        realtimeMs,
        cpuMs: job.cpuMs,
        cpuPercent: cpuPercentOf(job.cpuMs, realtimeMs),
        peakRssBytes: sample.peakRssBytes,
        peakVmemBytes: sample.peakVmemBytes,
        rcharBytes: io?.[0],
        wcharBytes: io?.[1],
        readBytes: io?.[4],
        writeBytes: io?.[5],
        syscr: io?.[2],
        syscw: io?.[3],
        gpuUtilPercent: sample.gpuUtilPercent,
        peakGpuMemBytes: sample.peakGpuMemBytes,
      };
    },
    close() {
      if (own) sampler.close();
    },
  };
}
