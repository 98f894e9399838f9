import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compareOutput, pythonEquals } from '../../../scripts/conformance/compare-output.js';
import { parseExactJson } from '../../../scripts/conformance/exact-json.js';

describe("the conformance runner's comparison (cwltest's compare.py, Python equality)", () => {
  it('reads JSON integers of any size exactly, and other numbers as floats', () => {
    expect(parseExactJson('{"a": 1000000000000000000000000000000000000000000, "b": 1e+42, "c": [2.5, -3]}')).toEqual({
      a: 10n ** 42n,
      b: 1e42,
      c: [2.5, -3n],
    });
    expect(parseExactJson('[null, true, false, "x\\"y"]')).toEqual([null, true, false, 'x"y']);
    expect(() => parseExactJson('{"a": 1,}')).toThrow(SyntaxError);
  });

  it.each([
    [10n ** 42n, 1e42, false],
    [10n ** 42n, 10n ** 42n, true],
    [2n, 2.0, true],
    [1n, true, true],
    [0n, false, true],
    [2.5, 2.5, true],
    ['1', 1n, false],
    [null, undefined, true],
    [null, 0n, false],
  ])('Python says %s == %s is %s', (a, b, expected) => {
    expect(pythonEquals(a, b)).toBe(expected);
  });

  it('fails 1e+42 printed for the integer 10**42, and passes the integer', () => {
    const expected = parse('result: 1000000000000000000000000000000000000000000', { intAsBigInt: true }) as unknown;
    expect(compareOutput(expected, parseExactJson('{"result": 1e+42}'))).toMatch(/expected/);
    expect(compareOutput(expected, parseExactJson('{"result": 1000000000000000000000000000000000000000000}'))).toBe(
      undefined,
    );
  });

  it('treats a missing key as null, fails an extra non-null key, and compares lists by length and item', () => {
    expect(compareOutput({ a: null }, {})).toBeUndefined();
    expect(compareOutput({ a: 1n }, { a: 1n, b: 2n })).toMatch(/unexpected key `b`/);
    expect(compareOutput({ a: 1n }, { a: 1n, b: null })).toBeUndefined();
    expect(compareOutput([1n, 2n], [1n])).toMatch(/lengths don't match/);
    expect(compareOutput('Any', { anything: [1] })).toBeUndefined();
    expect(compareOutput(1n, [1n])).toMatch(/expected/);
  });

  it('checks a File by location suffix, existence, checksum and size on disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-compare-'));
    const path = join(dir, 'out.txt');
    writeFileSync(path, 'hello\n');
    const sha = 'sha1$f572d396fae9206628714fb2ce00f72e94f2258f';
    const actual = () => ({ class: 'File', location: `file://${path}`, checksum: sha, size: 6n });
    expect(compareOutput({ class: 'File', location: 'out.txt', checksum: sha, size: 6n }, actual())).toBeUndefined();
    expect(compareOutput({ class: 'File', location: 'other.txt' }, actual())).toMatch(/does not end with other.txt/);
    expect(compareOutput({ class: 'File', size: 7n }, actual())).toMatch(/size 6, expected 7/);
    expect(compareOutput({ class: 'File' }, { ...actual(), size: 5n })).toMatch(/declared size 5/);
    expect(
      compareOutput({ class: 'File', location: 'gone.txt' }, { class: 'File', location: join(dir, 'gone.txt') }),
    ).toMatch(/does not exist/);
  });
});
