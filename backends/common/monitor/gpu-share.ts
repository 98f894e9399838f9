// Shares one answer of the GPU tool out to the tasks whose processes it names: each task's GPU memory (summed over
// its processes) and the utilisation of the GPUs it is on (by uuid, else the indices it holds).
import type { GpuSnapshot } from './gpu-smi.js';

export interface GpuUser {
  readonly devices: readonly number[] | undefined; // the GPU indices the task holds, when slots gave it some
  pids: readonly number[]; // its processes at the last look
  gpuMem: number; // the highest memory seen, in bytes
  utilSum: number; // summed utilisation over the looks that saw it on a GPU
  utilCount: number;
}

// Adds what `snap` says to each user's figures.
export function shareGpu(users: Iterable<GpuUser>, snap: GpuSnapshot): void {
  const byPid = new Map<number, GpuUser>();
  for (const u of users) for (const pid of u.pids) byPid.set(pid, u);
  const mem = new Map<GpuUser, number>();
  const on = new Map<GpuUser, Set<string>>();
  for (const p of snap.processes) {
    const u = byPid.get(p.pid);
    if (u === undefined) continue;
    mem.set(u, (mem.get(u) ?? 0) + p.memoryBytes);
    if (p.device !== undefined) on.set(u, (on.get(u) ?? new Set()).add(p.device));
  }
  for (const [u, bytes] of mem) {
    u.gpuMem = Math.max(u.gpuMem, bytes);
    const uuids = on.get(u);
    const devices = snap.devices.filter((d) =>
      uuids !== undefined ? d.uuid !== undefined && uuids.has(d.uuid) : (u.devices ?? []).includes(d.index),
    );
    const utils = devices.map((d) => d.utilPercent).filter((x): x is number => x !== undefined);
    if (utils.length === 0) continue;
    u.utilSum += utils.reduce((a, b) => a + b, 0) / utils.length;
    u.utilCount += 1;
  }
}
