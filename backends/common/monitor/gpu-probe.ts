// Asks the node's GPU tool, if there is one on PATH, which processes use which GPU and how busy each GPU is.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { GpuSnapshot } from './gpu-smi.js';
import { NVIDIA_APPS_ARGS, NVIDIA_GPUS_ARGS, parseNvidiaApps, parseNvidiaGpus } from './gpu-smi.js';
import { parseRocmPids, parseRocmUse, ROCM_PIDS_ARGS, ROCM_USE_ARGS } from './gpu-smi.js';

export type GpuVendor = 'nvidia' | 'amd';

export interface GpuProbe {
  readonly vendor: GpuVendor;
  snapshot(): Promise<GpuSnapshot | undefined>; // undefined when the tool failed
}

const TOOL_TIMEOUT_MS = 10_000;

// The path of `name` in PATH's directories, or undefined.
export function onPath(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

// Runs a tool and resolves to its stdout, or undefined when it fails or times out.
function run(file: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: TOOL_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout) =>
      resolve(error === null ? stdout : undefined),
    );
  });
}

// The probe of this node's GPU tool: nvidia-smi first, else rocm-smi; undefined when neither is on PATH.
export function findGpuProbe(path = process.env.PATH ?? ''): GpuProbe | undefined {
  const nvidia = onPath('nvidia-smi', path);
  if (nvidia !== undefined) {
    return {
      vendor: 'nvidia',
      async snapshot() {
        const [apps, gpus] = await Promise.all([run(nvidia, NVIDIA_APPS_ARGS), run(nvidia, NVIDIA_GPUS_ARGS)]);
        if (apps === undefined || gpus === undefined) return undefined;
        return { processes: parseNvidiaApps(apps), devices: parseNvidiaGpus(gpus) };
      },
    };
  }
  const rocm = onPath('rocm-smi', path);
  if (rocm === undefined) return undefined;
  return {
    vendor: 'amd',
    async snapshot() {
      const [pids, use] = await Promise.all([run(rocm, ROCM_PIDS_ARGS), run(rocm, ROCM_USE_ARGS)]);
      if (pids === undefined || use === undefined) return undefined;
      return { processes: parseRocmPids(pids), devices: parseRocmUse(use) };
    },
  };
}
