// The replay of Nextflow's grid executors (bench/nextflow/) against the real Slurm and Slurm's PBS wrappers, with
// the cases nextflow-shims.test.ts runs against pipe's shims: both must behave alike. For pbspro, Slurm's qstat
// ignores -B, so Nextflow's PBS Pro status command finds no server name and runs `qstat -f` on all jobs. Needs
// .ci/services/slurm.sh; skipped without it unless PIPE_REQUIRE_SERVICES=1. `npm run bench` compares the fan-out.
import { describe } from 'vitest';
import { scratchDir } from '../helpers/cli.js';
import { pbsReachable, requireService, slurmReachable } from '../helpers/services.js';
import { nextflowCases } from './nextflow-cases.js';

const slurm = requireService('Slurm', slurmReachable());
const pbs = slurm && requireService("Slurm's PBS wrappers", pbsReachable());
const dir = slurm ? scratchDir() : '';

describe.skipIf(!slurm)('real Slurm', () => {
  nextflowCases(
    {
      label: 'the real Slurm',
      env: () => process.env,
      dir: () => dir,
      jobIdPattern: { slurm: /^\d+$/, pbs: /^\d+$/, pbspro: /^\d+$/ },
      fanOut: 0,
      writesJobLog: (flavour) => flavour === 'slurm',
    },
    pbs ? ['slurm', 'pbs', 'pbspro'] : ['slurm'],
  );
});
