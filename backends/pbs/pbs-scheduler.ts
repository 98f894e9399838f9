// PBS for the grid template, in two flavours: Torque (also Slurm's PBS wrappers) and PBS Pro.
// Output files go on qsub's command line: Slurm's wrapper ignores #PBS -o/-e in the script.
import type { GridScheduler } from '../grid/scheduler.js';
import { hhmmss, wallMinutes } from '../grid/job-script.js';
import { parseQstatFullEntries, parseQstatJson, parseQsubJobId } from './parse.js';

export type PbsFlavor = 'torque' | 'pbspro';

const MIB = 1024 * 1024;
const UNKNOWN_JOB = 153; // qstat's exit code for "Unknown Job Id" (PBS Pro, Torque and the wrapper)

// Creates the PBS scheduler of one flavour.
export function createPbsScheduler(flavor: PbsFlavor = 'torque'): GridScheduler {
  const pro = flavor === 'pbspro';
  return {
    name: 'pbs',
    label: 'PBS',
    headerToken: '#PBS',
    arrayQueryListsElements: false,

    directives(batch, site) {
      const mem = batch.memoryBytes === undefined ? undefined : `${Math.ceil(batch.memoryBytes / MIB)}mb`;
      const lines = pro
        ? [`-l select=1:ncpus=${batch.cpus}${mem === undefined ? '' : `:mem=${mem}`}`]
        : [`-l nodes=1:ppn=${batch.cpus}`, ...(mem === undefined ? [] : [`-l mem=${mem}`])];
      if (batch.timeLimitMs !== undefined) lines.push(`-l walltime=${hhmmss(wallMinutes(batch.timeLimitMs))}`);
      if (site.queue !== undefined) lines.push(`-q ${site.queue}`);
      if (site.account !== undefined) lines.push(`-A ${site.account}`);
      return [...lines, ...(site.clusterOptions ?? [])];
    },
    submitArgv(script, batch) {
      const array = batch.size > 1 ? [pro ? '-J' : '-t', `0-${batch.size - 1}`] : [];
      return ['qsub', '-N', batch.name, '-o', '/dev/null', '-e', '/dev/null', ...array, script];
    },
    parseJobId: parseQsubJobId,
    statusArgv: (ids) => (pro ? ['qstat', '-f', '-F', 'json', '-x', ...ids] : ['qstat', '-f', ...ids]),
    parseStatus: pro ? parseQstatJson : parseQstatFullEntries,
    statusGone: (code) => code === UNKNOWN_JOB,
    cancelArgv: (ids) => ['qdel', ...ids],
    // "123[].server" → "123[4].server"; a bare "123" (Slurm's wrapper) → "123[4]".
    elementId: (batchId, index) =>
      batchId.includes('[]') ? batchId.replace('[]', `[${index}]`) : `${batchId}[${index}]`,
    parseElementId(id) {
      const match = /^(.*)\[(\d+)\](.*)$/.exec(id);
      if (match === null) return { batchId: id, index: undefined };
      const [, pre, index, post] = match as unknown as [string, string, string, string];
      return { batchId: post === '' ? pre : `${pre}[]${post}`, index: Number(index) };
    },
  };
}
