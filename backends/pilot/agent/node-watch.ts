// An agent that monitors (--monitor) keeps one node sampler: its local backend measures each task with it, and
// its heartbeats carry the node's latest figures (load, memory, GPUs) to the server.
import { createNodeSampler, type NodeSample, type NodeSampler } from '../../common/monitor/node-sampler.js';
import type { NodeFigures } from '../protocol/messages.js';

export interface NodeWatch {
  readonly intervalMs: number;
  readonly sampler: NodeSampler;
  readonly figures: () => NodeFigures | undefined; // the latest sample, as a beat carries it
  readonly close: () => void;
}

// A node sample as the wire carries it: memory in use is the total less what the kernel counts available.
export function nodeFigures(sample: NodeSample): NodeFigures {
  const { memTotalBytes, memAvailableBytes } = sample;
  return {
    at: sample.time,
    load1: sample.load1,
    memUsedBytes:
      memTotalBytes === undefined || memAvailableBytes === undefined
        ? undefined
        : Math.max(0, memTotalBytes - memAvailableBytes),
    memTotalBytes,
    gpus:
      sample.gpus.length === 0
        ? undefined
        : sample.gpus.map((gpu) => ({
            index: gpu.index,
            utilPercent: gpu.utilPercent,
            memUsedBytes: gpu.memoryUsedBytes,
            memTotalBytes: gpu.memoryTotalBytes,
          })),
  };
}

// Starts sampling the node every `intervalMs` (and once at once), or returns undefined when not monitoring.
export function watchNode(intervalMs: number | undefined): NodeWatch | undefined {
  if (intervalMs === undefined) return undefined;
  const sampler = createNodeSampler({ intervalMs, sampleNode: true });
  void sampler.sample().catch(() => undefined);
  return {
    intervalMs,
    sampler,
    figures: () => {
      const latest = sampler.latest();
      return latest === undefined ? undefined : nodeFigures(latest);
    },
    close: () => sampler.close(),
  };
}
