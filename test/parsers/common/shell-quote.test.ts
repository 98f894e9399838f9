import { describe, expect, it } from 'vitest';
import { shellQuote } from '../../../parsers/common/shell-quote.js';

describe('shellQuote', () => {
  it.each([
    ['data/a.txt', 'data/a.txt'],
    ['sample_1,lane=2', 'sample_1,lane=2'],
    ['my notes.md', "'my notes.md'"],
    ["it's", "'it'\\''s'"],
    ['$HOME', "'$HOME'"],
    ['a;rm -rf b', "'a;rm -rf b'"],
    ['*.txt', "'*.txt'"],
    ['', "''"],
  ])('passes %j to the shell as %s', (value, quoted) => {
    expect(shellQuote(value)).toBe(quoted);
  });
});
