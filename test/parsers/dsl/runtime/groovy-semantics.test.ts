// Groovy semantics nf-core pipelines rely on (found running nf-core/rnaseq 3.24 unmodified): the `=~` matcher, slices
// by ranges with negative ends, sort()/unique() changing their list, toFloat().
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';
import { show } from '../../../../parsers/dsl/runtime/values/values.js';

const shown = (code: string): string => show(run(code).value);

describe('the =~ operator reads as Groovy’s Matcher', () => {
  it('indexes matches, then groups: m[0][1] is the first group of the first match', () => {
    expect(shown("def m = 'a1 b22 c333' =~ /([a-z])(\\d+)/\n[m.size(), m[0][1], m[1][2], m[2][0]]")).toBe(
      '[3, a, 22, c333]',
    );
    expect(shown("('x-1 y-2' =~ /\\d/).findAll()")).toBe('[1, 2]');
  });
  it('is true when the pattern is found and false when not', () => {
    expect(shown("('abc' =~ /b/) ? 'found' : 'none'")).toBe('found');
    expect(shown("('abc' =~ /z/) ? 'found' : 'none'")).toBe('none');
  });
  it('matches a null text as "null", as Groovy converts it (SAMTOOLS_FAIDX stub)', () => {
    expect(shown('def args = null\ndef match = (args =~ /-o(?:utput)?\\s(.*)\\s?/).findAll()\nmatch[0] ? 1 : 0')).toBe(
      '0',
    );
  });
});

describe('slices by a range', () => {
  it('counts negative ends from the end before choosing the direction', () => {
    const p = "def p = 'NFCORE_RNASEQ:PREPARE_GENOME:BBMAP_BBSPLIT'\n";
    expect(shown(`${p}p[p.lastIndexOf(':')+1..-1]`)).toBe('BBMAP_BBSPLIT');
    expect(shown("'hello'[1..-1]")).toBe('ello');
    expect(shown("'hello'[-1..0]")).toBe('olleh');
    expect(shown("'hello'[3..1]")).toBe('lle');
    expect(shown("'hello'[0..<2]")).toBe('he');
    expect(shown('[1, 2, 3, 4][1..-2]')).toBe('[2, 3]');
    expect(shown("''[0..-1]")).toBe('');
  });
});

describe('sort() and unique() change their list, as in Groovy', () => {
  it('sorts and deduplicates in place, and returns the list', () => {
    expect(shown('def l = [3, 1, 3, 2]\nl.unique()\nl.sort()\nl')).toBe('[1, 2, 3]');
    expect(shown('def l = [2, 1]\ndef s = l.sort()\ns << 3\nl')).toBe('[1, 2, 3]');
  });
  it('leaves the list alone with a first argument `false`', () => {
    expect(shown('def l = [2, 1, 2]\ndef s = l.sort(false)\ndef u = l.unique(false)\n[l, s, u]')).toBe(
      '[[2, 1, 2], [1, 2, 2], [2, 1]]',
    );
  });
});

describe('number conversions', () => {
  it('toFloat() and toDouble() give decimals', () => {
    expect(shown('10000.toFloat() + 1')).toBe('10001.0');
    expect(shown('[5.toDouble(), 2.5.toFloat(), 3.floatValue()]')).toBe('[5.0, 2.5, 3.0]');
  });
});
