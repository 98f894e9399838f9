// ResourceRequirement and ToolTimeLimit: what the tool asks for, as runtime.* and as the engine's Resources.
// https://www.commonwl.org/v1.2/CommandLineTool.html#ResourceRequirement · #ToolTimeLimit
import type { Resources } from '../../../engine/task.js';
import type { CwlRequirement } from '../model.js';
import { ToolError } from './errors.js';

// The runtime object expressions see (outdir and tmpdir are known once the work dir is).
export interface ToolRuntime {
  readonly outdir: string;
  readonly tmpdir: string;
  readonly cores: number;
  readonly ram: number; // MiB
  readonly outdirSize: number; // MiB
  readonly tmpdirSize: number; // MiB
  readonly exitCode?: number | undefined; // in outputEval only
}

export type ResourceSizes = Pick<ToolRuntime, 'cores' | 'ram' | 'outdirSize' | 'tmpdirSize'>;

const MIB = 1024 * 1024;

// Evaluates a ResourceRequirement's minimums (or maximums when no minimum is given) over cwltool's defaults:
// 1 core, 256 MiB of RAM (1024 for v1.0 documents), 1024 MiB of tmpdir and outdir.
export async function evaluateSizes(
  requirement: CwlRequirement | undefined,
  cwlVersion: string,
  evaluate: (text: unknown) => Promise<unknown>,
): Promise<ResourceSizes> {
  const pick = async (name: string, fallback: number): Promise<number> => {
    for (const field of [`${name}Min`, `${name}Max`]) {
      const written = requirement?.[field];
      if (written === undefined || written === null || written === 0 || written === '') continue;
      const value = await evaluate(written);
      if (typeof value !== 'number' || value < 0)
        throw new ToolError(
          `ResourceRequirement ${field} must be a non-negative number, got ${JSON.stringify(value)} from ${JSON.stringify(written)}`,
        );
      return value;
    }
    return fallback;
  };
  return {
    cores: Math.ceil(await pick('cores', 1)),
    ram: Math.ceil(await pick('ram', cwlVersion === 'v1.0' ? 1024 : 256)),
    tmpdirSize: Math.ceil(await pick('tmpdir', 1024)),
    outdirSize: Math.ceil(await pick('outdir', 1024)),
  };
}

// The time limit in milliseconds of ToolTimeLimit (0 or absent: none).
export async function evaluateTimeLimit(
  requirement: CwlRequirement | undefined,
  evaluate: (text: unknown) => Promise<unknown>,
): Promise<number | undefined> {
  if (requirement === undefined) return undefined;
  const value = await evaluate(requirement['timelimit']);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new ToolError(
      `ToolTimeLimit timelimit must be a non-negative whole number of seconds, got ${JSON.stringify(value)}`,
    );
  return value === 0 ? undefined : value * 1000;
}

// The GPUs cwltool:CUDARequirement asks for: cudaDeviceCountMin (default 1), or undefined without the requirement.
// https://github.com/common-workflow-language/cwltool/blob/main/cwltool/extensions-v1.1.yml (CUDARequirement)
export function cudaDevices(requirement: CwlRequirement | undefined): number | undefined {
  if (requirement === undefined) return undefined;
  const min = requirement['cudaDeviceCountMin'];
  if (min === undefined) return 1;
  if (typeof min !== 'number' || !Number.isInteger(min) || min < 1)
    throw new ToolError(
      `CUDARequirement cudaDeviceCountMin must be a whole number of at least 1, got ${JSON.stringify(min)}`,
    );
  return min;
}

// The engine's view of the sizes: whole cpus, and memory in bytes when the tool asked for an amount (the
// default 256 MiB is not reserved, so that small tools are not held back by memory slots).
export function toResources(
  sizes: ResourceSizes,
  requirement: CwlRequirement | undefined,
  timeLimitMs: number | undefined,
): Resources {
  const askedRam = requirement?.['ramMin'] !== undefined || requirement?.['ramMax'] !== undefined;
  return { cpus: Math.max(1, sizes.cores), memoryBytes: askedRam ? sizes.ram * MIB : undefined, timeLimitMs };
}
