// What a task attempt used: CPU, memory, I/O and GPU figures, as a backend's sampler or the task's wrapper
// measured them. Every figure is optional: a backend reports what it could measure.

export interface TaskResources {
  readonly realtimeMs?: number | undefined; // wall time from the task's start to its end
  readonly cpuMs?: number | undefined; // user + system CPU time of the task's processes
  readonly cpuPercent?: number | undefined; // cpuMs / realtimeMs × 100 (200 = two cores busy)
  readonly peakRssBytes?: number | undefined; // summed over the task's processes, at the highest sample
  readonly peakVmemBytes?: number | undefined;
  readonly rcharBytes?: number | undefined; // /proc/PID/io: bytes read by read(2) and the like
  readonly wcharBytes?: number | undefined;
  readonly readBytes?: number | undefined; // bytes read from storage
  readonly writeBytes?: number | undefined;
  readonly syscr?: number | undefined;
  readonly syscw?: number | undefined;
  readonly gpuUtilPercent?: number | undefined; // mean GPU utilisation over the samples that saw the task on a GPU
  readonly peakGpuMemBytes?: number | undefined;
}

// The figures, in this order, as the store's columns (after run_id, task_id, attempt) and the wire's array.
export const RESOURCE_FIELDS = [
  'realtimeMs',
  'cpuMs',
  'peakRssBytes',
  'peakVmemBytes',
  'rcharBytes',
  'wcharBytes',
  'readBytes',
  'writeBytes',
  'syscr',
  'syscw',
  'gpuUtilPercent',
  'peakGpuMemBytes',
] as const satisfies readonly (keyof TaskResources)[];

// %CPU from CPU time and wall time, or undefined when either is missing. Both are whole milliseconds: a task over
// within the millisecond counts one.
export function cpuPercentOf(cpuMs: number | undefined, realtimeMs: number | undefined): number | undefined {
  if (cpuMs === undefined || realtimeMs === undefined) return undefined;
  return Math.round((cpuMs / Math.max(realtimeMs, 1)) * 1000) / 10;
}

// The figures as a flat array in RESOURCE_FIELDS order (null where unknown).
export function resourceValues(r: TaskResources): (number | null)[] {
  return RESOURCE_FIELDS.map((field) => r[field] ?? null);
}

// Figures from an array in RESOURCE_FIELDS order; %CPU derived from CPU and wall time.
export function resourcesFromValues(values: readonly unknown[]): TaskResources {
  const out: Record<string, number> = {};
  RESOURCE_FIELDS.forEach((field, i) => {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v)) out[field] = v;
  });
  const r = out as TaskResources;
  return { ...r, cpuPercent: cpuPercentOf(r.cpuMs, r.realtimeMs) };
}
