// The stored form of DSL values an exec: task keeps for -resume: every kind it knows reads back equal, and a value
// with no stored form (a closure) gives none, so the task runs again.
import { describe, expect, it } from 'vitest';
import { decodeValues, encodeValues } from '../../../../../parsers/dsl/runtime/values/persist.js';
import { GDecimal, pathValue } from '../../../../../parsers/dsl/runtime/values/values.js';
import { Duration, MemoryUnit } from '../../../../../parsers/dsl/runtime/values/units.js';

describe('persisted DSL values', () => {
  it('reads back strings, numbers, booleans, null, lists, maps with any keys, paths, decimals, memory and durations', () => {
    const values = [
      'a',
      3,
      true,
      null,
      [1, ['x', false]],
      new Map<unknown, unknown>([
        [1, 'one'],
        ['k', new Map([['nested', 2]])],
      ]),
      pathValue('/data/x.txt'),
      new GDecimal(2.5),
      new MemoryUnit(2 ** 30),
      new Duration(90_000),
    ];
    const text = encodeValues(values);
    expect(text).toBeDefined();
    expect(decodeValues(text as string)).toEqual(values);
  });

  it('has no stored form for a closure, a staged name or a non-finite number, and reads no malformed text', () => {
    const closure = { kind: 'closure', arity: 0, call: () => 1 };
    expect(encodeValues(['a', closure])).toBeUndefined();
    expect(encodeValues([{ kind: 'path', path: 'x.txt', staged: true }])).toBeUndefined();
    expect(encodeValues([Number.POSITIVE_INFINITY])).toBeUndefined();
    expect(decodeValues('not json')).toBeUndefined();
    expect(decodeValues('{"list":[{"unknown":1}]}')).toBeUndefined();
    expect(decodeValues('"a"')).toBeUndefined();
  });
});
