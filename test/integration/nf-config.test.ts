// `pipe config` through the built CLI: a .nf pipeline's configuration as `nextflow config` prints it, with Nextflow's
// single-dash spellings and the double-dash ones `pipe config --help` lists.
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';

const CONFIG = 'process.cpus = 2\nprofiles {\n  big {\n    process.cpus = 8\n  }\n}\n';

describe('pipe config', () => {
  it('prints the configuration of the profiles -profile or --profile names', async () => {
    const dir = scratchDir({ 'nextflow.config': CONFIG });
    const plain = await runPipe(['config'], dir);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toBe('process {\n   cpus = 2\n}\n');
    for (const option of ['-profile', '--profile']) {
      const big = await runPipe(['config', option, 'big'], dir);
      expect(big.stdout).toBe('process {\n   cpus = 8\n}\n');
    }
  });

  it('prints every profile with -a or --show-profiles, and takes -c files before the command', async () => {
    const dir = scratchDir({ 'nextflow.config': CONFIG, 'extra.config': 'process.memory = 1.GB\n' });
    for (const option of ['-a', '--show-profiles']) {
      const all = await runPipe(['config', option], dir);
      expect(all.stdout).toContain('profiles {\n   big {\n      process {\n         cpus = 8');
    }
    const extra = await runPipe(['-c', 'extra.config', 'config'], dir);
    expect(extra.stdout).toContain("memory = '1 GB'");
  });

  it('is listed by pipe --help and prints its options with --help or -help', async () => {
    const dir = scratchDir();
    expect((await runPipe(['--help'], dir)).stdout).toMatch(/^ {2}config \[options\] \[target\]/m);
    for (const word of ['--help', '-help']) {
      const help = await runPipe(['config', word], dir);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('-a, --show-profiles');
    }
    const bad = await runPipe(['config', '-bogus'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('`pipe config` does not take `-bogus`');
  });
});
