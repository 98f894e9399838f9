// reference/operator.md: max, min, until, merge, cross, randomSample and tap, with the reference's snippets and the
// output it gives for them (docs/snippets/*.nf and *.out of nextflow-io/nextflow).
import { describe, expect, it } from 'vitest';
import { show } from '../../../../parsers/dsl/runtime/values/values.js';
import { items, run } from './helpers.js';

// The items of a channel as Groovy prints them.
async function shownItems(code: string): Promise<string[]> {
  return (await items(code)).map(show);
}

describe('reference/operator: selecting and pairing', () => {
  it('max and min: by value, by a mapping closure, by a comparator', async () => {
    expect(await shownItems('channel.of(8, 6, 2, 5).max()')).toEqual(['8']);
    expect(await shownItems("channel.of('hello', 'hi', 'hey').max { v -> v.length() }")).toEqual(['hello']);
    expect(await shownItems("channel.of('hello', 'hi', 'hey').max { a, b -> a.length() <=> b.length() }")).toEqual([
      'hello',
    ]);
    expect(await shownItems('channel.of(8, 6, 2, 5).min()')).toEqual(['2']);
    expect(await shownItems("channel.of('hello', 'hi', 'hey').min { v -> v.length() }")).toEqual(['hi']);
    expect(await shownItems('channel.empty().max()')).toEqual([]);
  });

  it('until stops before the first item that meets the condition', async () => {
    expect(await shownItems('channel.of(3, 2, 1, 5, 1, 5).until { v -> v == 5 }')).toEqual(['3', '2', '1']);
  });

  it('merge pairs items in step while every channel has one; a closure builds the item', async () => {
    expect(await shownItems('channel.of(1, 3, 5, 7, 9).merge(channel.of(2, 4, 6))')).toEqual([
      '[1, 2]',
      '[3, 4]',
      '[5, 6]',
    ]);
    expect(
      (await shownItems('channel.of(1, 3, 5, 7, 9).merge(channel.of(2, 4, 6)) { a, b -> tuple(b*b, a) }')).sort(),
    ).toEqual(['[16, 3]', '[36, 5]', '[4, 1]']);
    expect(await shownItems("channel.of(['a', 1], ['b', 2]).merge(channel.value('x'))")).toEqual([
      '[a, 1, x]',
      '[b, 2, x]',
    ]);
  });

  it('cross pairs each source item with the target items of its key', async () => {
    expect(
      await shownItems(`
source = channel.of( [1, 'alpha'], [2, 'beta'] )
target = channel.of( [1, 'x'], [1, 'y'], [1, 'z'], [2, 'p'], [2, 'q'], [2, 't'] )
source.cross(target)
`),
    ).toEqual([
      '[[1, alpha], [1, x]]',
      '[[1, alpha], [1, y]]',
      '[[1, alpha], [1, z]]',
      '[[2, beta], [2, p]]',
      '[[2, beta], [2, q]]',
      '[[2, beta], [2, t]]',
    ]);
    expect(
      await shownItems(`
source = channel.of( [1, 'alpha'], [2, 'beta'] )
target = channel.of( [1, 'a'], [1, 'b'], [2, 'a'], [2, 'b'] )
source.cross(target) { v -> v[1][0] }
`),
    ).toEqual(['[[1, alpha], [1, a]]', '[[1, alpha], [2, a]]', '[[2, beta], [1, b]]', '[[2, beta], [2, b]]']);
  });

  it('randomSample takes n distinct items; with a seed the same ones each time', async () => {
    const sample = await items('channel.of(1..100).randomSample(10)');
    expect(sample).toHaveLength(10);
    expect(new Set(sample.map(show)).size).toBe(10);
    const seeded = (await items('channel.of(1..100).randomSample(10, 234)')).map(show);
    expect((await items('channel.of(1..100).randomSample(10, 234)')).map(show)).toEqual(seeded);
    expect(await items('channel.of(1, 2).randomSample(5)')).toHaveLength(2);
  });

  it('tap binds the channel to a name and passes it on', async () => {
    const { logged, failures } = run(`
channel.of('a', 'b', 'c').tap { log1 }.map { v -> v * 2 }.tap { log2 }.map { v -> v.toUpperCase() }.view { r -> "Result: $r" }
log1.view { v -> "Log 1: $v" }
log2.view { v -> "Log 2: $v" }
`);
    for (let i = 0; i < 100 && logged.length < 9; i++) await new Promise((r) => setTimeout(r, 10));
    expect(failures).toEqual([]);
    expect(logged.filter((l) => l.startsWith('Result'))).toEqual(['Result: AA', 'Result: BB', 'Result: CC']);
    expect(logged.filter((l) => l.startsWith('Log 1'))).toEqual(['Log 1: a', 'Log 1: b', 'Log 1: c']);
    expect(logged.filter((l) => l.startsWith('Log 2'))).toEqual(['Log 2: aa', 'Log 2: bb', 'Log 2: cc']);
  });
});
