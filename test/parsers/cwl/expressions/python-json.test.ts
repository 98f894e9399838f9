import { describe, expect, it } from 'vitest';
import { pythonJsonDumps, pythonNumber } from '../../../../parsers/cwl/expressions/python-json.js';

describe('pythonJsonDumps', () => {
  it('writes maps with sorted keys and Python separators', () => {
    expect(pythonJsonDumps({ b: [1, 2], a: { d: null, c: true } })).toBe('{"a": {"c": true, "d": null}, "b": [1, 2]}');
  });

  it('escapes non-ASCII and control characters as json.dumps does', () => {
    expect(pythonJsonDumps(['é', '😀', 'tab\there', 'q"b\\', '\u0001', '\u007f'])).toBe(
      '["\\u00e9", "\\ud83d\\ude00", "tab\\there", "q\\"b\\\\", "\\u0001", "\\u007f"]',
    );
  });

  it('sorts keys by code point like Python', () => {
    expect(pythonJsonDumps({ '\uffff': 1, '😀': 2, B: 3, a: 4 })).toBe(
      '{"B": 3, "a": 4, "\\uffff": 1, "\\ud83d\\ude00": 2}',
    );
  });

  it('writes empty containers without spaces', () => {
    expect(pythonJsonDumps({ a: [], b: {} })).toBe('{"a": [], "b": {}}');
  });
});

describe('pythonNumber', () => {
  // What cwltool prints for the JavaScript result (checked against cwltool 3.1 with Python 3.11).
  it.each([
    [1 / 3, '0.3333333333333333'],
    [2, '2'],
    [-0, '0'],
    [2e16, '20000000000000000'],
    [12345678901234567890, '12345678901234567000'],
    [1e21, '1e+21'],
    [1.5e300, '1.5e+300'],
    [1e-7, '1e-07'],
    [0.00001, '1e-05'],
    [0.000123, '0.000123'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1.5, '1.5'],
    [-2.5e-10, '-2.5e-10'],
    [Number.NaN, 'NaN'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('prints %d as %s', (value, expected) => {
    expect(pythonNumber(value)).toBe(expected);
  });
});
