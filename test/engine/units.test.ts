import { describe, expect, it } from 'vitest';
import { parseDuration, parseMemory } from '../../engine/units.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

describe('parseMemory', () => {
  it.each([
    ['2 GB', 2 * GiB],
    ['512MB', 512 * MiB],
    ['4G', 4 * GiB],
    ['1.5 GiB', 1.5 * GiB],
    ['100m', 100 * MiB],
    ['64 KiB', 64 * 1024],
    ['1T', 1024 * GiB],
    ['1024', 1024],
    ['10 B', 10],
    [2147483648, 2 * GiB],
    [0, 0],
  ] as const)('reads %j as %d bytes', (input, bytes) => {
    expect(parseMemory(input)).toBe(bytes);
  });

  it.each(['', 'lots', '2 gigs', '-1G', 'G', '1.5.2G', '2 G B'])('rejects %j', (input) => {
    expect(parseMemory(input)).toBeUndefined();
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects the number %d of bytes', (input) => {
    expect(parseMemory(input)).toBeUndefined();
  });
});

describe('parseDuration', () => {
  it.each([
    ['1h', 3_600_000],
    ['30m', 1_800_000],
    ['90s', 90_000],
    ['1h30m', 5_400_000],
    ['1h 30m 15s', 5_415_000],
    ['2d', 172_800_000],
    ['1.5h', 5_400_000],
    ['500ms', 500],
    ['10 minutes', 600_000],
    ['2 hours', 7_200_000],
    ['01:30:00', 5_400_000],
    ['1:02:03', 3_723_000],
    ['100:00:00', 360_000_000],
    ['1-12:00:00', 129_600_000],
    ['45', 45_000],
    [90, 90_000],
    [0.5, 500],
  ] as const)('reads %j as %d ms', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each(['', 'soon', '1h30', '1 fortnight', '01:60:00', '00:00:75', '1:30', '-5m', 'h1'])('rejects %j', (input) => {
    expect(parseDuration(input)).toBeUndefined();
  });

  it('rejects a negative number of seconds', () => {
    expect(parseDuration(-1)).toBeUndefined();
  });
});
