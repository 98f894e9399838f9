import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseError, UnsupportedError } from '../../../../engine/errors.js';
import { loadCwlProcess } from '../../../../parsers/cwl/load/index.js';
import type { Workflow } from '../../../../parsers/cwl/model.js';
import { scratchDir } from '../../../helpers/cli.js';

// Writes files into a scratch dir and returns its path.
function docs(files: Record<string, string>): string {
  return scratchDir(files);
}

describe('loading CWL documents', () => {
  it('expands `T?`, `T[]`, map-form inputs and `type: stdout` outputs', async () => {
    const dir = docs({
      't.cwl':
        'cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: echo\ninputs:\n  a: string?\n  b: File[]\noutputs:\n  o: stdout\n',
    });
    const tool = await loadCwlProcess(join(dir, 't.cwl'));
    expect(tool.inputs.map((i) => [i.id, i.type])).toEqual([
      ['a', ['null', 'string']],
      ['b', { type: 'array', items: 'File' }],
    ]);
    expect(tool.class === 'CommandLineTool' && tool.stdout).toMatch(/^stdout-/);
    expect(tool.outputs[0]).toMatchObject({
      id: 'o',
      type: 'File',
      outputBinding: { glob: tool.class === 'CommandLineTool' ? tool.stdout : '' },
    });
  });

  it('inlines SchemaDefRequirement types and loads `run:` files and `$graph` entries with short sources', async () => {
    const dir = docs({
      'packed.cwl': [
        'cwlVersion: v1.2',
        '$graph:',
        '  - id: echo',
        '    class: CommandLineTool',
        '    requirements: [{class: SchemaDefRequirement, types: [{name: Pair, type: record, fields: {x: int}}]}]',
        '    inputs: {p: Pair}',
        '    outputs: {o: string}',
        '  - id: main',
        '    class: Workflow',
        '    inputs: {p: Any}',
        '    outputs: {o: {type: string, outputSource: "#main/s/o"}}',
        '    steps: {s: {run: "#echo", in: {p: "#main/p"}, out: [o]}}',
      ].join('\n'),
    });
    const wf = (await loadCwlProcess(join(dir, 'packed.cwl'))) as Workflow;
    expect(wf.class).toBe('Workflow');
    expect(wf.outputs[0]?.outputSource).toEqual(['s/o']);
    expect(wf.steps[0]?.in[0]?.source).toEqual(['p']);
    expect(wf.steps[0]?.run.inputs[0]?.type).toEqual({
      type: 'record',
      name: 'Pair',
      fields: [{ id: 'x', type: 'int' }],
    });
  });

  it('rejects a source that names no input or step output, at the step', async () => {
    const dir = docs({
      'wf.cwl':
        'cwlVersion: v1.2\nclass: Workflow\ninputs: {a: string}\noutputs: []\nsteps:\n  s:\n    run: {class: ExpressionTool, inputs: {x: string}, outputs: {}, expression: "${return {};}"}\n    in: {x: nope}\n    out: []\n',
    });
    await expect(loadCwlProcess(join(dir, 'wf.cwl'))).rejects.toThrow(
      /source `nope` names no workflow input or step output/,
    );
  });

  it('rejects an output whose sources can never match its type', async () => {
    const dir = docs({
      'wf.cwl':
        'cwlVersion: v1.2\nclass: Workflow\ninputs: {a: int, b: int}\noutputs:\n  o:\n    type: int\n    outputSource: [a, b]\n    pickValue: all_non_null\nsteps: []\n',
    });
    await expect(loadCwlProcess(join(dir, 'wf.cwl'))).rejects.toBeInstanceOf(ParseError);
  });

  it('rejects v1.2 features in a v1.0 document', async () => {
    const dir = docs({
      'old.cwl':
        'cwlVersion: v1.0\nclass: CommandLineTool\ninputs: []\noutputs: []\nrequirements:\n  ResourceRequirement: {coresMin: 0.5}\n',
    });
    await expect(loadCwlProcess(join(dir, 'old.cwl'))).rejects.toThrow(/whole number in CWL v1.0/);
  });

  it('reports an unknown field with its location', async () => {
    const dir = docs({
      't.cwl': 'cwlVersion: v1.2\nclass: CommandLineTool\ninputs: []\noutputs: []\nbaseComand: ls\n',
    });
    const error = await loadCwlProcess(join(dir, 't.cwl')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).location).toMatchObject({ line: 5, column: 1 });
  });

  it('refuses a namespaced requirement it does not know as unsupported, and ignores it as a hint', async () => {
    const dir = docs({
      'r.cwl':
        'cwlVersion: v1.2\nclass: CommandLineTool\n$namespaces: {x: "http://example.org/x#"}\ninputs: []\noutputs: []\nrequirements: [{class: "x:Magic"}]\n',
      'h.cwl':
        'cwlVersion: v1.2\nclass: CommandLineTool\n$namespaces: {x: "http://example.org/x#"}\ninputs: []\noutputs: []\nhints: [{class: "x:Magic"}]\n',
    });
    await expect(loadCwlProcess(join(dir, 'r.cwl'))).rejects.toBeInstanceOf(UnsupportedError);
    expect((await loadCwlProcess(join(dir, 'h.cwl'))).hints).toEqual([]);
  });

  it('resolves a File default against the document folder', async () => {
    const dir = docs({
      't.cwl':
        'cwlVersion: v1.2\nclass: CommandLineTool\ninputs:\n  f:\n    type: File\n    default: {class: File, location: data/x.txt}\noutputs: []\n',
    });
    writeFileSync(join(dir, 'x'), '');
    const tool = await loadCwlProcess(join(dir, 't.cwl'));
    expect(tool.inputs[0]?.default).toEqual({ class: 'File', location: `file://${join(dir, 'data', 'x.txt')}` });
  });
});
