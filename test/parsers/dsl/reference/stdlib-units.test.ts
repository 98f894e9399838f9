// reference/stdlib-types.md: MemoryUnit and Duration, as `2.GB` and `1.h` make them.
import { describe, expect, it } from 'vitest';
import { shown } from '../runtime/helpers.js';

describe('reference/stdlib-types: MemoryUnit', () => {
  it('prints in the largest unit with one decimal at most', () => {
    expect(shown('"${2.GB}"')).toBe('2 GB');
    expect(shown('"${1536.MB}"')).toBe('1.5 GB');
    expect(shown('"${70.MB}"')).toBe('70 MB');
  });
  it('takes arithmetic and comparisons', () => {
    expect(shown('"${2.GB * 3}"')).toBe('6 GB');
    expect(shown('"${3 * 1.GB}"')).toBe('3 GB');
    expect(shown('"${1.GB + 512.MB}"')).toBe('1.5 GB');
    expect(shown('"${4.GB / 2}"')).toBe('2 GB');
    expect(shown('2.GB > 1.GB')).toBe('true');
    expect(shown('2.GB == 2048.MB')).toBe('true');
    expect(shown('6 < 10.B')).toBe('true'); // a file size in bytes against a MemoryUnit
    expect(shown('2.KB > 2000')).toBe('true');
  });
  it('converts with toGiga(), toMega(), toKilo(), toBytes(), toUnit() and the matching properties', () => {
    expect(shown('2.GB.toGiga()')).toBe('2');
    expect(shown('2.GB.toMega()')).toBe('2048');
    expect(shown('1.MB.toKilo()')).toBe('1024');
    expect(shown('1.KB.toBytes()')).toBe('1024');
    expect(shown("3.GB.toUnit('MB')")).toBe('3072');
    expect(shown('2.GB.giga')).toBe('2');
  });
});

describe('reference/stdlib-types: Duration', () => {
  it('prints as days, hours, minutes and seconds', () => {
    expect(shown('"${1.d}"')).toBe('1d');
    expect(shown('"${90.min}"')).toBe('1h 30m');
    expect(shown('"${500.ms}"')).toBe('500ms');
    expect(shown('"${30.s}"')).toBe('30s');
  });
  it('takes arithmetic and converts with toMillis(), toSeconds(), toMinutes(), toHours(), toDays()', () => {
    expect(shown('"${1.h * 2}"')).toBe('2h');
    expect(shown('"${1.h + 30.min}"')).toBe('1h 30m');
    expect(shown('2.h.toMillis()')).toBe('7200000');
    expect(shown('2.h.toMinutes()')).toBe('120');
    expect(shown('48.h.toDays()')).toBe('2');
    expect(shown('2.h > 90.min')).toBe('true');
  });
});
