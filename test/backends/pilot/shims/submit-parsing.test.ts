// sbatch and qsub read as the real commands read them: options, #SBATCH / #PBS headers as Nextflow writes them,
// times, sizes, arrays, and the job's command line.
import { describe, expect, it } from 'vitest';
import { getopt, splitWords } from '../../../../backends/pilot/shims/getopt.js';
import { formatJobId, parseJobRef } from '../../../../backends/pilot/shims/job-ids.js';
import { expandOutputPattern, parseArraySpec } from '../../../../backends/pilot/shims/job-request.js';
import { jobCommand, jobTasks } from '../../../../backends/pilot/shims/job-tasks.js';
import { parseQsub } from '../../../../backends/pilot/shims/qsub.js';
import { parseSbatch } from '../../../../backends/pilot/shims/sbatch.js';
import { parseSlurmTime } from '../../../../backends/pilot/shims/slurm-values.js';

// A Nextflow Slurm wrapper's head (SlurmExecutor.getDirectives for cpus 2, memory 1 GB, time 1 h, queue long).
const SLURM_RUN = `#!/bin/bash
#SBATCH -J nf-align_(sample_1)
#SBATCH -o /work/ab/cd/.command.log
#SBATCH --no-requeue
#SBATCH --signal B:USR2@30
#SBATCH -c 2
#SBATCH -t 01:00:00
#SBATCH --mem 1024M
#SBATCH -p long
#SBATCH -A proj1
NXF_CHDIR=/work/ab/cd
#SBATCH --ignored-after-code
`;

const PBSPRO_RUN = `#!/bin/bash
#PBS -N nf-align_sample
#PBS -o /work/ab/cd/.command.log
#PBS -j oe
#PBS -q workq
#PBS -l select=1:ncpus=4:mem=2048mb
#PBS -l walltime=02:30:00
NXF_CHDIR=/work/ab/cd
`;

const read = (text: string) => () => text;

describe('getopt', () => {
  it('reads clustered short options, attached values and --name=value, and stops at the first operand', () => {
    const specs = [
      { short: 'c', long: 'cpus-per-task', arg: 'required', key: 'cpus' },
      { short: 'Q', long: 'quiet', arg: 'none', key: 'quiet' },
      { long: 'export', arg: 'optional', key: 'export' },
    ] as const;
    expect(getopt(['-Qc4', '--export=ALL', 'job.sh', '-c', '8'], specs)).toEqual({
      ok: true,
      options: [
        { key: 'quiet', value: undefined, word: '-Q' },
        { key: 'cpus', value: '4', word: '-Qc4' },
        { key: 'export', value: 'ALL', word: '--export=ALL' },
      ],
      rest: ['job.sh', '-c', '8'],
    });
    expect(getopt(['--nope'], specs)).toEqual({ ok: false, message: "unrecognized option '--nope'" });
  });

  it('splits directive words with quotes and stops at a comment', () => {
    expect(splitWords(' --job-name="a b" -o \'x y\' # note')).toEqual(['--job-name=a b', '-o', 'x y']);
  });
});

describe('sbatch', () => {
  it('reads a Nextflow wrapper: name, output, cpus, memory, time, warning signal, partition, account', () => {
    const r = parseSbatch({ args: ['.command.run'], cwd: '/work/ab/cd', readFile: read(SLURM_RUN) });
    expect(r).toMatchObject({
      flavour: 'slurm',
      name: 'nf-align_(sample_1)',
      scriptPath: '/work/ab/cd/.command.run',
      workDir: '/work/ab/cd',
      output: '/work/ab/cd/.command.log',
      error: undefined,
      cpus: 2,
      memoryBytes: 1024 ** 3,
      timeLimitMs: 3_600_000,
      warning: { name: 'USR2', beforeMs: 30_000 },
      queue: 'long',
      account: 'proj1',
      exportEnv: 'all',
      print: 'default',
    });
    expect(r.ignored).toEqual(['--no-requeue']);
  });

  it('lets the command line win over the header, and refuses what it cannot honour', () => {
    const r = parseSbatch({ args: ['-c', '6', '--parsable', '.command.run'], cwd: '/w', readFile: read(SLURM_RUN) });
    expect([r.cpus, r.print]).toEqual([6, 'id']);
    expect(() =>
      parseSbatch({ args: ['--dependency=afterok:1', '--wrap', 'true'], cwd: '/w', readFile: read('') }),
    ).toThrow("sbatch: error: --dependency=afterok:1: not supported by pipe's Slurm commands");
    expect(() => parseSbatch({ args: ['x.sh'], cwd: '/w', readFile: read('echo hi\n') })).toThrow(
      /This does not look like a batch script/,
    );
  });

  it.each([
    ['30', 1_800_000],
    ['5:30', 330_000],
    ['01:00:00', 3_600_000],
    ['2-12', 216_000_000],
    ['1-00:00:10', 86_410_000],
    ['UNLIMITED', undefined],
  ])('reads --time %s as %s ms', (value, ms) => {
    expect(parseSlurmTime(value, '--time')).toBe(ms);
  });

  it('expands arrays and output patterns, and names array elements JOB_INDEX', () => {
    expect(parseArraySpec('0-3,7,10-14:2%2', 'x')).toEqual([0, 1, 2, 3, 7, 10, 12, 14]);
    const fields = { jobId: '12', arrayJobId: '12', index: 3, name: 'nf-x', user: 'ann' };
    expect(expandOutputPattern('log-%A_%a-%x-%u-%5j.txt%%', fields)).toBe('log-12_3-nf-x-ann-00012.txt%');
    expect(formatJobId('slurm', 12, 3, true)).toBe('12_3');
    expect(parseJobRef('12_3')).toEqual({ job: 12, index: 3 });
  });

  it('builds a job command that runs the script under its #! interpreter, USR2 30 s before the limit', () => {
    const request = parseSbatch({ args: ['.command.run'], cwd: '/work/ab/cd', readFile: read(SLURM_RUN) });
    const submission = {
      request,
      job: 7,
      scriptFile: '/work/ab/cd/.command.run',
      submitDir: '/work/ab/cd',
      user: 'ann',
      env: { PATH: '/usr/bin', 'BASH_FUNC_x%%': '() { :; }' },
    };
    expect(jobCommand(submission, undefined)).toBe(
      'exec timeout --foreground -s USR2 3570s /bin/bash /work/ab/cd/.command.run >/work/ab/cd/.command.log 2>&1',
    );
    const [task] = jobTasks(submission);
    expect(task).toMatchObject({ name: 'nf-align_(sample_1)', workDir: '/work/ab/cd', cpus: 2, light: true });
    expect(task!.env).toMatchObject({ PATH: '/usr/bin', SLURM_JOB_ID: '7', SLURM_CPUS_PER_TASK: '2' });
    expect(task!.env).not.toHaveProperty('BASH_FUNC_x%%');
  });
});

describe('qsub', () => {
  it('reads a PBS Pro wrapper: select with ncpus and mem, walltime, -j oe, queue', () => {
    const r = parseQsub({
      args: ['-N', 'nf-align_sample', '.command.run'],
      cwd: '/work/ab/cd',
      home: '/home/ann',
      readFile: read(PBSPRO_RUN),
    });
    expect(r).toMatchObject({
      flavour: 'pbs',
      name: 'nf-align_sample',
      workDir: '/home/ann',
      output: '/work/ab/cd/.command.log',
      error: undefined,
      cpus: 4,
      memoryBytes: 2048 * 1024 ** 2,
      timeLimitMs: 9_000_000,
      queue: 'workq',
    });
  });

  it('reads Torque resources nodes=1:ppn=N and mem, an array with -t, and keeps stderr apart without -j oe', () => {
    const script = '#!/bin/bash\n#PBS -l nodes=1:ppn=3\n#PBS -l mem=1gb,walltime=10:00\n#PBS -t 0-2\ntrue\n';
    const r = parseQsub({ args: ['job.sh'], cwd: '/w', home: '/h', readFile: read(script) });
    expect([r.cpus, r.memoryBytes, r.timeLimitMs, r.array, r.error]).toEqual([3, 1024 ** 3, 600_000, [0, 1, 2], '']);
    expect(formatJobId('pbs', 5, undefined, true)).toBe('5[].pipe');
    expect(parseJobRef('5[2].pipe')).toEqual({ job: 5, index: 2 });
    expect(parseJobRef('5[].pipe')).toEqual({ job: 5, wholeArray: true });
  });
});
