import { describe, expect, it } from 'vitest';
import type { CommandLineTool } from '../../../../parsers/cwl/model.js';
import { argumentWords, collectBindings, compareKeys } from '../../../../parsers/cwl/tool/index.js';
import { evaluator, tool } from './run-tool.js';

// The command line of a tool for a job, as words.
async function commandLine(definition: CommandLineTool, inputs: Record<string, unknown>): Promise<string[]> {
  const evaluate = (text: string, self: unknown) =>
    evaluator.evaluate(text, { inputs, self, runtime: {} }, { javascript: true });
  const words: string[] = [];
  for (const bound of await collectBindings(definition, inputs, evaluate))
    words.push(...(await argumentWords(bound, evaluate)));
  return words;
}

const file = (path: string) => ({ class: 'File', path, location: `file://${path}`, basename: path.split('/').pop() });

describe('command-line binding', () => {
  it('orders baseCommand, then bindings by position, arguments before inputs at equal positions', async () => {
    const words = await commandLine(
      tool({
        baseCommand: ['bwa', 'mem'],
        arguments: [{ position: 1, prefix: '-t', valueFrom: '2' }],
        inputs: [
          { id: 'reads', type: { type: 'array', items: 'File' }, inputBinding: { position: 3 } },
          { id: 'reference', type: 'File', inputBinding: { position: 2 } },
          {
            id: 'min_std_max_min',
            type: { type: 'array', items: 'int' },
            inputBinding: { position: 1, prefix: '-I', itemSeparator: ',' },
          },
        ],
      }),
      { reads: [file('/d/r1.fq'), file('/d/r2.fq')], reference: file('/d/chr20.fa'), min_std_max_min: [1, 2, 3, 4] },
    );
    expect(words).toEqual(['bwa', 'mem', '-t', '2', '-I', '1,2,3,4', '/d/chr20.fa', '/d/r1.fq', '/d/r2.fq']);
  });

  it("adds an array's prefix once, then each item with the item binding's prefix", async () => {
    const words = await commandLine(
      tool({
        baseCommand: ['bwa'],
        inputs: [
          {
            id: 'reads',
            type: { type: 'array', items: 'File', inputBinding: { prefix: '-YYY' } },
            inputBinding: { position: 3, prefix: '-XXX' },
          },
        ],
      }),
      { reads: [file('/d/1.fq'), file('/d/2.fq')] },
    );
    expect(words).toEqual(['bwa', '-XXX', '-YYY', '/d/1.fq', '-YYY', '/d/2.fq']);
  });

  it('joins prefix and value when separate is false, and leaves out false booleans and nulls', async () => {
    const words = await commandLine(
      tool({
        inputs: [
          { id: 'level', type: 'int', inputBinding: { position: 1, prefix: '-O', separate: false } },
          { id: 'verbose', type: 'boolean', inputBinding: { position: 2, prefix: '-v' } },
          { id: 'quiet', type: 'boolean', inputBinding: { position: 3, prefix: '-q' } },
          { id: 'name', type: ['null', 'string'], inputBinding: { position: 4, prefix: '--name' } },
        ],
      }),
      { level: 2, verbose: true, quiet: false, name: null },
    );
    expect(words).toEqual(['-O2', '-v']);
  });

  it('binds record fields after the record prefix, ordered by their own positions', async () => {
    const words = await commandLine(
      tool({
        inputs: [
          {
            id: 'stage',
            type: {
              type: 'record',
              fields: [
                { id: 'max', type: 'int', inputBinding: { position: 2, prefix: '--max' } },
                { id: 'min', type: 'int', inputBinding: { position: 1, prefix: '--min' } },
              ],
            },
            inputBinding: { position: 1, prefix: 'stage1' },
          },
        ],
      }),
      { stage: { max: 20, min: 10 } },
    );
    expect(words).toEqual(['stage1', '--min', '10', '--max', '20']);
  });

  it('evaluates valueFrom with self the input value and position expressions', async () => {
    const words = await commandLine(
      tool({
        baseCommand: ['echo'],
        inputs: [
          { id: 'first', type: 'string', inputBinding: { position: '$(1 + 1)', valueFrom: '$(self.toUpperCase())' } },
          { id: 'second', type: 'string', inputBinding: { position: 1 } },
        ],
      }),
      { first: 'a', second: 'b' },
    );
    expect(words).toEqual(['echo', 'b', 'A']);
  });

  it('writes floats in positional notation as cwltool does', async () => {
    const words = await commandLine(
      tool({ inputs: [{ id: 'x', type: { type: 'array', items: 'float' }, inputBinding: {} }] }),
      { x: [0.00001, 1.23e-5, 1.23e5, 1230000] },
    );
    expect(words).toEqual(['0.00001', '0.0000123', '123000', '1230000']);
  });

  it('sorts keys with numbers below names at the same place, as Python 2 compared them', () => {
    expect(compareKeys([1, 0], [1, 'a'])).toBe(-1);
    expect(compareKeys([2, 'b'], [10, 'a'])).toBe(-1);
    expect(compareKeys([1], [1, 'a'])).toBe(-1);
  });
});
