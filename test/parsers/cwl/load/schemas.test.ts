import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCwlProcess } from '../../../../parsers/cwl/load/index.js';
import type { Workflow } from '../../../../parsers/cwl/model.js';
import { scratchDir } from '../../../helpers/cli.js';

const tool = (schemas: string): string =>
  `cwlVersion: v1.2\nclass: CommandLineTool\n${schemas}baseCommand: cat\ninputs:\n  f: {type: File, format: 'edam:format_2330'}\noutputs: {}\n$namespaces: {edam: 'http://edamontology.org/'}\n`;

describe('$schemas (format ontologies)', () => {
  it('names the ontology files of a tool as absolute paths next to the document, skipping remote ones', async () => {
    const dir = scratchDir({
      't.cwl': tool('$schemas: [EDAM.owl, ../shared/extra.ttl, "http://edamontology.org/EDAM.owl"]\n'),
    });
    const loaded = await loadCwlProcess(join(dir, 't.cwl'));
    expect(loaded.schemas).toEqual([join(dir, 'EDAM.owl'), join(dir, '..', 'shared', 'extra.ttl')]);
  });

  it('gives a tool without $schemas none', async () => {
    const dir = scratchDir({ 't.cwl': tool('') });
    expect((await loadCwlProcess(join(dir, 't.cwl'))).schemas).toBeUndefined();
  });

  it('applies the $schemas of a packed document to every process of its $graph', async () => {
    const dir = scratchDir({
      'packed.cwl': [
        'cwlVersion: v1.2',
        '$schemas: [EDAM.owl]',
        '$graph:',
        '  - id: cat',
        '    class: CommandLineTool',
        '    baseCommand: cat',
        '    inputs: {f: File}',
        '    outputs: {}',
        '  - id: main',
        '    class: Workflow',
        '    inputs: {f: File}',
        '    outputs: {}',
        '    steps: {s: {run: "#cat", in: {f: f}, out: []}}',
        '',
      ].join('\n'),
    });
    const workflow = (await loadCwlProcess(join(dir, 'packed.cwl'))) as Workflow;
    expect(workflow.schemas).toEqual([join(dir, 'EDAM.owl')]);
    expect(workflow.steps[0]?.run.schemas).toEqual([join(dir, 'EDAM.owl')]);
  });
});
