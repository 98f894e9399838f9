// Parsers of the GPU tools' output, pure text → data, and the commands that produce it.
// NVIDIA: nvidia-smi --query-compute-apps / --query-gpu with --format=csv,noheader,nounits (memory in MiB,
// utilisation in %): https://docs.nvidia.com/deploy/nvidia-smi/ . AMD: rocm-smi --showpids (KFD processes, VRAM
// in bytes) and --showuse --showmemuse (per-device use in %).

export interface GpuProcess {
  readonly pid: number;
  readonly device?: string | undefined; // the GPU's uuid (nvidia-smi); undefined when the tool does not say
  readonly memoryBytes: number;
}

export interface GpuDevice {
  readonly index: number;
  readonly uuid?: string | undefined;
  readonly utilPercent?: number | undefined;
  readonly memoryUsedBytes?: number | undefined;
  readonly memoryTotalBytes?: number | undefined;
}

export interface GpuSnapshot {
  readonly processes: readonly GpuProcess[];
  readonly devices: readonly GpuDevice[];
}

const MIB = 1024 * 1024;

export const NVIDIA_APPS_ARGS = ['--query-compute-apps=pid,gpu_uuid,used_memory', '--format=csv,noheader,nounits'];
export const NVIDIA_GPUS_ARGS = [
  '--query-gpu=index,uuid,utilization.gpu,memory.used,memory.total',
  '--format=csv,noheader,nounits',
];
export const ROCM_PIDS_ARGS = ['--showpids'];
export const ROCM_USE_ARGS = ['--showuse', '--showmemuse', '--showmeminfo', 'vram'];

// A number of a CSV cell; "[N/A]" and "[Not Supported]" are undefined.
function cell(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text.trim());
  return text.trim() === '' || !Number.isFinite(n) ? undefined : n;
}

// Parses `nvidia-smi --query-compute-apps=pid,gpu_uuid,used_memory --format=csv,noheader,nounits`.
export function parseNvidiaApps(text: string): GpuProcess[] {
  const out: GpuProcess[] = [];
  for (const line of text.split('\n')) {
    const [pid, uuid, memory] = line.split(',').map((s) => s.trim());
    const p = cell(pid);
    if (p === undefined) continue;
    out.push({ pid: p, device: uuid === '' ? undefined : uuid, memoryBytes: (cell(memory) ?? 0) * MIB });
  }
  return out;
}

// Parses `nvidia-smi --query-gpu=index,uuid,utilization.gpu,memory.used,memory.total --format=csv,noheader,nounits`.
export function parseNvidiaGpus(text: string): GpuDevice[] {
  const out: GpuDevice[] = [];
  for (const line of text.split('\n')) {
    const [index, uuid, util, used, total] = line.split(',');
    const i = cell(index);
    if (i === undefined) continue;
    const mib = (v: string | undefined): number | undefined => {
      const n = cell(v);
      return n === undefined ? undefined : n * MIB;
    };
    out.push({
      index: i,
      uuid: uuid?.trim(),
      utilPercent: cell(util),
      memoryUsedBytes: mib(used),
      memoryTotalBytes: mib(total),
    });
  }
  return out;
}

// Parses `rocm-smi --showpids`: the rows after "KFD process information:" (PID, name, GPU count, VRAM bytes, …).
export function parseRocmPids(text: string): GpuProcess[] {
  const out: GpuProcess[] = [];
  let inTable = false;
  for (const line of text.split('\n')) {
    if (line.includes('KFD process information')) {
      inTable = true;
      continue;
    }
    if (!inTable || line.startsWith('=')) continue;
    // PID, name, GPU count, VRAM used (bytes), SDMA used, CU occupancy: the numbers are PID, count, VRAM, SDMA.
    const numbers = line
      .trim()
      .split(/\s+/)
      .filter((c) => /^\d+$/.test(c))
      .map(Number);
    const [pid, , vram] = numbers;
    if (pid === undefined || !/^\d/.test(line.trim())) continue;
    out.push({ pid, memoryBytes: vram ?? 0 });
  }
  return out;
}

// Parses `rocm-smi --showuse --showmemuse --showmeminfo vram`: "GPU[0] : GPU use (%): 53",
// "GPU[0] : VRAM Total Memory (B): …", "GPU[0] : VRAM Total Used Memory (B): …".
export function parseRocmUse(text: string): GpuDevice[] {
  const devices = new Map<number, { index: number; utilPercent?: number; used?: number; total?: number }>();
  for (const line of text.split('\n')) {
    const m = /^GPU\[(\d+)\]\s*:\s*(.+?):\s*([\d.]+)\s*$/.exec(line.trim());
    if (m === null) continue;
    const index = Number(m[1]);
    const value = Number(m[3]);
    const d = devices.get(index) ?? { index };
    const what = m[2]!;
    if (/^GPU use \(%\)/.test(what)) d.utilPercent = value;
    else if (/VRAM Total Used Memory/.test(what)) d.used = value;
    else if (/VRAM Total Memory/.test(what)) d.total = value;
    devices.set(index, d);
  }
  return [...devices.values()]
    .sort((a, b) => a.index - b.index)
    .map((d) => ({ index: d.index, utilPercent: d.utilPercent, memoryUsedBytes: d.used, memoryTotalBytes: d.total }));
}
