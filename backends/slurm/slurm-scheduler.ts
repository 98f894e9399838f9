// Slurm for the grid template: #SBATCH directives, sbatch, one squeue per tick, scontrol for ended jobs, scancel.
import type { GridScheduler } from '../grid/scheduler.js';
import { wallMinutes } from '../grid/job-script.js';
import { parseSacct, sacctArgv } from './sacct.js';
import { parseSbatchJobId, parseScontrol, parseSqueue, SQUEUE_FORMAT } from './parse.js';

const MIB = 1024 * 1024;

export const slurmScheduler: GridScheduler = {
  name: 'slurm',
  label: 'Slurm',
  headerToken: '#SBATCH',
  arrayQueryListsElements: true,

  directives(batch, site) {
    const lines = [`--job-name=${batch.name}`, '--output=/dev/null', `--cpus-per-task=${batch.cpus}`];
    if (batch.memoryBytes !== undefined) lines.push(`--mem=${Math.ceil(batch.memoryBytes / MIB)}M`);
    if (batch.timeLimitMs !== undefined) lines.push(`--time=${wallMinutes(batch.timeLimitMs)}`);
    if (site.queue !== undefined) lines.push(`--partition=${site.queue}`);
    if (site.account !== undefined) lines.push(`--account=${site.account}`);
    if (batch.size > 1) lines.push(`--array=0-${batch.size - 1}`);
    return [...lines, ...(site.clusterOptions ?? [])];
  },
  submitArgv: (script) => ['sbatch', '--parsable', script],
  parseJobId: parseSbatchJobId,
  statusArgv: (ids) => [
    'squeue',
    '--noheader',
    '--array',
    '--states=all',
    `--format=${SQUEUE_FORMAT}`,
    `--jobs=${ids.join(',')}`,
  ],
  parseStatus: parseSqueue,
  // squeue exits 1 with "Invalid job id specified" when none of the ids is known any more: they all left.
  statusGone: (code, stderr) => code === 1 && /Invalid job id/i.test(stderr),
  cancelArgv: (ids) => ['scancel', ...ids],
  elementId: (batchId, index) => `${batchId}_${index}`,
  parseElementId(id) {
    const match = /^(\d+)_(\d+)$/.exec(id);
    return match === null ? { batchId: id, index: undefined } : { batchId: match[1]!, index: Number(match[2]) };
  },
  endArgv: (id) => ['scontrol', 'show', 'job', '-o', id],
  parseEnd: parseScontrol,
  usageArgv: sacctArgv,
  parseUsage: parseSacct,
};
