// Two input files of one task staged under the same name stop the run with Nextflow's message, at the process's
// input declaration, whatever the errorStrategy (Nextflow's unrecoverable error), instead of a failed link retried.
import { describe, expect, it } from 'vitest';
import { runScript } from '../reference/helpers.js';

const script = (strategy: string): string => `
process BOTH {
  errorStrategy '${strategy}'
  input:
  path primary
  tuple val(names), path(others)
  script: "cat \${primary} \${others}"
}
workflow { BOTH(file('a/genome.fa'), [['human'], [file('b/genome.fa')]]) }
`;

const files = { 'a/genome.fa': '>a\n', 'b/genome.fa': '>b\n' };

describe('input file name collisions', () => {
  it('stop the run naming the process and the file names', async () => {
    const { code, stderr } = await runScript(script('retry'), [], files);
    expect(code).not.toBe(0);
    expect(stderr).toContain(
      'main.nf:5:3: Process `BOTH` input file name collision -- There are multiple input files for each of the following file names: genome.fa',
    );
    expect(stderr).not.toContain('EEXIST');
  });

  it('let the same files through under distinct names', async () => {
    const distinct = script('terminate').replace('path primary', "path 'ref.fa'").replace('${primary}', 'ref.fa');
    const { code, stderr } = await runScript(distinct, [], files);
    expect(code, stderr).toBe(0);
  });
});
