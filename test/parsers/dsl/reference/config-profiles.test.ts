// reference/config.md (profiles) and reference/cli.md (`-C`): the `standard` profile applies when none is named, an
// unknown profile is Nextflow's error, and `-C FILE` is read instead of the project's nextflow.config.
import { describe, expect, it } from 'vitest';
import { runPipe } from '../../../helpers/cli.js';
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
