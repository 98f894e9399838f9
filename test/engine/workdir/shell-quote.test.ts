import { describe, expect, it } from 'vitest';
import { exportLines, shellQuote } from '../../../engine/workdir/shell-quote.js';

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

describe('exportLines', () => {
  it('renders one quoted export line per variable', () => {
    expect(exportLines({ SAMPLE: 'a b', N: '1' })).toEqual(["export SAMPLE='a b'", 'export N=1']);
  });

  it('rejects a name a shell cannot export, naming it', () => {
    expect(() => exportLines({ 'BAD-NAME': 'x' })).toThrow('Invalid environment variable name `BAD-NAME`');
  });
});
