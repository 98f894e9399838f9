import { describe, expect, it } from 'vitest';
import { checkFormat, expandFormat } from '../../../../parsers/cwl/files/index.js';

const EDAM = 'http://edamontology.org/';

describe('formats', () => {
  it('expands a prefixed format with the namespaces and leaves IRIs alone', () => {
    expect(expandFormat('edam:format_1930', { edam: EDAM })).toBe(`${EDAM}format_1930`);
    expect(expandFormat(`${EDAM}format_1930`, { edam: EDAM })).toBe(`${EDAM}format_1930`);
  });

  it('accepts a file of an accepted format and rejects one of another, naming both', () => {
    expect(() =>
      checkFormat({ class: 'File', location: 'a.fq', format: `${EDAM}format_1930` }, [`${EDAM}format_1930`], 'reads'),
    ).not.toThrow();
    expect(() =>
      checkFormat({ class: 'File', location: 'a.fq', format: `${EDAM}format_2572` }, [`${EDAM}format_1930`], 'reads'),
    ).toThrow(/`reads`.*format_2572, expected .*format_1930/);
  });

  it('rejects a file with no format where one is declared', () => {
    expect(() => checkFormat({ class: 'File', location: 'a.fq' }, [`${EDAM}format_1930`], 'reads')).toThrow(
      /has no format/,
    );
  });
});
