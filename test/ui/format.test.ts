import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, table, truncate } from '../../ui/format.js';

describe('formatting', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1234567, '1,234,567'],
    [-2500, '-2,500'],
  ])('writes %d as %s', (n, text) => expect(formatCount(n)).toBe(text));

  it.each([
    [120, '120ms'],
    [4200, '4.2s'],
    [185_000, '3m05s'],
    [3_720_000, '1h02m'],
  ])('writes a duration of %d ms as %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it('cuts long commands to one line with an ellipsis', () => {
    expect(truncate('echo a\necho b', 100)).toBe('echo a ⏎ echo b');
    expect(truncate('x'.repeat(10), 5)).toBe('xxxx…');
  });

  it('aligns table columns', () => {
    expect(
      table([
        ['A', 'LONG'],
        ['abc', 'x'],
      ]),
    ).toBe('A    LONG\nabc  x');
  });
});
