import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drain } from '../../../../parsers/dsl/runtime/operators/support.js';
import { show } from '../../../../parsers/dsl/runtime/values/values.js';
import { channel, items, run } from './helpers.js';

// The items of a channel as Groovy prints them.
async function shownItems(code: string): Promise<string[]> {
  return (await items(code)).map(show);
}

describe('channel factories', () => {
  it('Channel.of emits each argument and expands ranges', async () => {
    expect(await shownItems('Channel.of(1..3)')).toEqual(['1', '2', '3']);
    expect(await shownItems("Channel.of(0, 1..<3, 'x')")).toEqual(['0', '1', '2', 'x']);
    expect(await shownItems('Channel.of([1, 2])')).toEqual(['[1, 2]']);
  });
  it('Channel.value gives a value channel and Channel.of a queue channel', () => {
    expect(channel('Channel.value(1)').isValue).toBe(true);
    expect(channel('Channel.of(1)').isValue).toBe(false);
  });
});

describe('value and queue channels', () => {
  it('first, last, collect, toList, count and reduce give value channels', () => {
    for (const op of ['first()', 'last()', 'collect()', 'toList()', 'count()', 'reduce { a, b -> a + b }']) {
      expect(channel(`Channel.of(1, 2).${op}`).isValue).toBe(true);
    }
  });
  it('a value channel broadcasts: every reader gets its value', async () => {
    const ch = channel('Channel.value(5)');
    expect(await Promise.all([drain(ch), drain(ch), drain(ch)])).toEqual([[5], [5], [5]]);
  });
  it('a process-like reader of a queue channel and a second reader each see every item', async () => {
    const ch = channel('Channel.of(1, 2)');
    expect(await Promise.all([drain(ch), drain(ch)])).toEqual([
      [1, 2],
      [1, 2],
    ]);
  });
  it('map over a value channel stays a value channel, over a queue channel a queue channel', () => {
    expect(channel('Channel.value(1).map { it + 1 }').isValue).toBe(true);
    expect(channel('Channel.of(1).map { it + 1 }').isValue).toBe(false);
  });
  it('collect flattens one level and gives nothing for an empty channel', async () => {
    expect(await shownItems('Channel.of([1, 2], 3).collect()')).toEqual(['[1, 2, 3]']);
    expect(await items('Channel.empty().collect()')).toEqual([]);
    expect(await shownItems('Channel.empty().toList()')).toEqual(['[]']);
  });
});

describe('transforming operators', () => {
  it('map, flatMap, filter and flatten', async () => {
    expect(await shownItems('Channel.of(1, 2).map { it * 10 }')).toEqual(['10', '20']);
    expect(await shownItems('Channel.of(1, 2).flatMap { [it, it] }')).toEqual(['1', '1', '2', '2']);
    expect(await shownItems('Channel.of(1, 2, 3).filter { it != 2 }')).toEqual(['1', '3']);
    expect(await shownItems('Channel.of([1, [2]], 3).flatten()')).toEqual(['1', '2', '3']);
  });
  it('take stops after n items; first and last pick one', async () => {
    expect(await shownItems('Channel.of(1, 2, 3).take(2)')).toEqual(['1', '2']);
    expect(await shownItems('Channel.of(1, 2, 3).first()')).toEqual(['1']);
    expect(await shownItems('Channel.of(1, 2, 3).last()')).toEqual(['3']);
  });
  it('unique drops repeats anywhere, distinct only consecutive ones', async () => {
    expect(await shownItems('Channel.of(1, 2, 1, 1).unique()')).toEqual(['1', '2']);
    expect(await shownItems('Channel.of(1, 1, 2, 1).distinct()')).toEqual(['1', '2', '1']);
  });
  it('count, toSortedList and ifEmpty', async () => {
    expect(await shownItems("Channel.of('a', 'b').count()")).toEqual(['2']);
    expect(await shownItems('Channel.of(3, 1, 2).toSortedList()')).toEqual(['[1, 2, 3]']);
    expect(await shownItems("Channel.empty().ifEmpty('none')")).toEqual(['none']);
    expect(await shownItems("Channel.of(1).ifEmpty('none')")).toEqual(['1']);
  });
  it('view logs each item and passes it on', async () => {
    const { value, logged } = run('Channel.of(1, 2).view { "v$it" }');
    expect((await drain(value as ReturnType<typeof channel>)).map(show)).toEqual(['1', '2']);
    expect(logged).toEqual(['v1', 'v2']);
  });
});

describe('gathering operators', () => {
  it('mix merges every item of every channel', async () => {
    expect((await shownItems('Channel.of(1, 2).mix(Channel.of(3), Channel.value(4))')).sort()).toEqual([
      '1',
      '2',
      '3',
      '4',
    ]);
  });
  it('join pairs items by key, and remainder keeps the unmatched', async () => {
    const left = "Channel.of(['a', 1], ['b', 2], ['c', 3])";
    const right = "Channel.of(['b', 'B'], ['a', 'A'], ['d', 'D'])";
    expect((await shownItems(`${left}.join(${right})`)).sort()).toEqual(['[a, 1, A]', '[b, 2, B]']);
    expect((await shownItems(`${left}.join(${right}, remainder: true)`)).sort()).toEqual([
      '[a, 1, A]',
      '[b, 2, B]',
      '[c, 3, null]',
      '[d, null, D]',
    ]);
  });
  it('groupTuple groups by the first element, by another index, and emits at `size`', async () => {
    expect(await shownItems("Channel.of(['a', 1], ['b', 2], ['a', 3]).groupTuple()")).toEqual([
      '[a, [1, 3]]',
      '[b, [2]]',
    ]);
    expect(await shownItems("Channel.of([1, 'a'], [2, 'a']).groupTuple(by: 1)")).toEqual(['[[1, 2], a]']);
    expect(await shownItems("Channel.of(['a', 1], ['a', 2], ['a', 3]).groupTuple(size: 2)")).toEqual(['[a, [1, 2]]']);
    expect(await shownItems("Channel.of(['a', 1], ['a', 2], ['a', 3]).groupTuple(size: 2, remainder: true)")).toEqual([
      '[a, [1, 2]]',
      '[a, [3]]',
    ]);
  });
  it('combine crosses every pair, or only pairs with equal keys with `by`', async () => {
    expect(await shownItems("Channel.of(1, 2).combine(Channel.of('x', 'y'))")).toEqual([
      '[1, x]',
      '[1, y]',
      '[2, x]',
      '[2, y]',
    ]);
    expect(await shownItems("Channel.of(['a', 1], ['b', 2]).combine(Channel.of(['a', 'x']), by: 0)")).toEqual([
      '[a, 1, x]',
    ]);
  });
});

describe('splitting operators', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-ops-'));
  writeFileSync(join(dir, 'samples.tsv'), 'id\tfastq\ns1\ta.fq\ns2\tb.fq\n');
  it('splitCsv with header and sep gives one map per row', async () => {
    expect(await shownItems(`Channel.fromPath('${dir}/samples.tsv').splitCsv(header: true, sep: '\\t')`)).toEqual([
      '[id:s1, fastq:a.fq]',
      '[id:s2, fastq:b.fq]',
    ]);
  });
  it('splitCsv without header gives one list per row', async () => {
    expect(await shownItems('Channel.of(\'a,b\\nc,"d,e"\').splitCsv()')).toEqual(['[a, b]', '[c, d,e]']);
  });
  it('splitCsv with an empty sep or quote keeps the defaults, as Nextflow does', async () => {
    expect(
      await shownItems("Channel.of('SRR1\\nERR2, x').splitCsv(header: false, sep: '', quote: '', strip: true)"),
    ).toEqual(['[SRR1]', '[ERR2, x]']);
  });
});

describe('collectFile', () => {
  it('writes the items into one named file, sorted, one per line, under storeDir', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-cf-'));
    const paths = await items(
      `Channel.of('b', 'a', 'c').collectFile(name: 'all.txt', newLine: true, storeDir: '${dir}')`,
    );
    expect(paths.map(show)).toEqual([join(dir, 'all.txt')]);
    expect(readFileSync(join(dir, 'all.txt'), 'utf8')).toBe('a\nb\nc\n');
  });
  it('keeps arrival order with sort: false and writes one file per name a closure gives', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-cf-'));
    await items(
      `Channel.of(['x', '2'], ['y', '1'], ['x', '1']).collectFile(sort: false, newLine: true, storeDir: '${dir}') { [it[0] + '.txt', it[1]] }`,
    );
    expect(readFileSync(join(dir, 'x.txt'), 'utf8')).toBe('2\n1\n');
    expect(readFileSync(join(dir, 'y.txt'), 'utf8')).toBe('1\n');
  });
  it('without a name, collects values into collect-file.data and files into files of their own names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-cf-'));
    writeFileSync(join(dir, 'a.txt'), 'one\n');
    const values = await items(`Channel.of('x', 'y').collectFile(newLine: true, storeDir: '${dir}/v')`);
    expect(values.map(show)).toEqual([join(dir, 'v', 'collect-file.data')]);
    expect(readFileSync(join(dir, 'v', 'collect-file.data'), 'utf8')).toBe('x\ny\n');
    const files = await items(
      `Channel.of(file('${dir}/a.txt'), file('${dir}/a.txt')).collectFile(storeDir: '${dir}/f')`,
    );
    expect(files.map(show)).toEqual([join(dir, 'f', 'a.txt')]);
    expect(readFileSync(join(dir, 'f', 'a.txt'), 'utf8')).toBe('one\none\n');
  });
  it('a name holding a directory writes the file there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-cf-'));
    const paths = await items(`Channel.of('b', 'a').collectFile(name: '${dir}/out/all.txt', newLine: true)`);
    expect(paths.map(show)).toEqual([join(dir, 'out', 'all.txt')]);
    expect(readFileSync(join(dir, 'out', 'all.txt'), 'utf8')).toBe('a\nb\n');
  });
});

describe('operator failures', () => {
  it('a closure that fails while the channel runs is reported at the closure with the operator named', async () => {
    const { value, failures } = run("def ch = Channel.of('x')\nch.map {\n  it.nope()\n}");
    await drain(value as ReturnType<typeof channel>);
    expect(failures[0]?.message).toMatch(/operator `map` failed: unknown method `nope`/);
    expect((failures[0] as { location?: unknown }).location).toEqual({ file: 'test.nf', line: 3, column: 3 });
  });
});

describe('transpose', () => {
  it('turns each tuple with lists into one tuple per list position, copying the other elements', async () => {
    expect(
      await shownItems("Channel.of([1, ['a', 'b', 'c'], ['x', 'y', 'z']], [2, ['p'], ['q']]).transpose()"),
    ).toEqual(['[1, a, x]', '[1, b, y]', '[1, c, z]', '[2, p, q]']);
  });
  it('stops at the shortest list, or pads with null under remainder: true', async () => {
    expect(await shownItems("Channel.of([1, ['a', 'b'], ['x']]).transpose()")).toEqual(['[1, a, x]']);
    expect(await shownItems("Channel.of([1, ['a', 'b'], ['x']]).transpose(remainder: true)")).toEqual([
      '[1, a, x]',
      '[1, b, null]',
    ]);
  });
  it('transposes only the elements `by` names, and passes items without lists through', async () => {
    expect(await shownItems("Channel.of([['m'], ['a', 'b']]).transpose(by: 1)")).toEqual(['[[m], a]', '[[m], b]']);
    expect(await shownItems("Channel.of([1, 'a']).transpose()")).toEqual(['[1, a]']);
  });
});
