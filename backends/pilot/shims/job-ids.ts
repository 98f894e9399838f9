// Job ids as each flavour prints and reads them: Slurm `12` and `12_3` (array job 12, index 3); PBS `12.pipe`,
// `12[].pipe` (the whole array) and `12[3].pipe`.
import type { Flavour } from './job-request.js';

// The server name in PBS ids and in `qstat -B`.
export const PBS_SERVER = 'pipe';

export interface JobRef {
  readonly job: number;
  readonly index?: number | undefined; // an array element
  readonly wholeArray?: boolean | undefined; // `12[]`: every element
}

// How a job (or an element of an array job) is named by a flavour's commands.
export function formatJobId(flavour: Flavour, job: number, index: number | undefined, isArray: boolean): string {
  if (flavour === 'slurm') return index === undefined ? String(job) : `${job}_${index}`;
  if (!isArray) return `${job}.${PBS_SERVER}`;
  return index === undefined ? `${job}[].${PBS_SERVER}` : `${job}[${index}].${PBS_SERVER}`;
}

// Reads an id a user or Nextflow gives (either flavour's spelling); undefined when it is no job id.
export function parseJobRef(text: string): JobRef | undefined {
  const slurm = /^(\d+)(?:_(\d+))?$/.exec(text);
  if (slurm !== null) return { job: Number(slurm[1]), index: slurm[2] === undefined ? undefined : Number(slurm[2]) };
  const pbs = /^(\d+)(?:\[(\d*)\])?(?:\.[^\s]*)?$/.exec(text);
  if (pbs === null) return undefined;
  if (pbs[2] === undefined) return { job: Number(pbs[1]) };
  if (pbs[2] === '') return { job: Number(pbs[1]), wholeArray: true };
  return { job: Number(pbs[1]), index: Number(pbs[2]) };
}
