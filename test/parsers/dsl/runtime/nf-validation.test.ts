// The older nf-validation plugin (`include { validateParameters } from 'plugin/nf-validation'`), as nf-core
// pipelines of the 2023-2024 template use it: draft-07 schemas with `definitions`, and the parameters it ignores.
import { describe, expect, it } from 'vitest';
import { runScript } from '../reference/helpers.js';

const SCHEMA = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema',
  type: 'object',
  definitions: {
    input_output_options: {
      title: 'Input/output options',
      type: 'object',
      required: ['outdir'],
      properties: { outdir: { type: 'string' }, reads: { type: 'integer', minimum: 1 } },
    },
  },
  allOf: [{ $ref: '#/definitions/input_output_options' }],
});

const SCRIPT = `
include { validateParameters } from 'plugin/nf-validation'
params.outdir = 'out'
params.reads = 2
params.validationSchemaIgnoreParams = 'genomes,skip_me'
params.validationLenientMode = false
params.genomes = [:]
params.skip_me = true
validateParameters()
println 'valid'
`;

describe('nf-validation: validateParameters', () => {
  it('validates against a draft-07 schema and ignores its own and the listed parameters', async () => {
    const { code, stdout, stderr } = await runScript(SCRIPT, ['--stray', 'x'], { 'nextflow_schema.json': SCHEMA });
    expect(code).toBe(0);
    expect(stdout).toContain('valid');
    expect(stderr).toContain('* --stray: x');
    expect(stderr).not.toMatch(/--(genomes|skip_me|validationSchemaIgnoreParams|validationLenientMode)\b/);
  });

  it('fails with the schema’s failure on a bad value', async () => {
    const { code, stderr } = await runScript(SCRIPT, ['--reads', '0'], { 'nextflow_schema.json': SCHEMA });
    expect(code).not.toBe(0);
    expect(stderr).toContain('Validation of pipeline parameters failed!');
    expect(stderr).toContain('* --reads (0):');
  });
});
