// reference/operator.md (groupTuple with groupKey) and reference/stdlib-types/channel.md (groupBy, join of records),
// each case a snippet of the reference (docs/snippets of nextflow-io/nextflow) with the output it gives.
import { describe, expect, it } from 'vitest';
import { lines, runScript } from './helpers.js';

// The lines a script prints, sorted (the snippets' outputs are compared sorted, as their own test script does).
async function printed(script: string): Promise<string[]> {
  const { stdout, stderr, code } = await runScript(script);
  expect(stderr).not.toMatch(/error/);
  expect(code).toBe(0);
  return lines(stdout).sort();
}

describe('reference/operator: grouping keys', () => {
  it('groupKey(key, n) prints as its key, gives the group size to groupTuple, and getGroupTarget unwraps it', async () => {
    const out = await printed(`
channel.of(['chr1', ['r1', 'r2']], ['chr2', ['r1', 'r2', 'r3']])
    .flatMap { chr, vcfs -> vcfs.collect { vcf -> tuple(groupKey(chr, vcfs.size()), vcf) } }
    .view { v -> "scattered: \${v}" }
    .groupTuple()
    .map { key, vcfs -> tuple(key.getGroupTarget(), key.groupSize, vcfs) }
    .view { v -> "gathered: \${v}" }
`);
    expect(out).toEqual(
      [
        'scattered: [chr1, r1]',
        'scattered: [chr1, r2]',
        'scattered: [chr2, r1]',
        'scattered: [chr2, r2]',
        'scattered: [chr2, r3]',
        'gathered: [chr1, 2, [r1, r2]]',
        'gathered: [chr2, 3, [r1, r2, r3]]',
      ].sort(),
    );
  });

  it('groupBy takes (key, value) pairs, or (key, size, value) triples whose size completes a group', async () => {
    const out = await printed(`
channel.of(['a', 1], ['b', 2], ['a', 3]).groupBy().view { v -> "pairs \${v}" }
channel.of(['x', 2, 'p'], ['y', 1, 'q'], ['x', 2, 'r']).groupBy().view { v -> "sized \${v}" }
`);
    expect(out).toEqual(['pairs [a, [1, 3]]', 'pairs [b, [2]]', 'sized [x, [p, r]]', 'sized [y, [q]]'].sort());
  });
});

describe('reference/channel: join of records', () => {
  it('joins every pair of records with the same key, and emits the unmatched ones with remainder', async () => {
    const out = await printed(`
left  = channel.of( record(id: 'X', a: 1), record(id: 'X', a: 3) )
right = channel.of( record(id: 'X', b: 2), record(id: 'X', b: 4) )
left.join(right, by: 'id').view()
l2 = channel.of( record(id: 'Y', a: 2), record(id: 'P', a: 7) )
r2 = channel.of( record(id: 'Y', b: 5), record(id: 'Q', b: 8) )
l2.join(r2, by: 'id', remainder: true).view()
`);
    expect(out).toEqual(
      [
        '[id:X, a:1, b:2]',
        '[id:X, a:1, b:4]',
        '[id:X, a:3, b:2]',
        '[id:X, a:3, b:4]',
        '[id:Y, a:2, b:5]',
        '[id:P, a:7]',
        '[id:Q, b:8]',
      ].sort(),
    );
  });
});
