import { describe, expect, it } from 'vitest';
import { mergeSources, pickValue } from '../../../../parsers/cwl/runtime/link-merge.js';
import { gatherScatter, scatterJobs } from '../../../../parsers/cwl/runtime/scatter.js';

describe('linkMerge and pickValue', () => {
  it('passes one source through, nests several, and flattens lists with merge_flattened', () => {
    expect(mergeSources([[1, 2]], undefined)).toEqual([1, 2]);
    expect(mergeSources([[1, 2], 3], 'merge_nested')).toEqual([[1, 2], 3]);
    expect(mergeSources([[1, 2], 3], 'merge_flattened')).toEqual([1, 2, 3]);
  });

  it('picks the first non-null, the only non-null, or all non-null values', () => {
    expect(pickValue([null, 'a', 'b'], 'first_non_null', 'x')).toBe('a');
    expect(pickValue([null, 'a'], 'the_only_non_null', 'x')).toBe('a');
    expect(pickValue([null, 'a', null, 'b'], 'all_non_null', 'x')).toEqual(['a', 'b']);
  });

  it('fails when first_non_null finds nothing or the_only_non_null finds two', () => {
    expect(() => pickValue([null, null], 'first_non_null', 'out')).toThrow(/only null/);
    expect(() => pickValue(['a', 'b'], 'the_only_non_null', 'out')).toThrow(/found 2 non-null/);
  });
});

describe('scatter', () => {
  it('pairs items for dotproduct and refuses lists of different lengths', () => {
    expect(scatterJobs({ a: [1, 2], b: ['x', 'y'], c: 0 }, ['a', 'b'], 'dotproduct', 's')).toEqual([
      { a: 1, b: 'x', c: 0 },
      { a: 2, b: 'y', c: 0 },
    ]);
    expect(() => scatterJobs({ a: [1], b: [1, 2] }, ['a', 'b'], 'dotproduct', 's')).toThrow(/different lengths/);
  });

  it('nests results per input for nested_crossproduct and keeps them flat for flat_crossproduct', () => {
    const inputs = { a: [1, 2], b: ['x', 'y', 'z'] };
    const jobs = scatterJobs(inputs, ['a', 'b'], 'nested_crossproduct', 's');
    expect(jobs).toHaveLength(6);
    const results = jobs.map((job) => `${String(job.a)}${String(job.b)}`);
    expect(gatherScatter(results, inputs, ['a', 'b'], 'nested_crossproduct')).toEqual([
      ['1x', '1y', '1z'],
      ['2x', '2y', '2z'],
    ]);
    expect(gatherScatter(results, inputs, ['a', 'b'], 'flat_crossproduct')).toEqual([
      '1x',
      '1y',
      '1z',
      '2x',
      '2y',
      '2z',
    ]);
  });

  it('refuses to scatter over a value that is not a list', () => {
    expect(() => scatterJobs({ a: 'one' }, ['a'], undefined, 'step1')).toThrow(/step `step1`: scattered input `a`/);
  });
});
