import { describe, expect, it } from 'vitest';
import { isExpression, scanNext, UnfinishedExpression } from '../../../../parsers/cwl/expressions/scanner.js';

// The text of each span the scanner finds, in order, resuming after each span.
function spans(text: string): string[] {
  const found: string[] = [];
  let from = 0;
  for (let span = scanNext(text, from); span !== undefined; span = scanNext(text, from)) {
    found.push(text.slice(span.start, span.end));
    from = span.end;
  }
  return found;
}

describe('scanNext', () => {
  it.each([
    ['a $(inputs.x) b', ['$(inputs.x)']],
    ['$(inputs.x)$(inputs.y)', ['$(inputs.x)', '$(inputs.y)']],
    ['${ return {a: 1}; }', ['${ return {a: 1}; }']],
    ['$(f(g(1), (2)))', ['$(f(g(1), (2)))']],
    ['$(")" + inputs.x)', ['$(")" + inputs.x)']],
    ["$(inputs[')'])", ["$(inputs[')'])"]],
    ['${ return "}"; }', ['${ return "}"; }']],
    ['$("a \\" ) b")', ['$("a \\" ) b")']],
    ['$$(x)', ['$(x)']],
    ['\\$(x)', ['\\$']],
    ['cost: $5 and $ alone', []],
    ['plain text', []],
  ])('finds in %j the spans %j', (text, expected) => {
    expect(spans(text)).toEqual(expected);
  });

  it('reports where an expression that never closes starts', () => {
    expect(() => scanNext('ab $(inputs.x')).toThrow(UnfinishedExpression);
    try {
      scanNext('ab ${ return 1;');
    } catch (error) {
      expect((error as UnfinishedExpression).start).toBe(3);
    }
  });

  it('treats a trailing lone $ or backslash as plain text', () => {
    expect(scanNext('price $')).toBeUndefined();
    expect(scanNext('path\\')).toBeUndefined();
  });
});

describe('isExpression', () => {
  it.each([
    ['$(inputs.x)', true],
    ['a ${ return 1 }', true],
    ['$HOME and {braces}', false],
    ['no dollar', false],
    [42, false],
    [null, false],
  ])('says %j is an expression: %s', (value, expected) => {
    expect(isExpression(value)).toBe(expected);
  });
});
