// The GPUs of this node as slots: a task that asks for N GPUs gets N devices no other running task holds, named
// to it by CUDA_VISIBLE_DEVICES (NVIDIA) or ROCR_VISIBLE_DEVICES (AMD). The devices are those the environment
// already restricts pipe to, else those nvidia-smi or rocm-smi lists; found once, when the first GPU task comes.
import { execFileSync } from 'node:child_process';
import { onPath } from '../common/monitor/gpu-probe.js';
import { parseRocmUse, ROCM_USE_ARGS } from '../common/monitor/gpu-smi.js';

export interface GpuSlots {
  readonly variable: 'CUDA_VISIBLE_DEVICES' | 'ROCR_VISIBLE_DEVICES';
  readonly total: number;
  // `count` free devices, now taken; undefined while fewer are free.
  take(count: number): string[] | undefined;
  give(devices: readonly string[]): void;
}

// The device ids in a *_VISIBLE_DEVICES value ("0,1", "GPU-uuid,…"); undefined when unset.
function listed(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '' && d !== '-1');
}

// Runs a GPU tool and returns its output, or undefined.
function tool(file: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync(file, args, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

// This node's GPUs and the variable that hands them to a task.
export function findGpus(env: NodeJS.ProcessEnv = process.env): { devices: string[]; variable: GpuSlots['variable'] } {
  const cuda = listed(env.CUDA_VISIBLE_DEVICES);
  if (cuda !== undefined) return { devices: cuda, variable: 'CUDA_VISIBLE_DEVICES' };
  const nvidia = onPath('nvidia-smi', env.PATH);
  const indices = nvidia === undefined ? undefined : tool(nvidia, ['--query-gpu=index', '--format=csv,noheader']);
  if (indices !== undefined) {
    const devices = indices
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /^\d+$/.test(l));
    return { devices, variable: 'CUDA_VISIBLE_DEVICES' };
  }
  const rocr = listed(env.ROCR_VISIBLE_DEVICES);
  if (rocr !== undefined) return { devices: rocr, variable: 'ROCR_VISIBLE_DEVICES' };
  const rocm = onPath('rocm-smi', env.PATH);
  const use = rocm === undefined ? undefined : tool(rocm, ROCM_USE_ARGS);
  if (use !== undefined)
    return { devices: parseRocmUse(use).map((d) => String(d.index)), variable: 'ROCR_VISIBLE_DEVICES' };
  return { devices: [], variable: 'CUDA_VISIBLE_DEVICES' };
}

// Creates the slots over `devices`, lowest first.
export function createGpuSlots(found = findGpus()): GpuSlots {
  const free = [...found.devices];
  return {
    variable: found.variable,
    total: found.devices.length,
    take(count) {
      if (free.length < count) return undefined;
      return free.splice(0, count);
    },
    give(devices) {
      free.push(...devices);
      free.sort((a, b) => found.devices.indexOf(a) - found.devices.indexOf(b));
    },
  };
}
