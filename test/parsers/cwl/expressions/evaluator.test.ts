import { afterAll, describe, expect, it } from 'vitest';
import {
  createExpressionEvaluator,
  ExpressionError,
  ExpressionFailure,
} from '../../../../parsers/cwl/expressions/index.js';
import type { ExpressionRequirements } from '../../../../parsers/cwl/expressions/index.js';
import { failure } from './failure.js';

const context = {
  inputs: { file1: { class: 'File', path: '/data/a b.txt', size: 12 }, names: ['x', 'y'], n: null, count: 3 },
  self: [{ contents: '7\n' }],
  runtime: { outdir: '/work/out', tmpdir: '/work/tmp', cores: 2, ram: 1024, outdirSize: 1024, tmpdirSize: 1024 },
};
const references: ExpressionRequirements = { javascript: false, cwlVersion: 'v1.2' };

describe('createExpressionEvaluator without InlineJavascriptRequirement', () => {
  const evaluator = createExpressionEvaluator();
  afterAll(() => evaluator.close());

  it('returns values that hold no expression unchanged', async () => {
    for (const value of ['plain', '  spaced  ', 42, null, { a: '$(inputs.count)' }, ['$(inputs.count)']]) {
      expect(await evaluator.evaluate(value, context, references)).toBe(value);
    }
  });

  it.each([
    ['$(inputs.file1)', context.inputs.file1],
    ['$(inputs.names.length)', 2],
    ['$(inputs["names"][1])', 'y'],
    ['$(runtime.outdir)', '/work/out'],
    ['$(self[0].contents)', '7\n'],
    ['$(inputs.n)', null],
    ['$(null)', null],
  ])('evaluates the whole-string reference %s to the raw value', async (text, expected) => {
    expect(await evaluator.evaluate(text, context, references)).toEqual(expected);
  });

  it.each([
    ['$(runtime.outdir)/result.txt', '/work/out/result.txt'],
    ['-n $(inputs.count) $(inputs.n)', '-n 3 null'],
    ['$(inputs.names) and $(inputs.file1.size)', '["x", "y"] and 12'],
    ['$(runtime.cores) cores, $(runtime.ram) MiB', '2 cores, 1024 MiB'],
  ])('interpolates %s into %j', async (text, expected) => {
    expect(await evaluator.evaluate(text, context, references)).toBe(expected);
  });

  it('returns a copy, so changing the result leaves the inputs as they were', async () => {
    const file = (await evaluator.evaluate('$(inputs.file1)', context, references)) as { path: string };
    file.path = '/elsewhere';
    expect(context.inputs.file1.path).toBe('/data/a b.txt');
  });

  it('names the reference and the missing field when a reference does not resolve', async () => {
    const location = { file: 'tool.cwl', line: 12, column: 7 };
    const error = await failure(evaluator.evaluate('x $(inputs.file1.nope) y', context, { ...references, location }));
    expect(error.failure).toBe(ExpressionFailure.Reference);
    expect(error.expression).toBe('$(inputs.file1.nope)');
    expect(error.message).toBe('cannot evaluate $(inputs.file1.nope): inputs.file1 has no field "nope"');
    expect(error.location).toEqual(location);
    expect(error.hint).toBeDefined();
  });

  it('refuses JavaScript and says which requirement it needs', async () => {
    const error = await failure(evaluator.evaluate('$(inputs.count + 1)', context, references));
    expect(error.failure).toBe(ExpressionFailure.Syntax);
    expect(error.message).toContain('$(inputs.count + 1) is not a parameter reference');
    expect(error.hint).toContain('InlineJavascriptRequirement');
    await expect(evaluator.evaluate('${ return 1; }', context, references)).rejects.toThrow(ExpressionError);
  });

  it('reports an expression that is never closed, with what follows its opening', async () => {
    const error = await failure(evaluator.evaluate('echo $(inputs.count', context, references));
    expect(error.failure).toBe(ExpressionFailure.Syntax);
    expect(error.message).toContain('`$(inputs.count` is never closed');
  });

  it('applies the escapes of the document version', async () => {
    expect(await evaluator.evaluate('\\$(inputs.count) \\q', context, references)).toBe('$(inputs.count) \\q');
    expect(await evaluator.evaluate('\\$(inputs.count) \\q', context, { ...references, cwlVersion: 'v1.0' })).toBe(
      '$(inputs.count) q',
    );
  });

  it('keeps evaluating parameter references in-thread after it is closed', async () => {
    const closed = createExpressionEvaluator();
    await closed.close();
    expect(await closed.evaluate('$(inputs.count)', context, { javascript: true })).toBe(3);
    const error = await failure(closed.evaluate('$(inputs.count * 2)', context, { javascript: true }));
    expect(error.failure).toBe(ExpressionFailure.Closed);
  });

  it('evaluates a 200-way scatter of references without waiting on any thread', async () => {
    const jobs = Array.from({ length: 200 }, (_, index) => ({
      ...context,
      inputs: { ...context.inputs, count: index },
    }));
    const results = await Promise.all(
      jobs.map((job) => evaluator.evaluate('sample_$(inputs.count).txt', job, references)),
    );
    expect(results).toEqual(jobs.map((_, index) => `sample_${index}.txt`));
  });
});
