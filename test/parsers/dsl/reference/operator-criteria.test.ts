// reference/operator.md: criteria (patterns, classes), buffer and collate, and the forms of branch and multiMap, each
// case a snippet of the reference (docs/snippets of nextflow-io/nextflow) with the output the reference gives for it.
import { describe, expect, it } from 'vitest';
import { lines, runScript } from './helpers.js';

// The lines a script prints, sorted (the snippets' outputs are compared sorted, as their own test script does).
async function printed(script: string): Promise<string[]> {
  const { stdout, stderr, code } = await runScript(script);
  expect(stderr).not.toMatch(/error/);
  expect(code).toBe(0);
  return lines(stdout).sort();
}

describe('reference/operator: criteria', () => {
  it('filter, count and first take a pattern (whole match), a class, a closure or a value', async () => {
    const out = await printed(`
channel.of('a', 'b', 'aa', 'bc', 3, 4.5).filter(~/^a.*/).view { v -> "regex $v" }
channel.of('a', 'b', 'aa', 'bc', 3, 4.5).filter(Number).view { v -> "number $v" }
channel.of('a', 'c', 'c', 'q', 'b').count(~/c/).view { v -> "count $v" }
channel.of('a', 'aa', 'aaa').first(~/aa.*/).view { v -> "first $v" }
channel.of(1, 2, 'a', 'b', 3).first(String).view { v -> "string $v" }
channel.of(1, 2, 3, 4, 5).first { v -> v > 3 }.view { v -> "closure $v" }
channel.of(1, 2, 3).filter(2).view { v -> "value $v" }
`);
    expect(out).toEqual(
      [
        'regex a',
        'regex aa',
        'number 3',
        'number 4.5',
        'count 2',
        'first aa',
        'string a',
        'closure 4',
        'value 2',
      ].sort(),
    );
  });

  it('distinct with a mapping closure, sum with one, toInteger, and flatMap of a map emitting its entries', async () => {
    const out = await printed(`
channel.of(1, 1, 2, 2, 2, 3, 1, 1, 2, 4, 6).distinct { v -> v % 2 }.view { v -> "distinct $v" }
channel.of(4, 1, 7, 5).sum { v -> v * v }.view { v -> "Square: $v" }
channel.of('1', '7', '12').toInteger().sum().view { v -> "total $v" }
channel.of(1, 2).flatMap { n -> [number: n, square: n * n] }.view { e -> "\${e.key}: \${e.value}" }
`);
    expect(out).toEqual(
      [
        'distinct 1',
        'distinct 2',
        'distinct 3',
        'distinct 2',
        'Square: 91',
        'total 20',
        'number: 1',
        'square: 1',
        'number: 2',
        'square: 4',
      ].sort(),
    );
  });
});

describe('reference/operator: buffer and collate', () => {
  it('buffer closes on a criterion, between an opening and a closing one, or by size after skipping', async () => {
    const { stdout } = await runScript(`
channel.of(1, 2, 3, 1, 2, 3).buffer { v -> v == 2 }.view { v -> "close $v" }
channel.of(1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2).buffer(2, 4).view { v -> "open $v" }
channel.of(1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2).buffer(size: 3, skip: 2).view { v -> "skip $v" }
channel.of(1, 2, 3, 4, 5).buffer(size: 2, remainder: true).view { v -> "size $v" }
`);
    const out = lines(stdout);
    expect(out.filter((l) => l.startsWith('close'))).toEqual(['close [1, 2]', 'close [3, 1, 2]']);
    expect(out.filter((l) => l.startsWith('open'))).toEqual(['open [2, 3, 4]', 'open [2, 3, 4]']);
    expect(out.filter((l) => l.startsWith('skip'))).toEqual(['skip [3, 4, 5]', 'skip [3, 4, 5]']);
    expect(out.filter((l) => l.startsWith('size'))).toEqual(['size [1, 2]', 'size [3, 4]', 'size [5]']);
  });

  it('collate with a step starts a list every step items; the short lists end it unless remainder is false', async () => {
    const { stdout } = await runScript(`
channel.of(1, 2, 3, 4).collate(3, 1).view { v -> "step $v" }
channel.of(1, 2, 3, 4).collate(3, false).view { v -> "whole $v" }
`);
    const out = lines(stdout);
    expect(out.filter((l) => l.startsWith('step'))).toEqual([
      'step [1, 2, 3]',
      'step [2, 3, 4]',
      'step [3, 4]',
      'step [4]',
    ]);
    expect(out.filter((l) => l.startsWith('whole'))).toEqual(['whole [1, 2, 3]']);
  });
});

describe('reference/operator: branch and multiMap forms', () => {
  it('branchCriteria and multiMapCriteria make criteria reused by several branch or multiMap calls', async () => {
    const out = await printed(`
def criteria = branchCriteria { v ->
    small: v < 10
    large: v > 10
}
channel.of(1, 30).branch(criteria).set { ch1 }
channel.of(20, 3).branch(criteria).set { ch2 }
ch1.small.view { v -> "$v is small" }
ch1.large.view { v -> "$v is large" }
ch2.small.view { v -> "$v is small" }
ch2.large.view { v -> "$v is large" }
def pairs = multiMapCriteria { v ->
    small: [v, v < 10]
    large: [v, v > 10]
}
channel.of(1, 20).multiMap(pairs).set { ch3 }
ch3.small.view { v, is_small -> "$v is small: $is_small" }
`);
    expect(out).toEqual(
      ['1 is small', '30 is large', '20 is large', '3 is small', '1 is small: true', '20 is small: false'].sort(),
    );
  });

  it('a branch piped into (`| branch { … }`), and multiMap labels sharing one value (`alpha: beta: v`)', async () => {
    const out = await printed(`
workflow {
    ch = channel.of(1, 60) | branch { n ->
        high: n > 50
        low: n <= 50
    }
    ch.high.view { v -> "high $v" }
    ch.low.view { v -> "low $v" }
    channel.of(1, 2).multiMap { v -> alpha: beta: v }.set { result }
    result.alpha.view { v -> "alpha $v" }
    result.beta.view { v -> "beta $v" }
}
`);
    expect(out).toEqual(['high 60', 'low 1', 'alpha 1', 'alpha 2', 'beta 1', 'beta 2'].sort());
  });
});
