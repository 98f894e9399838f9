// reference/config.md (profiles) and reference/cli.md (`-C`): the `standard` profile applies when none is named, an
// unknown profile is Nextflow's error, and `-C FILE` is read instead of the project's nextflow.config.
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../../../helpers/cli.js';
import { lines, runScript } from './helpers.js';

const SCRIPT = 'workflow { println "x: ${params.x} y: ${params.y}" }\n';
const PROFILES = "params.y = 'base'\nprofiles {\n  standard { params.x = 'std' }\n  other { params.x = 'other' }\n}\n";

describe('reference/config: profiles and -C', () => {
  it('applies the standard profile unless another is named', async () => {
    const files = { 'nextflow.config': PROFILES };
    expect(lines((await runScript(SCRIPT, [], files)).stdout)).toEqual(['x: std y: base']);
    expect(lines((await runScript(SCRIPT, ['-profile', 'other'], files)).stdout)).toEqual(['x: other y: base']);
  });

  it("refuses an unknown profile in Nextflow's words", async () => {
    const { stderr, code } = await runScript(SCRIPT, ['-profile', 'nope'], { 'nextflow.config': PROFILES });
    expect(code).not.toBe(0);
    expect(stderr).toContain("Unknown configuration profile: 'nope'");
  });

  it("reads -C files instead of the project's nextflow.config, and -c files after them", async () => {
    const { dir } = await runScript(SCRIPT, [], {
      'nextflow.config': "params.x = 'project'\nparams.y = 'project'\n",
      'only.config': "params.x = 'only'\nparams.y = 'only'\n",
      'extra.config': "params.y = 'extra'\n",
    });
    const result = await runPipe(['-C', 'only.config', '-q', 'run', 'main.nf', '-c', 'extra.config'], dir);
    expect(result.code).toBe(0);
    expect(lines(result.stdout)).toEqual(['x: only y: extra']);
  });
});

describe('pipe config (nextflow config)', () => {
  const CONFIG = [
    "outputDir = 'results'",
    'profiles {',
    "  standard { process { cpus = 2; memory = '2GB' } }",
    "  big { process.cpus = 8\n    process.memory = { 2.GB * task.attempt }\n    params.tags = ['a', 'b'] }",
    '}',
    '',
  ].join('\n');

  it('prints the configuration with the standard profile, or the profile named', async () => {
    const { dir } = await runScript('println 1\n', [], { 'my.config': CONFIG });
    const standard = await runPipe(['-C', 'my.config', 'config'], dir);
    expect(standard.code).toBe(0);
    expect(standard.stdout).toBe("outputDir = 'results'\n\nprocess {\n   cpus = 2\n   memory = '2GB'\n}\n");
    const big = await runPipe(['-C', 'my.config', 'config', '-profile', 'big'], dir);
    expect(big.stdout).toBe(
      "outputDir = 'results'\n\nprocess {\n   cpus = 8\n   memory = { 2.GB * task.attempt }\n}\n\nparams {\n   tags = ['a', 'b']\n}\n",
    );
  });

  it('shows every profile apart with -a, and refuses an unknown profile', async () => {
    const { dir } = await runScript('println 1\n', [], { 'nextflow.config': CONFIG });
    const all = await runPipe(['config', '-a'], dir);
    expect(lines(all.stdout)).toEqual([
      "outputDir = 'results'",
      '',
      'profiles {',
      '   standard {',
      '      process {',
      '         cpus = 2',
      "         memory = '2GB'",
      '      }',
      '   }',
      '   big {',
      '      process {',
      '         cpus = 8',
      '         memory = { 2.GB * task.attempt }',
      '      }',
      '      params {',
      "         tags = ['a', 'b']",
      '      }',
      '   }',
      '}',
    ]);
    const unknown = await runPipe(['config', '-profile', 'xxx'], dir);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("Unknown configuration profile: 'xxx'");
  });
});

// config.md: the launch directory's nextflow.config is read over the project's; the `workflow` scope's onComplete
// handler runs at the end with `workflow.*` and the run's params; cli.md: `-name` names the run.
describe('reference/config: the launch directory and workflow.onComplete', () => {
  it("reads the launch directory's config, runs its onComplete with the script's params and the -name given", async () => {
    const dir = scratchDir({
      'flow/main.nf': "params.command = 'echo'\nparams.y = 'script'\nworkflow { println \"y: ${params.y}\" }\n",
      'flow/nextflow.config': "params.y = 'project'\n",
      'nextflow.config': `params.y = 'launch'
workflow {
    onComplete = {
        println "runName: \${workflow.runName}"
        println "command: \${params?.command}"
        println "success: $workflow.success"
    }
}
`,
    });
    const { stdout, code } = await runPipe(['-q', 'run', 'flow/main.nf', '-name', 'first'], dir);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['y: launch', 'runName: first', 'command: echo', 'success: true']);
  });
});
