// nf-schema's validateParameters leaves out the parameters whose Groovy truth is false (null, false, '', [], [:]) and
// keeps zero, as nf-schema's own parameter cleaning does: a config's `adapter_fasta = []` is no list to a string type.
import { describe, expect, it } from 'vitest';
import { runScript } from '../reference/helpers.js';

const SCHEMA = JSON.stringify({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  $defs: {
    options: {
      title: 'Options',
      type: 'object',
      properties: {
        outdir: { type: 'string' },
        adapter_fasta: { type: 'string' },
        genomes: { type: 'string' },
        skip: { type: 'string' },
        nested: { type: 'object', properties: { empty: { type: 'string' } } },
        count: { type: 'string' },
      },
    },
  },
  allOf: [{ $ref: '#/$defs/options' }],
});

const script = (count: string): string => `
include { validateParameters } from 'plugin/nf-schema'
params.outdir = 'out'
params.adapter_fasta = []
params.genomes = [:]
params.skip = false
params.nested = [empty: '']
params.unknown = ''
params.count = ${count}
validateParameters()
println 'valid'
`;

describe('nf-schema: validateParameters and values with a false Groovy truth', () => {
  it('leaves out empty lists, maps, strings and false, also inside maps, and reports no unexpected empty one', async () => {
    const { code, stdout, stderr } = await runScript(script("'5'"), [], { 'nextflow_schema.json': SCHEMA });
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('valid');
    expect(stderr).not.toContain('--unknown');
  });

  it('keeps zero, which the schema then checks', async () => {
    const { code, stderr } = await runScript(script('0'), [], { 'nextflow_schema.json': SCHEMA });
    expect(code).not.toBe(0);
    expect(stderr).toContain('* --count (0): Value is [integer] but should be [string]');
  });
});
