// `pipe shims [DIR]`: writes Slurm- and PBS-compatible commands (sbatch, squeue, scontrol, scancel, qsub, qstat, qdel)
// that hand jobs to pipe's pilot, so that Nextflow's grid executors run on it; `--print-path` prints DIR for PATH.
// The hidden `--start STATE` and `--daemon STATE` are how the shims start their gateway.
import { resolve } from 'node:path';
import { UsageError } from '../../engine/errors.js';
import { DURATION_EXAMPLES, parseDuration } from '../../engine/units.js';
import { pipeMain } from '../../backends/pilot/launch/launcher.js';

export interface ShimsOptions {
  readonly server?: string;
  readonly tokenFile?: string;
  readonly jobs?: number;
  readonly idleTimeout?: string;
  readonly printPath?: boolean;
  readonly start?: string;
  readonly daemon?: string;
}

const DEFAULT_DIR = '.pipe/shims/bin';
const DEFAULT_IDLE = '10m';

// Runs the command; resolves to the exit code.
export async function shimsCommand(dir: string | undefined, options: ShimsOptions): Promise<number> {
  if (options.daemon !== undefined) {
    const { runShimsDaemon } = await import('../../backends/pilot/shims/daemon.js');
    return runShimsDaemon(resolve(options.daemon));
  }
  if (options.start !== undefined) {
    const { ensureGateway } = await import('../../backends/pilot/shims/start.js');
    await ensureGateway(resolve(options.start));
    return 0;
  }
  if (options.tokenFile !== undefined && options.server === undefined)
    throw new UsageError('--token-file needs --server', { hint: 'Give the URL of the `pipe server` it belongs to.' });
  if (options.server !== undefined) {
    // Refused now rather than when the first job is submitted: a token that is missing, empty or too short.
    const { resolveToken } = await import('../../backends/pilot/protocol/token.js');
    resolveToken(options.tokenFile);
  }
  const idleTimeoutMs = parseDuration(options.idleTimeout ?? DEFAULT_IDLE);
  if (idleTimeoutMs === undefined)
    throw new UsageError(`invalid --idle-timeout "${options.idleTimeout}"`, {
      hint: `write it as ${DURATION_EXAMPLES}`,
    });
  const { writeShims } = await import('../../backends/pilot/shims/shim-files.js');
  const bin = resolve(dir ?? DEFAULT_DIR);
  writeShims(
    bin,
    {
      launchDir: process.cwd(),
      server: options.server,
      tokenFile: options.tokenFile === undefined ? undefined : resolve(options.tokenFile),
      jobs: options.jobs,
      idleTimeoutMs,
    },
    [process.execPath, pipeMain()],
  );
  if (options.printPath === true) process.stdout.write(`${bin}\n`);
  else {
    process.stdout.write(`pipe shims: wrote sbatch squeue scontrol scancel qsub qstat qdel to ${bin}\n`);
    process.stdout.write(`  export PATH=${bin}:$PATH   # then run Nextflow with process.executor = 'slurm' or 'pbs'\n`);
  }
  return 0;
}
