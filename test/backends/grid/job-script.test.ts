import { describe, expect, it } from 'vitest';
import { jobName, renderJobScript } from '../../../backends/grid/index.js';
import { slurmScheduler } from '../../../backends/slurm/index.js';

describe('grid job scripts', () => {
  it('turns resources and site options into #SBATCH directives, with an array for several tasks', () => {
    const script = renderJobScript(
      slurmScheduler,
      { name: 'pipe-align-3', size: 2, cpus: 4, memoryBytes: 8 * 2 ** 30, timeLimitMs: 90_500 },
      { queue: 'short', account: 'lab', clusterOptions: ['--qos=high'] },
      ['/w/ab/cdef', "/w/it's here"],
    );
    const header = script.split('\n').filter((line) => line.startsWith('#SBATCH'));
    expect(header).toEqual([
      '#SBATCH --job-name=pipe-align-3',
      '#SBATCH --output=/dev/null',
      '#SBATCH --cpus-per-task=4',
      '#SBATCH --mem=8192M',
      '#SBATCH --time=2',
      '#SBATCH --partition=short',
      '#SBATCH --account=lab',
      '#SBATCH --array=0-1',
      '#SBATCH --qos=high',
    ]);
    expect(script).toContain(`'/w/it'\\''s here'`);
    expect(script).toContain('exec bash .command.run >.command.log 2>&1');
  });

  it('names jobs pipe-<step>-<n> with characters schedulers reject replaced', () => {
    expect(jobName('align reads', 7)).toBe('pipe-align_reads-7');
  });
});
