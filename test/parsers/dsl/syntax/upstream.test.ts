import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../parsers/dsl/syntax/index.js';
import type { ProcessDefinition, WorkflowDefinition } from '../../../../parsers/dsl/syntax/index.js';
import { FIXTURES, parseFixture, strip } from './helpers.js';

const RNASEQ_FILES = [
  'main.nf',
  'modules/rnaseq.nf',
  'modules/index/main.nf',
  'modules/quant/main.nf',
  'modules/fastqc/main.nf',
  'modules/multiqc/main.nf',
];

describe('the unmodified public pipelines', () => {
  it('nextflow-io/hello parses into a process with a val input, stdout output and interpolated script', () => {
    const script = parseFixture('upstream/hello/main.nf');
    const process = script.body[0] as ProcessDefinition;
    expect(process).toMatchObject({ kind: 'process', name: 'sayHello', directives: [] });
    expect(strip(process.inputs)).toEqual([
      { qualifier: 'val', target: { kind: 'identifier', name: 'greeting' }, components: [], options: [] },
    ]);
    expect(process.outputs.map((o) => o.qualifier)).toEqual(['stdout']);
    expect(strip(process.body?.statements[0])).toEqual({
      kind: 'expressionStatement',
      expression: {
        kind: 'gstring',
        quote: '"""',
        parts: [
          { kind: 'text', value: "\n    echo '" },
          { kind: 'interpolation', expression: { kind: 'identifier', name: 'greeting' } },
          { kind: 'text', value: " world!'\n    " },
        ],
      },
    });
    const workflow = script.body[1] as WorkflowDefinition;
    expect(workflow.name).toBeUndefined();
    expect(workflow.main.map((s) => s.kind)).toEqual(['assignment', 'expressionStatement']);
  });

  it.each(RNASEQ_FILES)('nextflow-io/rnaseq-nf %s parses', (file) => {
    expect(parseFixture(`upstream/rnaseq-nf/${file}`).body.length).toBeGreaterThan(0);
  });

  it('rnaseq-nf keeps the sub-workflow take/main/emit with the piped emit expression', () => {
    const script = parseFixture('upstream/rnaseq-nf/modules/rnaseq.nf');
    expect(script.body.filter((b) => b.kind === 'include').map((b) => strip(b))).toEqual([
      { kind: 'include', items: [{ name: 'INDEX' }], source: './index' },
      { kind: 'include', items: [{ name: 'QUANT' }], source: './quant' },
      { kind: 'include', items: [{ name: 'FASTQC' }], source: './fastqc' },
    ]);
    const workflow = script.body.find((b) => b.kind === 'workflow') as WorkflowDefinition;
    expect(workflow.name).toBe('RNASEQ');
    expect(workflow.take.map((t) => t.name)).toEqual(['transcriptome', 'read_pairs_ch']);
    expect(workflow.main).toHaveLength(3);
    const emit = strip(workflow.emit) as { value: { operator: string; right: unknown } }[];
    expect(emit).toHaveLength(1);
    expect(emit[0]?.value.operator).toBe('|');
    expect(emit[0]?.value.right).toEqual({ kind: 'identifier', name: 'collect' });
  });

  it('rnaseq-nf process directives keep their arguments, named options and `$task.cpus` interpolation', () => {
    const fastqc = parseFixture('upstream/rnaseq-nf/modules/fastqc/main.nf').body.find(
      (b) => b.kind === 'process',
    ) as ProcessDefinition;
    expect(fastqc.directives.map((d) => d.name)).toEqual(['tag', 'conda', 'publishDir']);
    expect(strip(fastqc.directives[2])).toMatchObject({
      name: 'publishDir',
      namedArgs: [{ name: 'mode', value: { kind: 'string', value: 'copy' } }],
    });
    expect(strip(fastqc.inputs[0])).toMatchObject({
      qualifier: 'tuple',
      components: [{ qualifier: 'val' }, { qualifier: 'path' }],
    });
    expect(strip(fastqc.outputs[0])).toMatchObject({
      qualifier: 'path',
      options: [{ name: 'emit', value: { kind: 'identifier', name: 'logs' } }],
    });
    const index = parseFixture('upstream/rnaseq-nf/modules/index/main.nf').body[0] as ProcessDefinition;
    expect(strip(index.directives[0])).toMatchObject({
      name: 'tag',
      args: [
        {
          kind: 'gstring',
          parts: [
            {
              kind: 'interpolation',
              expression: {
                kind: 'property',
                object: { kind: 'identifier', name: 'transcriptome' },
                name: 'simpleName',
              },
            },
          ],
        },
      ],
    });
    const script = strip(index.body?.statements[0]) as { expression: { parts: unknown[] } };
    expect(script.expression.parts).toContainEqual({
      kind: 'interpolation',
      expression: { kind: 'property', object: { kind: 'identifier', name: 'task' }, name: 'cpus', navigation: '.' },
    });
  });

  it('rnaseq-nf nextflow.config gives the manifest, dotted params and every profile as nested blocks', () => {
    const file = resolve(FIXTURES, 'upstream/rnaseq-nf/nextflow.config');
    const config = parseConfig(readFileSync(file, 'utf8'), file);
    expect(
      config.body.map((i) => (i.kind === 'assign' ? i.path.join('.') : i.kind === 'block' ? i.name : i.kind)),
    ).toEqual(['manifest', 'params.outdir', 'params.reads', 'params.transcriptome', 'params.multiqc', 'profiles']);
    const profiles = config.body[5];
    if (profiles?.kind !== 'block') throw new Error('profiles is not a block');
    expect(profiles.body.map((p) => (p.kind === 'block' ? p.name : p.kind))).toContain('all-reads');
    const slurm = profiles.body.find((p) => p.kind === 'block' && p.name === 'slurm');
    expect(strip(slurm)).toMatchObject({
      body: [
        { path: ['process', 'container'] },
        { path: ['process', 'executor'], value: { value: 'slurm' } },
        { path: ['singularity', 'enabled'] },
      ],
    });
  });

  it('hello nextflow.config is one dotted assignment', () => {
    const file = resolve(FIXTURES, 'upstream/hello/nextflow.config');
    expect(strip(parseConfig(readFileSync(file, 'utf8'), file).body)).toEqual([
      {
        kind: 'assign',
        path: ['process', 'container'],
        value: { kind: 'string', value: 'quay.io/nextflow/bash', quote: "'" },
      },
    ]);
  });
});
