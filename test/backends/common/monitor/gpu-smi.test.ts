import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseNvidiaApps,
  parseNvidiaGpus,
  parseRocmPids,
  parseRocmUse,
} from '../../../../backends/common/monitor/gpu-smi.js';

const fixture = (name: string): string => readFileSync(join(__dirname, '../../../../fixtures/gpu', name), 'utf8');
const MIB = 1024 * 1024;

describe('GPU tool parsers', () => {
  it('reads the pid, GPU uuid and MiB of each compute process from nvidia-smi --query-compute-apps', () => {
    expect(parseNvidiaApps(fixture('nvidia-compute-apps.csv'))).toEqual([
      { pid: 24817, device: 'GPU-3f7b8a52-91c4-7e0d-2b6a-5c1e9d08f4a7', memoryBytes: 1536 * MIB },
      { pid: 24931, device: 'GPU-8d2e6c17-4a5b-3f90-c1d8-7e6b2a5f0934', memoryBytes: 4102 * MIB },
      { pid: 25007, device: 'GPU-3f7b8a52-91c4-7e0d-2b6a-5c1e9d08f4a7', memoryBytes: 258 * MIB },
    ]);
    expect(parseNvidiaApps('')).toEqual([]);
  });

  it('reads index, uuid, utilisation and memory of each GPU from nvidia-smi --query-gpu, [N/A] as unknown', () => {
    const gpus = parseNvidiaGpus(fixture('nvidia-query-gpu.csv'));
    expect(gpus).toHaveLength(2);
    expect(gpus[0]).toEqual({
      index: 0,
      uuid: 'GPU-3f7b8a52-91c4-7e0d-2b6a-5c1e9d08f4a7',
      utilPercent: 87,
      memoryUsedBytes: 1794 * MIB,
      memoryTotalBytes: 16384 * MIB,
    });
    expect(parseNvidiaGpus('0, GPU-x, [N/A], [N/A], 16384\n')[0]).toMatchObject({ utilPercent: undefined });
  });

  it('reads the KFD processes of rocm-smi --showpids (VRAM in bytes) and ignores the banner lines', () => {
    expect(parseRocmPids(fixture('rocm-showpids.txt'))).toEqual([
      { pid: 2728, memoryBytes: 302239744 },
      { pid: 41728, memoryBytes: 22630404096 },
    ]);
    expect(parseRocmPids('KFD process information:\nNo KFD PIDs currently running\n')).toEqual([]);
  });

  it('reads GPU use and VRAM per device from rocm-smi --showuse --showmemuse --showmeminfo vram', () => {
    expect(parseRocmUse(fixture('rocm-showuse.txt'))).toEqual([
      { index: 0, utilPercent: 53, memoryUsedBytes: 7028736000, memoryTotalBytes: 68702699520 },
      { index: 1, utilPercent: 0, memoryUsedBytes: 10305536, memoryTotalBytes: 68702699520 },
    ]);
  });
});
