import { describe, expect, it } from 'vitest';
import { escapeRuleFor, interpolate } from '../../../../parsers/cwl/expressions/interpolate.js';
import type { InterpolationOptions } from '../../../../parsers/cwl/expressions/interpolate.js';

const v12: InterpolationOptions = { escapes: 'v1.2', stripWhitespace: true };
const legacy: InterpolationOptions = { escapes: 'legacy', stripWhitespace: true };

// Every `$(inputs.val)` evaluates to "val"; anything else to a marker naming the fragment.
const fakeEvaluate = (fragment: string): unknown => (fragment === '(inputs.val)' ? 'val' : `<${fragment}>`);

describe('interpolate', () => {
  // The lines of the conformance test string-interpolation/bash-dollar-quote.cwl: echo's argument → what it prints.
  it.each([
    ["'$(inputs.val)'", "'val'"],
    ["'\\$(inputs.val)'", "'$(inputs.val)'"],
    ["'\\\\$(inputs.val)'", "'\\val'"],
    ["'\\\\\\$(inputs.val)'", "'\\$(inputs.val)'"],
    ["'\\\\\\\\$(inputs.val)'", "'\\\\val'"],
    ["'\\\\\\\\\\$(inputs.val)'", "'\\\\$(inputs.val)'"],
    ["'\\'", "'\\'"],
    ["'\\\\'", "'\\'"],
    ["'\\\\\\'", "'\\\\'"],
    ["'\\\\\\\\'", "'\\\\'"],
    ["'$'", "'$'"],
    ["'\\$'", "'\\$'"],
    ["'\\\\$'", "'\\$'"],
    ["'$$'", "'$$'"],
    ["'$$$'", "'$$$'"],
    ['\\${ not code }', '${ not code }'],
    ['echo \\$(echo \\\n  "x" | rev)', 'echo $(echo \\\n  "x" | rev)'],
  ])('turns %s into %s under the v1.2 escaping rules', async (text, expected) => {
    expect(await interpolate(text, fakeEvaluate, v12)).toBe(expected);
  });

  it.each([
    ['\\$(inputs.val)', '$(inputs.val)'],
    ['\\\\$(inputs.val)', '\\val'],
    ['\\q', 'q'],
    ['a\\', 'a\\'],
  ])('turns %s into %s under the legacy (v1.0, v1.1) escaping', async (text, expected) => {
    expect(await interpolate(text, fakeEvaluate, legacy)).toBe(expected);
  });

  it('returns the value itself when the trimmed string is exactly one expression', async () => {
    const value = { a: [1, 2] };
    expect(await interpolate('  $(x)\n', () => value, v12)).toBe(value);
    expect(await interpolate('$(x)', () => 3, v12)).toBe(3);
  });

  it('keeps surrounding whitespace, and so interpolates, when asked not to strip it', async () => {
    expect(await interpolate('$(x)\n', () => 3, { escapes: 'v1.2', stripWhitespace: false })).toBe('3\n');
  });

  it('splices strings bare and other values as JSON the way cwltool does', async () => {
    const values: Record<string, unknown> = {
      '(s)': 'text',
      '(o)': { b: 1, a: 'é' },
      '(n)': null,
      '(f)': 1 / 3,
      '(l)': [true, 2],
    };
    expect(await interpolate('$(s) $(o) $(n) $(f) $(l)', (fragment) => values[fragment], v12)).toBe(
      'text {"a": "\\u00e9", "b": 1} null 0.3333333333333333 [true, 2]',
    );
  });

  it('interpolates an expression that follows an escape instead of returning its raw value', async () => {
    expect(await interpolate('\\q$(x)', () => 5, v12)).toBe('\\q5');
  });

  it('evaluates the expressions of a string in order, each once', async () => {
    const seen: string[] = [];
    const result = await interpolate('$(a)-$(b)-$(a)', (fragment) => (seen.push(fragment), fragment.length), v12);
    expect(result).toBe('3-3-3');
    expect(seen).toEqual(['(a)', '(b)', '(a)']);
  });
});

describe('escapeRuleFor', () => {
  it.each([
    ['v1.0', 'legacy'],
    ['v1.1', 'legacy'],
    ['v1.2', 'v1.2'],
    [undefined, 'v1.2'],
  ] as const)('gives %s documents the %s escaping', (version, rule) => {
    expect(escapeRuleFor(version)).toBe(rule);
  });
});
